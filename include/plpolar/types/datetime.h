/*
 * Oracle's datetime format models and the NLS_DATE_FORMAT /
 * NLS_TIMESTAMP_FORMAT / NLS_TIMESTAMP_TZ_FORMAT defaults (src/types/datetime.c).
 *
 * Oracle has DATE and TIMESTAMP; here both are timestamp, DATE being
 * timestamp(0). A timestamp value converts to text as a DATE unless it is
 * known to be a TIMESTAMP: a fractional precision in its type (Oracle's
 * TIMESTAMP is timestamp(6)) or an expression that makes one (LOCALTIMESTAMP,
 * TO_TIMESTAMP, a cast from timestamptz, a TIMESTAMP plus an interval).
 */
#ifndef PLPOLAR_TYPES_DATETIME_H
#define PLPOLAR_TYPES_DATETIME_H

#include "postgres.h"

#include "nodes/nodes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Oracle's format model in PostgreSQL's spelling (palloc'd). */
extern char *plpolar_datetime_format(const char *oracle);

/*
 * The typmod a timestamp expression's value has for the conversion rule:
 * exprTypmod, or 6 where that is -1 but the expression makes a TIMESTAMP.
 */
extern int32 plpolar_datetime_typmod(Node *expr);

/* A timestamp or timestamptz value as text in the session's NLS format. */
extern text *plpolar_datetime_to_text(Datum value, Oid type, int32 typmod);

#ifdef __cplusplus
}
#endif

#endif							/* PLPOLAR_TYPES_DATETIME_H */
