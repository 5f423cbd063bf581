// Types and values as the interpreter sees them: PostgreSQL Datums tagged
// with their type, never text round trips.
#pragma once

#include <string>
#include <vector>

#include "plpolar/pg/postgres.hpp"
#include "plpolar/types/decimal.hpp"

namespace plpolar::pg {

struct TypeInfo {
    Oid oid = InvalidOid;
    int32 typmod = -1;
    int16 typlen = 0;
    bool byval = false;
    char typtype = 'b';
    Oid collation = InvalidOid;
    // Character limit of varchar2(n) / varchar(n); -1 when unbounded.
    int char_limit = -1;
    // Byte limit of a PL VARCHAR2(n BYTE); -1 when there is none. The SQL
    // type has no byte semantics: such a variable is varchar2(n) in SQL (n
    // bytes are at most n characters) and the PL assignment checks bytes.
    int byte_limit = -1;

    bool IsVoid() const { return oid == VOIDOID; }
};

struct Value {
    Datum datum = 0;
    bool isnull = true;
    Oid type = InvalidOid;
    int32 typmod = -1;

    static Value Null(Oid type) { return Value{0, true, type, -1}; }
    static Value Of(Datum d, Oid type, int32 typmod = -1) { return Value{d, false, type, typmod}; }
};

// The SQL-level VARCHAR2 type the extension installs in pg_catalog.
Oid Varchar2TypeOid();
// The SQL-level NUMBER type (numeric's representation) in pg_catalog;
// InvalidOid without the extension's version 1.2.
Oid NumberTypeOid();

TypeInfo TypeFromOid(Oid oid, int32 typmod);
// A datum of `from` is one of `to` without conversion (PostgreSQL's
// IsBinaryCoercible).
bool BinaryCoercible(Oid from, Oid to);
// A PostgreSQL type name as SQL writes it, e.g. "numeric(10,2)", "int[]".
TypeInfo ParseTypeName(const std::string &text);
// Whether the type name resolves (qualified or through the search_path).
bool TypeExists(const std::string &text);
// tab.col%TYPE (or schema.tab.col%TYPE).
TypeInfo ColumnType(const std::vector<std::string> &name);
std::string FormatType(Oid oid, int32 typmod);

bool IsStringType(Oid oid);  // text, varchar, varchar2, bpchar
// A timestamp or timestamptz as Oracle converts it to text without a format:
// the session's NLS_DATE_FORMAT, NLS_TIMESTAMP_FORMAT (a fractional
// precision in the typmod) or NLS_TIMESTAMP_TZ_FORMAT (types/datetime.h).
std::string DatetimeText(Datum value, Oid type, int32 typmod);
// pg_type.typcategory: 'N' numbers, 'S' strings, 'D' dates, 'B' booleans...
char TypeCategory(Oid oid);

// Conversions that can raise; all go through the boundary.
Datum InputValue(const std::string &text, const TypeInfo &type);
std::string OutputValue(Datum datum, Oid type);
Datum CopyDatum(Datum datum, bool byval, int16 typlen);
Datum MakeText(const char *data, size_t len);
// A text Value holding a copy of a C string.
Value TextValue(const char *s);
// Number of characters in a text-like datum (server encoding aware).
int TextCharLength(Datum text);
// Bytes of a text-like datum held in memory, or -1 if it is toasted.
int TextByteLength(Datum text);
// Bytes of any text-like datum (toasted ones are not fetched).
int TextOctetLength(Datum text);
// a || b of two text datums held in memory (TextByteLength >= 0), in the
// current memory context.
Datum TextConcat(Datum a, Datum b);
// A text value (in memory, not toasted: TextByteLength >= 0) joined with
// `n` bytes of characters, before or after it, as one new text.
Datum TextConcatChars(Datum t, const char *chars, size_t n, bool chars_first);
// SUBSTRING(text FROM start FOR count) in characters (1-based start,
// count >= 0), PostgreSQL's own text_substr.
Datum TextSubstring(Datum text, int32 start, int32 count);
// Text payload of a (possibly toasted) text-like datum, detoasted into the
// current memory context.
std::string TextToString(Datum text);

// Calls a built-in PostgreSQL function (numeric_add, textlike, ...).
// numeric <-> types::Decimal: false when the value does not fit (NaN,
// Infinity, too many digits); the numeric is built in CurrentMemoryContext.
bool NumericToDecimal(Datum numeric, types::Decimal *out);
Datum DecimalToNumeric(const types::Decimal &d);

Datum Call1(PGFunction fn, Datum a);
// numeric_in: the text's number, or PostgreSQL's invalid-input error.
Datum NumericFromString(const std::string &text);
Datum Call2(PGFunction fn, Datum a, Datum b);
// Call2 that returns the error (null on success) instead of throwing it.
ErrorData *TryCall2(PGFunction fn, Datum a, Datum b, Datum *out);
Datum Call2Coll(PGFunction fn, Oid collation, Datum a, Datum b);
Datum Call1Coll(PGFunction fn, Oid collation, Datum a);
Datum Call3(PGFunction fn, Datum a, Datum b, Datum c);
Datum Call3Coll(PGFunction fn, Oid collation, Datum a, Datum b, Datum c);

}  // namespace plpolar::pg
