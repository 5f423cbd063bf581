// types::Decimal: arithmetic with numeric's scales, and PostgreSQL's numeric
// storage format in both directions.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "plpolar/types/decimal.hpp"

using plpolar::types::Decimal;
using plpolar::types::DecimalAdd;
using plpolar::types::DecimalMul;
using plpolar::types::DecimalSub;
using plpolar::types::DecodeNumeric;
using plpolar::types::EncodeNumeric;

namespace {

Decimal D(long long mantissa, int scale) {
    Decimal d;
    d.mantissa = mantissa;
    d.scale = scale;
    return d;
}

std::vector<uint16_t> Encode(const Decimal &d) {
    uint8_t buf[plpolar::types::kMaxNumericPayload];
    size_t len = EncodeNumeric(d, buf);
    std::vector<uint16_t> words(len / 2);
    memcpy(words.data(), buf, len);
    return words;
}

std::string Text(const Decimal &d) {
    __int128 m = d.mantissa < 0 ? -d.mantissa : d.mantissa;
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
    } while (m != 0);
    while (static_cast<int>(digits.size()) <= d.scale) digits.insert(digits.begin(), '0');
    if (d.scale > 0) digits.insert(digits.size() - static_cast<size_t>(d.scale), ".");
    return (d.mantissa < 0 ? "-" : "") + digits;
}

}  // namespace

// Header words as make_result() builds them: short form 0x8000 | sign 0x2000
// | dscale << 7 | weight (7 bits); digits in base 10000, zeros stripped.
TEST(Decimal, EncodesLikeMakeResult) {
    EXPECT_EQ(Encode(D(15, 1)), (std::vector<uint16_t>{0x8080, 1, 5000}));       // 1.5
    EXPECT_EQ(Encode(D(150, 2)), (std::vector<uint16_t>{0x8100, 1, 5000}));      // 1.50
    EXPECT_EQ(Encode(D(-25, 2)), (std::vector<uint16_t>{0xA100 | 0x7F, 2500}));  // -0.25: weight -1
    EXPECT_EQ(Encode(D(0, 3)), (std::vector<uint16_t>{0x8180}));                 // 0.000: positive, weight 0
    EXPECT_EQ(Encode(D(100000000, 0)), (std::vector<uint16_t>{0x8002, 1}));      // 1 0000 0000: weight 2
    EXPECT_EQ(Encode(D(123456789, 4)), (std::vector<uint16_t>{0x8200 | 1, 1, 2345, 6789}));  // 12345.6789
    EXPECT_EQ(Encode(D(1, 9)), (std::vector<uint16_t>{0x8480 | 0x40 | (-3 & 0x3F), 1000}));  // 0.0000 0000 1000
}

TEST(Decimal, RoundTripsThroughTheFormat) {
    std::vector<Decimal> values;
    const long long mantissas[] = {0, 1, -1, 9999, 10000, -10001, 123456789012345678LL, -999999999999999999LL};
    for (long long m : mantissas)
        for (int scale : {0, 1, 3, 4, 5, 8, 17, 30}) values.push_back(D(m, scale));
    Decimal big;
    big.mantissa = static_cast<__int128>(999999999999999999LL) * 100000000000000000LL;  // 35 digits
    big.scale = 30;
    values.push_back(big);
    for (const Decimal &d : values) {
        uint8_t buf[plpolar::types::kMaxNumericPayload];
        size_t len = EncodeNumeric(d, buf);
        Decimal back;
        ASSERT_TRUE(DecodeNumeric(buf, len, &back)) << Text(d);
        EXPECT_EQ(Text(back), Text(d));
        EXPECT_EQ(back.scale, d.scale);
    }
}

