-- Records in embedded SQL keep working when PostgreSQL rebuilds the
-- statement's cached plan: r.f in SQL is a field of a parameter, and the
-- parser hooks that type it run again at every replan (VACUUM, CREATE
-- INDEX, GRANT, DISCARD, a search_path change, the session's first temp
-- table all invalidate plans).
\set VERBOSITY default
CREATE TABLE rp(id int PRIMARY KEY, n int, s text);
INSERT INTO rp SELECT g, 0, 'row' || g FROM generate_series(1, 3) g;
CREATE ROLE plpolar_replan_reader;

-- One function per kind of record referenced in SQL; each returns the
-- rows its statements found.
CREATE FUNCTION rp_loop() RETURNS int LANGUAGE plpolar AS $$
DECLARE k int := 0;
BEGIN
  FOR r IN (SELECT id FROM rp ORDER BY id) LOOP
    UPDATE rp SET n = n + 1 WHERE id = r.id;
    k := k + SQL%ROWCOUNT;
  END LOOP;
  RETURN k;
END;
$$;
-- an explicit cursor's FOR loop, its record also in a nested loop's query
CREATE FUNCTION rp_cursor_loop() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT id, s FROM rp ORDER BY id;
  k int := 0;
BEGIN
  FOR r IN c LOOP
    UPDATE rp SET n = n + 1 WHERE id = r.id AND s = r.s;
    k := k + SQL%ROWCOUNT;
    FOR q IN (SELECT id FROM rp WHERE id = r.id) LOOP
      k := k + 1;
    END LOOP;
  END LOOP;
  RETURN k;
END;
$$;
CREATE FUNCTION rp_fetch() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT id, s FROM rp ORDER BY id DESC;
  cr c%ROWTYPE;
BEGIN
  OPEN c;
  FETCH c INTO cr;
  CLOSE c;
  UPDATE rp SET n = n + 1 WHERE id = cr.id;
  RETURN SQL%ROWCOUNT;
END;
$$;
CREATE FUNCTION rp_select_into() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT id, s FROM rp;
  sr c%ROWTYPE;
  k int;
BEGIN
  SELECT id, s INTO sr FROM rp WHERE id = 2;
  SELECT count(*) INTO k FROM rp WHERE id <= sr.id;
  RETURN k;
END;
$$;
-- c%ROWTYPE before anything was fetched into it: its fields are NULL
CREATE FUNCTION rp_unfetched() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  CURSOR c IS SELECT id FROM rp;
  r c%ROWTYPE;
BEGIN
  UPDATE rp SET n = n WHERE id = r.id OR r.id IS NULL;
  RETURN SQL%ROWCOUNT;
END;
$$;
-- t%ROWTYPE and TYPE ... IS RECORD
CREATE FUNCTION rp_rowtype() RETURNS int LANGUAGE plpolar AS $$
DECLARE
  tr rp%ROWTYPE;
  TYPE pair_t IS RECORD (id int, label text);
  pr pair_t;
  k int := 0;
BEGIN
  SELECT * INTO tr FROM rp WHERE id = 3;
  UPDATE rp SET n = n + 1 WHERE id = tr.id;
  k := SQL%ROWCOUNT;
  pr.id := 1;
  pr.label := 'row1';
  UPDATE rp SET n = n + 1 WHERE id = pr.id AND s = pr.label;
  RETURN k + SQL%ROWCOUNT;
END;
$$;
-- Calls each of them, so that one failing does not hide the others.
CREATE FUNCTION rp_check() RETURNS text LANGUAGE plpolar AS $$
DECLARE
  res text;
  v text;
BEGIN
  FOR f IN (SELECT unnest(ARRAY['rp_loop', 'rp_cursor_loop', 'rp_fetch', 'rp_select_into', 'rp_unfetched',
                                'rp_rowtype']) AS name) LOOP
    BEGIN
      EXECUTE IMMEDIATE 'SELECT ' || f.name || '()' INTO v;
    EXCEPTION WHEN OTHERS THEN
      v := SQLERRM;
    END;
    res := res || f.name || ' ' || v || '; ';
  END LOOP;
  RETURN res;
END;
$$;

SELECT rp_check();
VACUUM rp;
SELECT rp_check();
CREATE INDEX rp_s ON rp(s);
SELECT rp_check();
GRANT SELECT ON rp TO plpolar_replan_reader;
SELECT rp_check();
DISCARD PLANS;
SELECT rp_check();
DISCARD ALL;
SELECT rp_check();
SET search_path = pg_catalog, public;
SELECT rp_check();
RESET search_path;
-- the session's first temporary table puts pg_temp on the search path
\c
SELECT rp_check();
CREATE TEMP TABLE rp_tmp(x int);
SELECT rp_check();
SELECT id, n FROM rp ORDER BY id;

-- A record passed down a recursion: every level binds its own loop
-- record into the same statement (one plan), which the innermost call
-- invalidates.
CREATE FUNCTION rp_nested(depth int) RETURNS int LANGUAGE plpolar AS $$
DECLARE
  total int := 0;
BEGIN
  FOR r IN (SELECT id, depth AS d FROM rp WHERE id = 1) LOOP
    IF depth > 0 THEN
      total := rp_nested(depth - 1);
    ELSE
      EXECUTE IMMEDIATE 'DISCARD PLANS';
    END IF;
    UPDATE rp SET n = n + r.d WHERE id = r.id;
    total := total + SQL%ROWCOUNT;
  END LOOP;
  RETURN total;
END;
$$;
UPDATE rp SET n = 0;
SELECT rp_nested(3);
SELECT rp_nested(3);
SELECT n FROM rp WHERE id = 1;

-- A cursor row variable holding no row has no fields to take in SQL.
DO LANGUAGE plpolar $$
DECLARE
  CURSOR c IS SELECT id FROM rp;
  r c%ROWTYPE := NULL;
BEGIN
  UPDATE rp SET n = n WHERE id = r.id;
END;
$$;

DROP FUNCTION rp_check(), rp_loop(), rp_cursor_loop(), rp_fetch(), rp_select_into(), rp_unfetched(), rp_rowtype(),
  rp_nested(int);
DROP TABLE rp;
DROP ROLE plpolar_replan_reader;
