/*
 * Values between an autonomous transaction's caller and its worker: both
 * sides write them the same way and read them back with datumRestore.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"

#include "autonomous_internal.h"

void
autonomous_append_value(StringInfo buf, Datum value, bool isnull, Oid type)
{
	int16		typlen = -1;
	bool		typbyval = false;
	Size		size;
	char	   *at;

	if (!isnull)
		get_typlenbyval(type, &typlen, &typbyval);
	size = datumEstimateSpace(value, isnull, typbyval, typlen);
	enlargeStringInfo(buf, (int) size);
	at = buf->data + buf->len;
	datumSerialize(value, isnull, typbyval, typlen, &at);
	buf->len += (int) size;
	buf->data[buf->len] = '\0';
}

HeapTuple
autonomous_row_tuple(Datum row, Oid relid)
{
	HeapTuple	tuple = palloc0(HEAPTUPLESIZE);

	tuple->t_len = HeapTupleHeaderGetDatumLength(DatumGetHeapTupleHeader(row));
	ItemPointerSetInvalid(&tuple->t_self);
	tuple->t_tableOid = relid;
	tuple->t_data = DatumGetHeapTupleHeader(row);
	return tuple;
}