TEST(Decimal, RefusesWhatItCannotHold) {
    // NaN, +Infinity
    uint16_t nan[] = {0xC000};
    uint16_t inf[] = {0xD000};
    Decimal out;
    EXPECT_FALSE(DecodeNumeric(reinterpret_cast<uint8_t *>(nan), 2, &out));
    EXPECT_FALSE(DecodeNumeric(reinterpret_cast<uint8_t *>(inf), 2, &out));
    // 10^40: long form, weight 10
    uint16_t huge[] = {0x0000, 10, 1};
    EXPECT_FALSE(DecodeNumeric(reinterpret_cast<uint8_t *>(huge), sizeof huge, &out));
    // display scale 40
    uint16_t fine[] = {40, 0, 1};
    EXPECT_FALSE(DecodeNumeric(reinterpret_cast<uint8_t *>(fine), sizeof fine, &out));
    // a digit beyond the display scale: 1.2345 shown with dscale 2
    uint16_t beyond[] = {0x8100, 1, 2345};
    EXPECT_FALSE(DecodeNumeric(reinterpret_cast<uint8_t *>(beyond), sizeof beyond, &out));
    // arithmetic leaving 35 digits
    Decimal max;
    max.mantissa = static_cast<__int128>(99999999999999999LL) * 1000000000000000000LL;  // 35 digits
    Decimal r;
    EXPECT_FALSE(DecimalAdd(max, max, &r));
    EXPECT_FALSE(DecimalMul(max, D(10, 0), &r));
    EXPECT_FALSE(DecimalMul(D(1, 20), D(1, 20), &r));  // scale 40
}

TEST(Decimal, ScalesFollowNumeric) {
    Decimal r;
    ASSERT_TRUE(DecimalAdd(D(150, 2), D(2125, 3), &r));
    EXPECT_EQ(Text(r), "3.625");
    ASSERT_TRUE(DecimalSub(D(150, 2), D(150, 2), &r));
    EXPECT_EQ(Text(r), "0.00");
    ASSERT_TRUE(DecimalMul(D(150, 2), D(2125, 3), &r));
    EXPECT_EQ(Text(r), "3.18750");
    ASSERT_TRUE(DecimalMul(D(-15, 1), D(15, 1), &r));
    EXPECT_EQ(Text(r), "-2.25");
}

// numeric_round / numeric_trunc: half away from zero, the scale the digits
// ask for (0 when negative), zeros appended when there are fewer digits.
TEST(Decimal, RoundsAndTruncatesLikeNumeric) {
    using plpolar::types::DecimalRound;
    auto round = [](Decimal a, int digits, bool truncate) {
        Decimal out;
        EXPECT_TRUE(DecimalRound(a, digits, truncate, &out));
        return std::to_string(static_cast<long long>(out.mantissa)) + "e-" + std::to_string(out.scale);
    };
    EXPECT_EQ(round(D(137, 2), 1, false), "14e-1");      // round(1.37, 1) = 1.4
    EXPECT_EQ(round(D(-135, 2), 1, false), "-14e-1");    // round(-1.35, 1) = -1.4
    EXPECT_EQ(round(D(-135, 2), 1, true), "-13e-1");     // trunc(-1.35, 1) = -1.3
    EXPECT_EQ(round(D(15, 1), 0, false), "2e-0");        // round(1.5) = 2
    EXPECT_EQ(round(D(-25, 1), 0, false), "-3e-0");      // round(-2.5) = -3
    EXPECT_EQ(round(D(15, 1), 3, false), "1500e-3");     // round(1.5, 3) = 1.500
    EXPECT_EQ(round(D(1250, 0), -2, false), "1300e-0");  // round(1250, -2) = 1300
    EXPECT_EQ(round(D(1249, 0), -2, false), "1200e-0");
    EXPECT_EQ(round(D(-1299, 1), -1, true), "-120e-0");  // trunc(-129.9, -1) = -120
    EXPECT_EQ(round(D(4, 2), 1, false), "0e-1");         // round(0.04, 1) = 0.0
    EXPECT_EQ(round(D(5, 0), -30, false), "0e-0");
    Decimal out;
    EXPECT_FALSE(DecimalRound(D(1, 0), 31, false, &out));  // beyond the range: numeric decides
}

TEST(Decimal, ModLikePlpolarMod) {
    using plpolar::types::DecimalMod;
    Decimal out;
    ASSERT_TRUE(DecimalMod(D(137, 2), D(3, 0), &out));  // mod(1.37, 3) = 1.37
    EXPECT_EQ(static_cast<long long>(out.mantissa), 137);
    EXPECT_EQ(out.scale, 2);
    ASSERT_TRUE(DecimalMod(D(-75, 1), D(2, 0), &out));  // mod(-7.5, 2) = -1.5
    EXPECT_EQ(static_cast<long long>(out.mantissa), -15);
    EXPECT_EQ(out.scale, 1);
    ASSERT_TRUE(DecimalMod(D(500, 2), D(0, 1), &out));  // MOD(m, 0) is m, its scale kept
    EXPECT_EQ(static_cast<long long>(out.mantissa), 500);
    EXPECT_EQ(out.scale, 2);
}
