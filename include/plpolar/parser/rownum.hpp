// Oracle's ROWNUM pseudocolumn in SQL text. Oracle numbers the rows of a
// query level as they pass its WHERE clause, before that level's GROUP BY and
// ORDER BY; PostgreSQL has no such column. The forms whose PostgreSQL
// equivalent is exact are rewritten before PostgreSQL sees the text:
//
//   WHERE ... AND ROWNUM <= n / < n / = 1    -> the conjunct removed, LIMIT
//                                              at the end of that level
//   ROWNUM > 0, ROWNUM >= 1                  -> the conjunct removed
//   ROWNUM > k, ROWNUM >= k+1, ROWNUM = k+1  -> false (k >= 1: never true)
//   ROWNUM in the select list                -> pg_catalog.row_number() OVER ()
//   UPDATE / DELETE ... WHERE ... ROWNUM <= n -> (tableoid, ctid) IN
//                                              (SELECT tableoid, ctid ... LIMIT n)
//
// Every other use is refused with a SyntaxError naming the form and what to
// write instead, rather than leaving PostgreSQL to report an unknown column
// or, worse, giving other rows than Oracle would.
#pragma once

#include <string>

namespace plpolar::parser {

// Throws SyntaxError (line and column of the ROWNUM in `sql`) for a form
// that is not rewritten. Text without a ROWNUM word comes back unchanged.
std::string RewriteRownum(const std::string &sql);

}  // namespace plpolar::parser
