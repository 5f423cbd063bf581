/*
 * Oracle's datetime conversions without a format: DATE values through
 * NLS_DATE_FORMAT, TIMESTAMP through NLS_TIMESTAMP_FORMAT and TIMESTAMP WITH
 * TIME ZONE through NLS_TIMESTAMP_TZ_FORMAT (plpolar.nls_*_format), and the
 * format models themselves in PostgreSQL's spelling (datetime.h says how a
 * DATE is told from a TIMESTAMP).
 *
 * Plain C: every call here is a PostgreSQL call that can raise.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "fmgr.h"
#include "nodes/nodeFuncs.h"
#include "nodes/primnodes.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "plpolar/settings/settings.h"
#include "plpolar/types/datetime.h"

static bool
at(const char *s, const char *word)
{
	for (; *word != '\0'; s++, word++)
		if (toupper((unsigned char) *s) != *word)
			return false;
	return true;
}

/*
 * Oracle's elements PostgreSQL spells differently; the rest (YYYY MM DD HH24
 * MI SS AM MON DAY FF1-FF6 TZH TZM "text" ...) is the same in both.
 *   RRRR RR  -> YYYY YY (two-digit years in the nearest century, which is
 *              what PostgreSQL's YY does when it parses)
 *   FF       -> FFn, n the value's precision where the conversion knows
 *              it (NLS formats), else 6 (the most PostgreSQL keeps);
 *   FF7-FF9  -> FF6 (PostgreSQL keeps microseconds)
 *   X        -> .   (the radix character)
 *   TZR      -> TZH:TZM (a timestamptz keeps no region, only the instant)
 *   TZD      -> TZ  (the abbreviation)
 *   SSSSS    -> SSSS (seconds past midnight)
 */
static char *
datetime_format(const char *oracle, int precision)
{
	StringInfoData out;
	bool		quoted = false;
	const char *p = oracle;

	initStringInfo(&out);
	while (*p != '\0')
	{
		if (*p == '"')
		{
			quoted = !quoted;
			appendStringInfoChar(&out, *p++);
			continue;
		}
		if (quoted)
		{
			appendStringInfoChar(&out, *p++);
			continue;
		}
		if (at(p, "RRRR"))
		{
			appendStringInfoString(&out, "YYYY");
			p += 4;
		}
		else if (at(p, "RR"))
		{
			appendStringInfoString(&out, "YY");
			p += 2;
		}
		else if (at(p, "FF"))
		{
			p += 2;
			if (*p >= '1' && *p <= '6')
				appendStringInfo(&out, "FF%c", *p++);
			else if (*p >= '7' && *p <= '9')
			{
				p++;
				appendStringInfoString(&out, "FF6");
			}
			else if (precision >= 1 && precision <= 6)
				appendStringInfo(&out, "FF%d", precision);
			else
				appendStringInfoString(&out, "FF6");
		}
		else if (at(p, "TZR"))
		{
			appendStringInfoString(&out, "TZH:TZM");
			p += 3;
		}
		else if (at(p, "TZD"))
		{
			appendStringInfoString(&out, "TZ");
			p += 3;
		}
		else if (at(p, "TZH") || at(p, "TZM"))
		{
			appendBinaryStringInfo(&out, p, 3);
			p += 3;
		}
		else if (at(p, "SSSSS"))
		{
			appendStringInfoString(&out, "SSSS");
			p += 5;
		}
		else if (toupper((unsigned char) *p) == 'X')
		{
			appendStringInfoChar(&out, '.');
			p++;
		}
		else
			appendStringInfoChar(&out, *p++);
	}
	return out.data;
}

char *
plpolar_datetime_format(const char *oracle)
{
	return datetime_format(oracle, MAX_TIMESTAMP_PRECISION);
}

static bool
is_plpolar_function(Oid funcid, const char *name)
{
	char	   *proname = get_func_name(funcid);
	char	   *nspname;

	if (proname == NULL || strcmp(proname, name) != 0)
		return false;
	nspname = get_namespace_name(get_func_namespace(funcid));
	return nspname != NULL && strcmp(nspname, "plpolar") == 0;
}

int32
plpolar_datetime_typmod(Node *expr)
{
	int32		typmod;

	if (expr == NULL || exprType(expr) != TIMESTAMPOID)
		return -1;
	typmod = exprTypmod(expr);
	if (typmod >= 0)
		return typmod;
	switch (nodeTag(expr))
	{
		case T_SQLValueFunction:
			{
				SQLValueFunctionOp op = ((SQLValueFunction *) expr)->op;

				if (op == SVFOP_LOCALTIMESTAMP || op == SVFOP_LOCALTIMESTAMP_N)
					return MAX_TIMESTAMP_PRECISION;
				return -1;
			}
		case T_FuncExpr:
			{
				FuncExpr   *f = (FuncExpr *) expr;

				/* CAST(timestamptz AS timestamp), TO_TIMESTAMP(...) */
				if (f->funcid == F_TIMESTAMP_TIMESTAMPTZ || is_plpolar_function(f->funcid, "to_timestamp"))
					return MAX_TIMESTAMP_PRECISION;
				return -1;
			}
		case T_OpExpr:
			{
				/* a TIMESTAMP plus or minus an interval stays one */
				OpExpr	   *op = (OpExpr *) expr;

				if (list_length(op->args) == 2)
					return plpolar_datetime_typmod((Node *) linitial(op->args));
				return -1;
			}
		case T_RelabelType:
			return plpolar_datetime_typmod((Node *) ((RelabelType *) expr)->arg);
		default:
			return -1;
	}
}

