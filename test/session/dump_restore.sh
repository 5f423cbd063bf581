#!/usr/bin/env bash
# pg_virtualenv -o shared_preload_libraries=plpolar bash dump_restore.sh.
# pg_dump and restore carry packages and object types whole: the sources
# (rows of plpolar.packages), the routines, the composite types with their
# constructors and MAP comparisons, and tables using them; the restored
# database answers as the original does. Prints "ok: ..." or "FAILED: ...".
set -uo pipefail
fail() { echo "FAILED: $*"; exit 1; }
psql -X -q -c "CREATE DATABASE dump_src" || fail "create source"
psql -X -q -d dump_src -v ON_ERROR_STOP=1 <<'SQL' >/dev/null || fail "setup"
CREATE EXTENSION plpolar;
SELECT * FROM plpolar.exec($s$
CREATE TYPE money_t AS OBJECT (
  amount NUMBER, currency VARCHAR2(3),
  MAP MEMBER FUNCTION in_cents RETURN NUMBER,
  MEMBER FUNCTION show RETURN VARCHAR2,
  CONSTRUCTOR FUNCTION money_t(p_amount NUMBER) RETURN SELF AS RESULT
);
/
CREATE TYPE BODY money_t AS
  MAP MEMBER FUNCTION in_cents RETURN NUMBER IS BEGIN RETURN amount * 100; END;
  MEMBER FUNCTION show RETURN VARCHAR2 IS BEGIN RETURN currency || ' ' || TO_CHAR(amount); END;
  CONSTRUCTOR FUNCTION money_t(p_amount NUMBER) RETURN SELF AS RESULT IS
  BEGIN amount := p_amount; currency := 'EUR'; RETURN; END;
END;
/
CREATE PACKAGE ledger AS
  FUNCTION total RETURN money_t;
END;
/
CREATE PACKAGE BODY ledger AS
  FUNCTION total RETURN money_t IS
    s NUMBER;
  BEGIN
    SELECT sum((m).amount) INTO s FROM entries;
    RETURN money_t(s);
  END;
END;
/
$s$);
CREATE TABLE entries (id int, m money_t);
INSERT INTO entries VALUES (1, money_t(5)), (2, money_t(2.5)), (3, money_t(10, 'USD'));
SQL
query="SELECT string_agg(id::text || money_t.show(m), ',' ORDER BY m) || ' ' || money_t.show(ledger.total()) FROM entries"
before=$(psql -X -At -d dump_src -c "$query") || fail "query before"
pg_dump -d dump_src -f /tmp/plpolar_dump.sql || fail "pg_dump"
psql -X -q -c "CREATE DATABASE dump_dst" || fail "create target"
psql -X -q -d dump_dst -v ON_ERROR_STOP=1 -f /tmp/plpolar_dump.sql >/dev/null 2>/tmp/plpolar_restore.err ||
  fail "restore: $(head -5 /tmp/plpolar_restore.err)"
after=$(psql -X -At -d dump_dst -c "$query") || fail "query after restore"
[ "$before" = "$after" ] || fail "restored database answers '$after', the original '$before'"
# The restored type is still an object type to plpolar code and DDL.
out=$(psql -X -At -d dump_dst -c "SET plpolar.serveroutput = on" -c "DO LANGUAGE plpolar \$\$
  DECLARE m money_t := money_t(1); BEGIN dbms_output.put_line(m.show); END \$\$" 2>&1) ||
  fail "PL call after restore: $out"
echo "$out" | grep -q "EUR 1" || fail "PL call after restore: $out"
psql -X -At -d dump_dst -c "SELECT action FROM plpolar.exec('DROP TYPE money_t FORCE')" >/dev/null 2>&1 ||
  fail "DROP TYPE after restore"
rm -f /tmp/plpolar_dump.sql /tmp/plpolar_restore.err
echo "ok: pg_dump and restore of packages and object types ($before)"
