// See decimal.hpp. The numeric layout is PostgreSQL's on-disk format
// (src/backend/utils/adt/numeric.c): a 16-bit header word, for the long
// form a 16-bit weight, then base-10000 digits, most significant first.
// Being on disk, it cannot change under us.
#include "plpolar/types/decimal.hpp"

#include <cstring>

namespace plpolar::types {

namespace {

using u128 = unsigned __int128;

constexpr uint16_t kSignMask = 0xC000;
constexpr uint16_t kNeg = 0x4000;
constexpr uint16_t kShort = 0x8000;
constexpr uint16_t kSpecial = 0xC000;
constexpr uint16_t kShortSignMask = 0x2000;
constexpr uint16_t kShortDscaleMask = 0x1F80;
constexpr int kShortDscaleShift = 7;
constexpr int kShortDscaleMax = kShortDscaleMask >> kShortDscaleShift;
constexpr uint16_t kShortWeightSignMask = 0x0040;
constexpr uint16_t kShortWeightMask = 0x003F;
constexpr int kShortWeightMax = kShortWeightMask;
constexpr int kShortWeightMin = -(kShortWeightMask + 1);
constexpr uint16_t kDscaleMask = 0x3FFF;
constexpr int kNbase = 10000;

constexpr __int128 Pow10(int n) {
    __int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

constexpr __int128 kLimit = Pow10(35);

struct Powers {
    __int128 p[39];
    __int128 limit_over[39];  // kLimit / 10^i: the largest m that may be scaled up by i
    constexpr Powers() : p(), limit_over() {
        for (int i = 0; i < 39; ++i) {
            p[i] = Pow10(i);
            limit_over[i] = kLimit / p[i];
        }
    }
};
constexpr Powers kPow10;

bool InRange(const Decimal &d) {
    return d.mantissa < kLimit && d.mantissa > -kLimit && d.scale >= 0 && d.scale <= kMaxDecimalScale;
}

// a and b at the larger of their scales.
bool Align(const Decimal &a, const Decimal &b, __int128 *x, __int128 *y, int *scale) {
    *scale = a.scale > b.scale ? a.scale : b.scale;
    return !__builtin_mul_overflow(a.mantissa, kPow10.p[*scale - a.scale], x) &&
           !__builtin_mul_overflow(b.mantissa, kPow10.p[*scale - b.scale], y);
}

uint16_t Load16(const uint8_t *p) {
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

void Store16(uint8_t *p, uint16_t v) { memcpy(p, &v, sizeof v); }

}  // namespace

bool DecimalAdd(const Decimal &a, const Decimal &b, Decimal *out) {
    __int128 x, y;
    if (!Align(a, b, &x, &y, &out->scale) || __builtin_add_overflow(x, y, &out->mantissa)) return false;
    return InRange(*out);
}

bool DecimalSub(const Decimal &a, const Decimal &b, Decimal *out) {
    __int128 x, y;
    if (!Align(a, b, &x, &y, &out->scale) || __builtin_sub_overflow(x, y, &out->mantissa)) return false;
    return InRange(*out);
}

bool DecimalMul(const Decimal &a, const Decimal &b, Decimal *out) {
    out->scale = a.scale + b.scale;
    if (__builtin_mul_overflow(a.mantissa, b.mantissa, &out->mantissa)) return false;
    return InRange(*out);
}

void DecimalNeg(Decimal *d) { d->mantissa = -d->mantissa; }

bool DecimalRound(const Decimal &a, int digits, bool truncate, Decimal *out) {
    if (digits > kMaxDecimalScale || digits < -kMaxDecimalScale) return false;
    if (digits >= a.scale) {
        // More digits than it has: zeros appended, as numeric_round shows.
        out->scale = digits;
        if (__builtin_mul_overflow(a.mantissa, kPow10.p[digits - a.scale], &out->mantissa)) return false;
        return InRange(*out);
    }
    const int drop = a.scale - digits;  // at most 60
    __int128 q = 0;
    if (drop <= 38) {
        const __int128 p = kPow10.p[drop];
        q = a.mantissa / p;
        const __int128 r = a.mantissa % p;
        // Half away from zero, numeric's rounding.
        if (!truncate && (r < 0 ? -r : r) * 2 >= p) q += a.mantissa < 0 ? -1 : 1;
    }  // else |mantissa| < 10^35 is below half of 10^drop: 0
    out->scale = digits > 0 ? digits : 0;
    if (digits >= 0) {
        out->mantissa = q;
    } else if (__builtin_mul_overflow(q, kPow10.p[-digits], &out->mantissa)) {
        return false;
    }
    return InRange(*out);
}

bool DecimalMod(const Decimal &a, const Decimal &b, Decimal *out) {
    if (b.mantissa == 0) {
        // MOD(m, 0) is m (plpolar.mod).
        *out = a;
        return true;
    }
    __int128 x, y;
    if (!Align(a, b, &x, &y, &out->scale)) return false;
    out->mantissa = x % y;  // the sign of the dividend, as numeric's mod
    return InRange(*out);
}

bool DecodeNumeric(const uint8_t *payload, size_t len, Decimal *out) {
    if (len < 2) return false;
    uint16_t header = Load16(payload);
    bool negative;
    int weight;
    size_t digits_at;
    if ((header & kSignMask) == kSpecial) return false;  // NaN, +-Infinity
    if ((header & kSignMask) == kShort) {
        negative = (header & kShortSignMask) != 0;
        out->scale = (header & kShortDscaleMask) >> kShortDscaleShift;
        weight = (header & kShortWeightSignMask) ? static_cast<int>(header & kShortWeightMask) - (kShortWeightMask + 1)
                                                 : static_cast<int>(header & kShortWeightMask);
        digits_at = 2;
    } else {
        if (len < 4) return false;
        negative = (header & kSignMask) == kNeg;
        out->scale = header & kDscaleMask;
        weight = static_cast<int16_t>(Load16(payload + 2));
        digits_at = 4;
    }
    if (out->scale > kMaxDecimalScale || (len - digits_at) % 2 != 0) return false;
    int ndigits = static_cast<int>((len - digits_at) / 2);
    // value = digits as an integer * 10000^(weight - ndigits + 1); up to
    // four digits fit 64 bits, where division is cheap.
    if (ndigits > 10) return false;
    u128 m = 0;
    uint64_t small = 0;
    for (int i = 0; i < ndigits; ++i) {
        auto d = static_cast<int16_t>(Load16(payload + digits_at + 2 * static_cast<size_t>(i)));
        if (d < 0 || d >= kNbase) return false;
        if (ndigits <= 4)
            small = small * kNbase + static_cast<uint16_t>(d);
        else
            m = m * kNbase + static_cast<uint16_t>(d);
    }
    // Decimal exponent of the last digit, then to the display scale.
    int exp10 = ndigits == 0 ? 0 : 4 * (weight - ndigits + 1) + out->scale;
    if (exp10 < 0 && ndigits <= 4) {
        if (-exp10 > 16) return false;
        auto p = static_cast<uint64_t>(kPow10.p[-exp10]);
        if (small % p != 0) return false;  // digits beyond the display scale
        m = small / p;
    } else {
        if (ndigits <= 4) m = small;
        if (exp10 >= 0) {
            if (exp10 > 38) return false;
            if (m > static_cast<u128>(kPow10.limit_over[exp10])) return false;
            m *= static_cast<u128>(kPow10.p[exp10]);
        } else {
            if (-exp10 > 38) return false;
            auto p = static_cast<u128>(kPow10.p[-exp10]);
            if (m % p != 0) return false;
            m /= p;
        }
    }
    if (m >= static_cast<u128>(kLimit)) return false;
    out->mantissa = negative ? -static_cast<__int128>(m) : static_cast<__int128>(m);
    return true;
}

size_t EncodeNumeric(const Decimal &d, uint8_t *payload) {
    bool negative = d.mantissa < 0;
    u128 m = negative ? static_cast<u128>(-d.mantissa) : static_cast<u128>(d.mantissa);
    // Whole base-10000 digits after the point: pad the scale up to them.
    int frac_digits = (d.scale + 3) / 4;
    m *= static_cast<u128>(kPow10.p[frac_digits * 4 - d.scale]);
    // Least significant first; at most 10 digits below 10^38.
    int16_t rev[10];
    int n = 0;
    while (m != 0) {
        uint64_t chunk;
        if (m > UINT64_MAX) {
            // One 128-bit division per 16 decimal digits, 64-bit below.
            constexpr uint64_t kTen16 = 10000000000000000ULL;
            chunk = static_cast<uint64_t>(m % kTen16);
            m /= kTen16;
            for (int i = 0; i < 4; ++i, chunk /= kNbase) rev[n++] = static_cast<int16_t>(chunk % kNbase);
        } else {
            chunk = static_cast<uint64_t>(m);
            m = 0;
            for (; chunk != 0; chunk /= kNbase) rev[n++] = static_cast<int16_t>(chunk % kNbase);
        }
    }
    // rev[0] is worth 10000^-frac_digits. Strip zeros at both ends, as
    // make_result() does; zero is positive with weight 0.
    int low = 0;
    while (low < n && rev[low] == 0) ++low;
    while (n > low && rev[n - 1] == 0) --n;
    int weight = n - 1 - frac_digits;
    if (n == low) {
        weight = 0;
        negative = false;
    }
    size_t at;
    if (d.scale <= kShortDscaleMax && weight <= kShortWeightMax && weight >= kShortWeightMin) {
        auto header = static_cast<uint16_t>((negative ? (kShort | kShortSignMask) : kShort) |
                                            (d.scale << kShortDscaleShift) | (weight < 0 ? kShortWeightSignMask : 0) |
                                            (static_cast<uint16_t>(weight) & kShortWeightMask));
        Store16(payload, header);
        at = 2;
    } else {
        Store16(payload, static_cast<uint16_t>((negative ? kNeg : 0) | (d.scale & kDscaleMask)));
        Store16(payload + 2, static_cast<uint16_t>(static_cast<int16_t>(weight)));
        at = 4;
    }
    for (int i = n - 1; i >= low; --i, at += 2) Store16(payload + at, static_cast<uint16_t>(rev[i]));
    return at;
}

}  // namespace plpolar::types
