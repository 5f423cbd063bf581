/*
 * SQL-level VARCHAR2: input, binary input and length coercion. Plain C
 * (no C++), every exported symbol prefixed plpolar_ so that the module can
 * share a backend with orafce, whose C functions are named varchar2*.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#pragma GCC visibility push(default)
PG_FUNCTION_INFO_V1(plpolar_varchar2_in);
PG_FUNCTION_INFO_V1(plpolar_varchar2_recv);
PG_FUNCTION_INFO_V1(plpolar_varchar2_typmod);
#pragma GCC visibility pop

static void
check_length(const char *s, int len, int32 typmod)
{
	int			maxlen;
	int			chars;

	if (typmod < (int32) VARHDRSZ)
		return;
	maxlen = typmod - VARHDRSZ;
	if (len <= maxlen)
		return;					/* bytes >= characters */
	chars = pg_mbstrlen_with_len(s, len);
	if (chars > maxlen)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("value too long for type varchar2(%d)", maxlen),
				 errdetail("The value has %d characters.", chars)));
}

Datum
plpolar_varchar2_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	int32		typmod = PG_GETARG_INT32(2);
	int			len = strlen(s);

	check_length(s, len, typmod);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(s, len));
}

Datum
plpolar_varchar2_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		typmod = PG_GETARG_INT32(2);
	int			nbytes;
	char	   *s = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);

	check_length(s, nbytes, typmod);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(s, nbytes));
}

/* Unlike varchar's, never truncates, not even for an explicit cast. */
Datum
plpolar_varchar2_typmod(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int32		typmod = PG_GETARG_INT32(1);

	check_length(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), typmod);
	PG_RETURN_TEXT_P(t);
}
