/*
 * Oracle's INSTR(str, sub [, pos [, occurrence]]): the character position of
 * the occurrence-th match of sub, searching forwards from pos, or backwards
 * from that many characters before the end when pos is negative; 0 when
 * there is none (and for pos 0); NULL for an empty sub (Oracle's '' is
 * NULL); ORA-01428 for an occurrence below 1. Matches may overlap. In C:
 * the PL/pgSQL function it replaces cost a few microseconds a call.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

/* trunc(n)::integer, with PostgreSQL's error beyond integer range. */
static int32
truncated_int(Datum n)
{
	Datum		t = DirectFunctionCall2(numeric_trunc, n, Int32GetDatum(0));

	return DatumGetInt32(DirectFunctionCall1(numeric_int4, t));
}

PG_FUNCTION_INFO_V1(plpolar_instr);
Datum
plpolar_instr(PG_FUNCTION_ARGS)
{
	text	   *str = PG_GETARG_TEXT_PP(0);
	text	   *sub = PG_GETARG_TEXT_PP(1);
	int32		pos = PG_NARGS() > 2 ? truncated_int(PG_GETARG_DATUM(2)) : 1;
	int32		occurrence = PG_NARGS() > 3 ? truncated_int(PG_GETARG_DATUM(3)) : 1;
	const char *s = VARDATA_ANY(str);
	const char *t = VARDATA_ANY(sub);
	int			slen = VARSIZE_ANY_EXHDR(str);
	int			tlen = VARSIZE_ANY_EXHDR(sub);
	Oid			collation = PG_GET_COLLATION();
	int			nchars = 0;
	int			found = 0;
	int			i;

	if (occurrence < 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("ORA-01428: argument '%s' is out of range",
						DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(3))))));
	if (tlen == 0)
		PG_RETURN_NULL();
	/* strpos' rule: no substring search under a nondeterministic collation. */
	if (OidIsValid(collation) && collation != DEFAULT_COLLATION_OID && !get_collation_isdeterministic(collation))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("nondeterministic collations are not supported for substring searches")));
	if (pos == 0)
		PG_RETURN_INT32(0);

	if (pos > 0)
	{
		/* Character by character from pos: positions are characters. */
		int			at = 0;

		for (i = 1; i < pos && at < slen; i++)
			at += pg_mblen(s + at);
		for (; at < slen; at += pg_mblen(s + at), i++)
			if (slen - at >= tlen && memcmp(s + at, t, tlen) == 0 && ++found == occurrence)
				PG_RETURN_INT32(i);
	}
	else
	{
		/*
		 * From len + pos + 1 down to 1, on the byte offset of every character
		 * (a string may be longer than a quarter gigabyte: huge); a match
		 * must fit before the end.
		 */
		int		   *starts = palloc_extended((Size) (slen + 1) * sizeof(int), MCXT_ALLOC_HUGE);

		for (i = 0; i < slen; i += pg_mblen(s + i))
			starts[nchars++] = i;
		for (i = nchars + pos; i >= 0; i--)
			if (slen - starts[i] >= tlen && memcmp(s + starts[i], t, tlen) == 0 && ++found == occurrence)
				PG_RETURN_INT32(i + 1);
	}
	PG_RETURN_INT32(0);
}