static const char *
setting_or(const char *value, const char *otherwise)
{
	return value != NULL ? value : otherwise;
}

/* The session's format for a value of that type (Oracle's spelling). */
static const char *
nls_format(Oid type, int32 typmod)
{
	if (type == TIMESTAMPTZOID)
		return setting_or(plpolar_settings->nls_timestamp_tz_format, "YYYY-MM-DD HH24:MI:SS.FF TZH:TZM");
	if (typmod > 0)
		return setting_or(plpolar_settings->nls_timestamp_format, "YYYY-MM-DD HH24:MI:SS.FF");
	return setting_or(plpolar_settings->nls_date_format, "YYYY-MM-DD HH24:MI:SS");
}

text *
plpolar_datetime_to_text(Datum value, Oid type, int32 typmod)
{
	/* FF: the type's precision (TIMESTAMP(3) shows milliseconds) */
	int			precision = typmod > 0 && typmod <= MAX_TIMESTAMP_PRECISION ? typmod : MAX_TIMESTAMP_PRECISION;
	char	   *format = datetime_format(nls_format(type, typmod), precision);
	Datum		result;

	result = DirectFunctionCall2(type == TIMESTAMPTZOID ? timestamptz_to_char : timestamp_to_char, value,
								 PointerGetDatum(cstring_to_text(format)));
	pfree(format);
	return DatumGetTextPP(result);
}

PG_FUNCTION_INFO_V1(plpolar_date_format);
Datum
plpolar_date_format(PG_FUNCTION_ARGS)
{
	char	   *oracle = text_to_cstring(PG_GETARG_TEXT_PP(0));

	PG_RETURN_TEXT_P(cstring_to_text(plpolar_datetime_format(oracle)));
}

/*
 * The argument's typmod from the call's expression, once per call site:
 * TO_CHAR(d) of a DATE column and TO_CHAR(t) of a TIMESTAMP one are the same
 * SQL function.
 */
static int32
argument_typmod(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	int32	   *cached;

	if (flinfo == NULL)
		return -1;
	cached = (int32 *) flinfo->fn_extra;
	if (cached == NULL)
	{
		int32		typmod = -1;
		Node	   *expr = flinfo->fn_expr;

		if (expr != NULL && IsA(expr, FuncExpr) && list_length(((FuncExpr *) expr)->args) >= 1)
			typmod = plpolar_datetime_typmod((Node *) linitial(((FuncExpr *) expr)->args));
		cached = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(int32));
		*cached = typmod;
		flinfo->fn_extra = cached;
	}
	return *cached;
}

/* TO_CHAR(timestamp): the session's NLS_DATE_FORMAT or NLS_TIMESTAMP_FORMAT. */
PG_FUNCTION_INFO_V1(plpolar_to_char_timestamp);
Datum
plpolar_to_char_timestamp(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(plpolar_datetime_to_text(PG_GETARG_DATUM(0), TIMESTAMPOID, argument_typmod(fcinfo)));
}

/* TO_CHAR(timestamptz): NLS_TIMESTAMP_TZ_FORMAT. */
PG_FUNCTION_INFO_V1(plpolar_to_char_timestamptz);
Datum
plpolar_to_char_timestamptz(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(plpolar_datetime_to_text(PG_GETARG_DATUM(0), TIMESTAMPTZOID, -1));
}

/*
 * TO_TIMESTAMP(s [, fmt]) and TO_TIMESTAMP_TZ(s [, fmt]): without a format the
 * session's NLS_TIMESTAMP[_TZ]_FORMAT; '' is NULL, as in Oracle.
 */
static Datum
parse_timestamptz(FunctionCallInfo fcinfo, bool *isnull, const char *default_format)
{
	text	   *value;
	char	   *format;

	*isnull = true;
	if (PG_ARGISNULL(0) || (PG_NARGS() > 1 && PG_ARGISNULL(1)))
		return (Datum) 0;
	value = PG_GETARG_TEXT_PP(0);
	if (VARSIZE_ANY_EXHDR(value) == 0)
		return (Datum) 0;
	if (PG_NARGS() > 1)
		format = plpolar_datetime_format(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	else
		format = plpolar_datetime_format(default_format);
	*isnull = false;
	return DirectFunctionCall2Coll(to_timestamp, PG_GET_COLLATION(), PointerGetDatum(value),
								   PointerGetDatum(cstring_to_text(format)));
}

PG_FUNCTION_INFO_V1(plpolar_to_timestamp);
Datum
plpolar_to_timestamp(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Datum		tz = parse_timestamptz(fcinfo, &isnull, nls_format(TIMESTAMPOID, MAX_TIMESTAMP_PRECISION));

	if (isnull)
		PG_RETURN_NULL();
	return DirectFunctionCall1(timestamptz_timestamp, tz);
}

PG_FUNCTION_INFO_V1(plpolar_to_timestamp_tz);
Datum
plpolar_to_timestamp_tz(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Datum		tz = parse_timestamptz(fcinfo, &isnull, nls_format(TIMESTAMPTZOID, -1));

	if (isnull)
		PG_RETURN_NULL();
	return tz;
}
