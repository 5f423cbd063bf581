// Exact decimals on a 128-bit integer, for NUMBER arithmetic that fits:
// value = mantissa / 10^scale. Results are the ones PostgreSQL's numeric
// gives (add and subtract keep the larger scale, multiply adds the scales,
// exact), and values travel in PostgreSQL's numeric format unchanged.
// Anything outside the range (or NaN / Infinity) is refused, and the caller
// uses PostgreSQL's numeric instead. Needs no server: unit-tested alone.
#pragma once

#include <cstddef>
#include <cstdint>

namespace plpolar::types {

struct Decimal {
    __int128 mantissa = 0;
    int scale = 0;  // numeric's display scale (dscale)
};

// |mantissa| stays below 10^35 and scale at most kMaxDecimalScale, so that
// aligning scales and encoding never overflow 128 bits.
constexpr int kMaxDecimalScale = 30;

// False when the result would leave that range.
bool DecimalAdd(const Decimal &a, const Decimal &b, Decimal *out);
bool DecimalSub(const Decimal &a, const Decimal &b, Decimal *out);
bool DecimalMul(const Decimal &a, const Decimal &b, Decimal *out);
void DecimalNeg(Decimal *d);
// numeric_round / numeric_trunc(a, digits): half away from zero, the
// result's scale digits (0 when negative). False outside the range.
bool DecimalRound(const Decimal &a, int digits, bool truncate, Decimal *out);
// plpolar.mod(a, b): a when b is 0, else numeric's mod (the dividend's
// sign, the larger scale).
bool DecimalMod(const Decimal &a, const Decimal &b, Decimal *out);

// A numeric value's bytes after its varlena header (either header length).
bool DecodeNumeric(const uint8_t *payload, size_t len, Decimal *out);

// Largest payload EncodeNumeric writes.
constexpr size_t kMaxNumericPayload = 4 + 2 * 16;
// Writes the payload make_result() would build for the same value and
// scale; returns its length.
size_t EncodeNumeric(const Decimal &d, uint8_t *payload);

}  // namespace plpolar::types
