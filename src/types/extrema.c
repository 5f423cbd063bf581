/*
 * Oracle's GREATEST and LEAST: NULL when any argument is NULL (PostgreSQL's
 * GREATEST / LEAST skip NULLs), else the largest / smallest by the type's
 * default ordering and the call's collation, as max() / min() over the
 * values would give it. In C: the SQL function they replace (a CASE over
 * unnest and an aggregate) could not be inlined and cost a query per call.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

typedef struct ExtremaCache
{
	Oid			element_type;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	FmgrInfo	cmp;
} ExtremaCache;

static Datum
extremum(FunctionCallInfo fcinfo, bool greatest)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Oid			element_type = ARR_ELEMTYPE(array);
	ExtremaCache *cache = (ExtremaCache *) fcinfo->flinfo->fn_extra;
	array_iter	iter;
	int			n = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	Datum		best = (Datum) 0;
	bool		have = false;
	int			i;

	if (cache == NULL || cache->element_type != element_type)
	{
		TypeCacheEntry *type = lookup_type_cache(element_type, TYPECACHE_CMP_PROC_FINFO);

		if (!OidIsValid(type->cmp_proc_finfo.fn_oid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FUNCTION),
					 errmsg("could not identify a comparison function for type %s", format_type_be(element_type))));
		if (cache == NULL)
			cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(ExtremaCache));
		cache->element_type = element_type;
		get_typlenbyvalalign(element_type, &cache->typlen, &cache->typbyval, &cache->typalign);
		fmgr_info_cxt(type->cmp_proc_finfo.fn_oid, &cache->cmp, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = cache;
	}
	array_iter_setup(&iter, (AnyArrayType *) array);
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		value = array_iter_next(&iter, &isnull, i, cache->typlen, cache->typbyval, cache->typalign);

		if (isnull)
			PG_RETURN_NULL();
		if (!have)
		{
			best = value;
			have = true;
			continue;
		}
		{
			int32		cmp = DatumGetInt32(FunctionCall2Coll(&cache->cmp, PG_GET_COLLATION(), value, best));

			/*
			 * The last of equal values (1.0 and 1.00), as the larger / smaller
			 * functions behind max() and min() keep it.
			 */
			if (greatest ? cmp >= 0 : cmp <= 0)
				best = value;
		}
	}
	if (!have)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(datumCopy(best, cache->typbyval, cache->typlen));
}

PG_FUNCTION_INFO_V1(plpolar_greatest);
Datum
plpolar_greatest(PG_FUNCTION_ARGS)
{
	return extremum(fcinfo, true);
}

PG_FUNCTION_INFO_V1(plpolar_least);
Datum
plpolar_least(PG_FUNCTION_ARGS)
{
	return extremum(fcinfo, false);
}
