/*
 * SQL-level NUMBER: Oracle's decimal type on numeric's representation.
 *
 * The value is a numeric datum, so that casts to and from numeric are
 * binary (numeric's operators, aggregates and btree/hash opclasses apply
 * through them); what differs from numeric is Oracle's:
 *  - the type modifier NUMBER(p[,s]): precision 1..38, scale -84..127
 *    (scale may exceed the precision, as Oracle allows), encoded as
 *    PostgreSQL 15 encodes numeric's, so that numeric code reading a
 *    number's typmod understands it;
 *  - rounding to the scale (half away from zero, as numeric rounds) and
 *    ORA-01438 when the rounded value has more digits than p - s allows;
 *  - no NaN or Infinity (not Oracle NUMBER values);
 *  - output without trailing fractional zeros (1.50 prints 1.5).
 * Plain C (no C++), every exported symbol prefixed plpolar_ (orafce
 * coexistence, as in varchar2.c).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#pragma GCC visibility push(default)
PG_FUNCTION_INFO_V1(plpolar_number_in);
PG_FUNCTION_INFO_V1(plpolar_number_out);
PG_FUNCTION_INFO_V1(plpolar_number_recv);
PG_FUNCTION_INFO_V1(plpolar_number_typmodin);
PG_FUNCTION_INFO_V1(plpolar_number_typmodout);
PG_FUNCTION_INFO_V1(plpolar_number_typmod);
#pragma GCC visibility pop

#define NUMBER_MAX_PRECISION 38
#define NUMBER_MIN_SCALE (-84)
#define NUMBER_MAX_SCALE 127

static int32
make_typmod(int precision, int scale)
{
	return ((precision << 16) | (scale & 0x7ff)) + VARHDRSZ;
}

static bool
typmod_valid(int32 typmod)
{
	return typmod >= (int32) VARHDRSZ;
}

static int
typmod_precision(int32 typmod)
{
	return ((typmod - VARHDRSZ) >> 16) & 0xffff;
}

static int
typmod_scale(int32 typmod)
{
	/* the low 11 bits, sign-extended */
	return (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
}

static void
reject_special(Numeric num)
{
	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("ORA-01722: invalid number"),
				 errdetail("NaN and Infinity are not values of Oracle's NUMBER.")));
}

/*
 * Oracle's NUMBER(p,s) store: round to s digits after the point (s < 0:
 * to 10^-s), then at most p - s digits may remain before the point, i.e.
 * |value| < 10^(p - s).
 */
static Numeric
apply_typmod(Numeric num, int32 typmod)
{
	int			precision;
	int			scale;
	Numeric		rounded;
	Numeric		limit;
	char		limit_text[32];

	reject_special(num);
	if (!typmod_valid(typmod))
		return num;
	precision = typmod_precision(typmod);
	scale = typmod_scale(typmod);
	rounded = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(num), Int32GetDatum(scale)));
	snprintf(limit_text, sizeof(limit_text), "1e%d", precision - scale);
	limit = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(limit_text),
												ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  DirectFunctionCall1(numeric_abs, NumericGetDatum(rounded)),
										  NumericGetDatum(limit))) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("ORA-01438: value larger than specified precision allowed for this column"),
				 errdetail("NUMBER(%d,%d) holds values whose absolute value is less than 1e%d.",
						   precision, scale, precision - scale)));
	return rounded;
}

Datum
plpolar_number_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	int32		typmod = PG_GETARG_INT32(2);
	Numeric		num;

	num = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(s),
											  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	PG_RETURN_NUMERIC(apply_typmod(num, typmod));
}

/*
 * numeric's text without trailing fractional zeros, as Oracle shows a
 * NUMBER (1.50 -> 1.5, 2.00 -> 2); the leading zero of 0.5 stays, since
 * clients and drivers parse it and SQL*Plus' ".5" is a display format.
 */
Datum
plpolar_number_out(PG_FUNCTION_ARGS)
{
	Numeric		num = PG_GETARG_NUMERIC(0);
	char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	char	   *point = strchr(s, '.');

	if (point != NULL)
	{
		char	   *end = s + strlen(s);

		while (end > point + 1 && end[-1] == '0')
			--end;
		if (end == point + 1)
			--end;
		*end = '\0';
	}
	PG_RETURN_CSTRING(s);
}

Datum
plpolar_number_recv(PG_FUNCTION_ARGS)
{
	int32		typmod = PG_GETARG_INT32(2);
	Numeric		num;

	num = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PG_GETARG_DATUM(0),
											  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	PG_RETURN_NUMERIC(apply_typmod(num, typmod));
}

Datum
plpolar_number_typmodin(PG_FUNCTION_ARGS)
{
	ArrayType  *ta = PG_GETARG_ARRAYTYPE_P(0);
	int32	   *tl;
	int			n;
	int			precision;
	int			scale = 0;

	tl = ArrayGetIntegerTypmods(ta, &n);
	if (n < 1 || n > 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid NUMBER type modifier"),
				 errhint("Write NUMBER, NUMBER(p) or NUMBER(p,s).")));
	precision = tl[0];
	if (n == 2)
		scale = tl[1];
	if (precision < 1 || precision > NUMBER_MAX_PRECISION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ORA-01727: numeric precision specifier is out of range (1 to 38)")));
	if (scale < NUMBER_MIN_SCALE || scale > NUMBER_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ORA-01728: numeric scale specifier is out of range (-84 to 127)")));
	PG_RETURN_INT32(make_typmod(precision, scale));
}

Datum
plpolar_number_typmodout(PG_FUNCTION_ARGS)
{
	int32		typmod = PG_GETARG_INT32(0);
	char	   *res = (char *) palloc(32);

	if (!typmod_valid(typmod))
		*res = '\0';
	else if (typmod_scale(typmod) == 0)
		snprintf(res, 32, "(%d)", typmod_precision(typmod));
	else
		snprintf(res, 32, "(%d,%d)", typmod_precision(typmod), typmod_scale(typmod));
	PG_RETURN_CSTRING(res);
}

/* Length coercion: assignment to a NUMBER(p,s) column and casts. */
Datum
plpolar_number_typmod(PG_FUNCTION_ARGS)
{
	Numeric		num = PG_GETARG_NUMERIC(0);
	int32		typmod = PG_GETARG_INT32(1);

	PG_RETURN_NUMERIC(apply_typmod(num, typmod));
}
