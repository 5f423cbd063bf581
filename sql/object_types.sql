-- Object types: CREATE TYPE ... AS OBJECT and CREATE TYPE BODY through
-- plpolar.exec. A type is a composite type of its attributes with a package
-- of its name holding the methods (a member takes SELF first).
CREATE DATABASE plpolar_obj;
\c plpolar_obj
CREATE EXTENSION plpolar;
SET plpolar.serveroutput = on;

-- 1. Specification and body: attributes, MAP / MEMBER / STATIC methods,
-- SELF explicit and implicit, a user-defined constructor (Oracle's
-- documentation example, extended).
SELECT statement, line, action FROM plpolar.exec($s$
CREATE OR REPLACE TYPE person_typ AS OBJECT (
  idno           NUMBER,
  first_name     VARCHAR2(20),
  last_name      VARCHAR2(25),
  email          VARCHAR2(25),
  phone          VARCHAR2(20),
  MAP MEMBER FUNCTION get_idno RETURN NUMBER,
  MEMBER PROCEDURE display_details ( SELF IN OUT NOCOPY person_typ ),
  MEMBER FUNCTION full_name RETURN VARCHAR2,
  MEMBER FUNCTION greeting(p_word VARCHAR2 DEFAULT 'Hello') RETURN VARCHAR2,
  MEMBER PROCEDURE rename(p_first VARCHAR2),
  STATIC FUNCTION make(p_id NUMBER) RETURN person_typ,
  CONSTRUCTOR FUNCTION person_typ(p_id NUMBER, p_first VARCHAR2) RETURN SELF AS RESULT
) NOT FINAL;
/
CREATE OR REPLACE TYPE BODY person_typ AS
  MAP MEMBER FUNCTION get_idno RETURN NUMBER IS
  BEGIN
    RETURN idno;
  END;
  MEMBER PROCEDURE display_details ( SELF IN OUT NOCOPY person_typ ) IS
  BEGIN
    DBMS_OUTPUT.PUT_LINE(TO_CHAR(idno) || ' ' || first_name || ' ' || last_name);
    DBMS_OUTPUT.PUT_LINE(email || ' '  || phone);
  END;
  MEMBER FUNCTION full_name RETURN VARCHAR2 IS
  BEGIN
    RETURN first_name || ' ' || SELF.last_name;
  END;
  MEMBER FUNCTION greeting(p_word VARCHAR2 DEFAULT 'Hello') RETURN VARCHAR2 IS
  BEGIN
    RETURN p_word || ', ' || full_name || '!';   -- another member, SELF implied
  END;
  MEMBER PROCEDURE rename(p_first VARCHAR2) IS
  BEGIN
    first_name := p_first;
  END;
  STATIC FUNCTION make(p_id NUMBER) RETURN person_typ IS
  BEGIN
    RETURN person_typ(p_id, 'Made');
  END;
  CONSTRUCTOR FUNCTION person_typ(p_id NUMBER, p_first VARCHAR2) RETURN SELF AS RESULT IS
  BEGIN
    idno := p_id;
    SELF.first_name := p_first;
    last_name := 'Doe';
    IF p_id < 0 THEN
      idno := 0;
      RETURN;
    END IF;
    RETURN;
  END;
END;
/
$s$);
-- What PostgreSQL sees: a composite type (\dT), the methods as routines of
-- the schema person_typ (\df person_typ.*), the constructors beside the type.
SELECT t.typname, t.typtype, obj_description(t.oid, 'pg_type') FROM pg_type t WHERE t.typname = 'person_typ';
SELECT p.oid::regprocedure, p.prokind FROM pg_proc p
 WHERE p.pronamespace = 'person_typ'::regnamespace ORDER BY 1::text;
SELECT p.oid::regprocedure FROM pg_proc p
 WHERE p.pronamespace = 'public'::regnamespace AND p.proname = 'person_typ' ORDER BY 1::text;
SELECT name, type, line, text FROM plpolar.user_source WHERE name = 'person_typ' AND line <= 2 ORDER BY type, line;

-- 2. In PL code: constructors (the attribute one, positional and named, and
-- the user-defined one), attributes read and written, methods with and
-- without parentheses, a static method, atomically NULL objects.
DO LANGUAGE plpolar $$
DECLARE
  p person_typ := person_typ(1, 'John', 'Smith', 'jsmith@example.com', '1-650-555-0135');
  q person_typ;
  r person_typ;
BEGIN
  p.display_details();
  DBMS_OUTPUT.PUT_LINE(p.get_idno() || ' ' || p.full_name() || ' ' || p.full_name);
  DBMS_OUTPUT.PUT_LINE(p.greeting || ' ' || p.greeting('Hi') || ' ' || p.greeting(p_word => 'Bye'));
  p.rename('Jack');
  p.first_name := p.first_name || '!';
  DBMS_OUTPUT.PUT_LINE(p.full_name);
  q := person_typ(7, 'Ann');
  q.display_details;
  q := person_typ(-5, 'Neg');
  DBMS_OUTPUT.PUT_LINE(q.idno || ' ' || q.full_name());
  r := person_typ.make(9);
  DBMS_OUTPUT.PUT_LINE(r.full_name());
  r := person_typ(idno => 4, first_name => 'Named', last_name => 'Args', email => NULL, phone => NULL);
  DBMS_OUTPUT.PUT_LINE(r.full_name() || ' ' || CASE WHEN r.email IS NULL THEN 'no email' END);
  r := NULL;
  IF r IS NULL THEN DBMS_OUTPUT.PUT_LINE('r is atomically null'); END IF;
  DBMS_OUTPUT.PUT_LINE('attribute of null: [' || r.first_name || ']');
  BEGIN
    r.idno := 1;
  EXCEPTION WHEN ACCESS_INTO_NULL THEN
    DBMS_OUTPUT.PUT_LINE('ACCESS_INTO_NULL ' || SQLCODE || ' ' || SQLERRM);
  END;
  BEGIN
    DBMS_OUTPUT.PUT_LINE(r.full_name());
  EXCEPTION WHEN SELF_IS_NULL THEN
    DBMS_OUTPUT.PUT_LINE('SELF_IS_NULL ' || SQLCODE);
  END;
  q := person_typ(NULL, NULL, NULL, NULL, NULL);   -- not NULL: its attributes are
  IF q IS NOT NULL THEN DBMS_OUTPUT.PUT_LINE('q has null attributes only'); END IF;
END $$;

-- 3. MAP and ORDER methods order objects: =, <, ... in PL and SQL, ORDER BY,
-- DISTINCT; nested records and objects, collections of objects, a method of
-- a collection's element, procedures changing SELF through a record field.
SELECT statement, action FROM plpolar.exec($s$
CREATE TYPE rational AS OBJECT (
  num INTEGER,
  den INTEGER,
  MAP MEMBER FUNCTION to_real RETURN REAL,
  MEMBER PROCEDURE normalize,
  MEMBER FUNCTION plus(x rational) RETURN rational
);
/
CREATE TYPE BODY rational AS
  MAP MEMBER FUNCTION to_real RETURN REAL IS
  BEGIN
    RETURN num / den;
  END to_real;
  MEMBER PROCEDURE normalize IS
    g INTEGER;
    FUNCTION gcd(x INTEGER, y INTEGER) RETURN INTEGER IS
    BEGIN
      IF y = 0 THEN RETURN x; END IF;
      RETURN gcd(y, MOD(x, y));
    END;
  BEGIN
    g := gcd(num, den);
    num := num / g;
    den := den / g;
  END normalize;
  MEMBER FUNCTION plus(x rational) RETURN rational IS
    r rational := rational(num * x.den + x.num * den, den * x.den);
  BEGIN
    r.normalize;
    RETURN r;
  END plus;
END;
/
CREATE TYPE version_t AS OBJECT (
  major NUMBER, minor NUMBER,
  ORDER MEMBER FUNCTION compare(other version_t) RETURN INTEGER
);
/
CREATE TYPE BODY version_t AS
  ORDER MEMBER FUNCTION compare(other version_t) RETURN INTEGER IS
  BEGIN
    IF major <> other.major THEN RETURN SIGN(major - other.major); END IF;
    RETURN SIGN(minor - other.minor);
  END;
END;
/
CREATE TYPE rational_tab AS TABLE OF rational;
/
CREATE TYPE segment AS OBJECT (a rational, b rational, MEMBER FUNCTION length RETURN REAL);
/
CREATE TYPE BODY segment AS
  MEMBER FUNCTION length RETURN REAL IS BEGIN RETURN b.to_real() - a.to_real(); END;
END;
/
$s$);
DO LANGUAGE plpolar $$
DECLARE
  r rational := rational(6, 8);
  s rational := rational(1, 4);
  t rational;
  l rational_tab := rational_tab(rational(1, 2), rational(2, 3));
  TYPE holder IS RECORD (val rational, label VARCHAR2(10));
  h holder;
  g segment := segment(rational(1, 4), rational(3, 4));
BEGIN
  r.normalize();
  DBMS_OUTPUT.PUT_LINE(r.num || '/' || r.den);
  t := r.plus(s);
  DBMS_OUTPUT.PUT_LINE(t.num || '/' || t.den || ' = ' || t.to_real);
  IF r > s THEN DBMS_OUTPUT.PUT_LINE('3/4 > 1/4'); END IF;
  IF rational(1, 2) = rational(2, 4) THEN DBMS_OUTPUT.PUT_LINE('1/2 = 2/4 by their MAP values'); END IF;
  IF version_t(1, 10) > version_t(1, 9) AND version_t(2, 0) >= version_t(1, 99) THEN
    DBMS_OUTPUT.PUT_LINE('versions by their ORDER method');
  END IF;
  DBMS_OUTPUT.PUT_LINE(l.COUNT || ' ' || l(2).num || ' ' || l(1).to_real());
  l.EXTEND;
  l(3) := rational(9, 3);
  DBMS_OUTPUT.PUT_LINE(l(3).to_real);
  h.val := rational(5, 10);
  h.val.normalize;
  h.val.den := h.val.den * 3;
  DBMS_OUTPUT.PUT_LINE(h.val.num || '/' || h.val.den);
  DBMS_OUTPUT.PUT_LINE(g.length() || ' ' || g.a.num || '/' || g.b.den);
  g.b.num := 1;
  DBMS_OUTPUT.PUT_LINE(g.length);
END $$;
CREATE TABLE fractions (id int, r rational, v version_t);
INSERT INTO fractions VALUES (1, rational(1, 2), version_t(1, 2)), (2, rational(1, 3), version_t(1, 10)),
  (3, rational(3, 4), version_t(0, 9)), (4, rational(2, 4), version_t(1, 2));
SELECT id, (r).num, (r).den, rational.to_real(r) FROM fractions ORDER BY r, id;
SELECT count(DISTINCT r) AS distinct_by_map, count(DISTINCT v) AS distinct_by_order FROM fractions;
SELECT id FROM fractions WHERE r = rational(1, 2) ORDER BY id;
SELECT id FROM fractions WHERE v < version_t(1, 3) ORDER BY v, id;
SELECT rational.plus(rational(1, 2), rational(1, 3));
-- What the type's comparisons run is qualified: an operator planted earlier
-- on the path changes nothing (a MAP method of VARCHAR2 and of DATE too).
CREATE SCHEMA planted;
CREATE FUNCTION planted.lt(numeric, numeric) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR planted.< (FUNCTION = planted.lt, LEFTARG = numeric, RIGHTARG = numeric);
CREATE FUNCTION planted.to_real(rational) RETURNS real LANGUAGE sql AS 'SELECT 0::real';
SET search_path = planted, public;
SELECT rational(3, 4) < rational(1, 4) AS planted_ignored, rational(1, 4) < rational(3, 4) AS still_ordered;
RESET search_path;
DROP SCHEMA planted CASCADE;
SELECT action FROM plpolar.exec($s$
CREATE TYPE name_t AS OBJECT (first VARCHAR2(20), last VARCHAR2(20), MAP MEMBER FUNCTION k RETURN VARCHAR2);
/
CREATE TYPE BODY name_t AS MAP MEMBER FUNCTION k RETURN VARCHAR2 IS BEGIN RETURN last || ',' || first; END; END;
/
CREATE TYPE when_t AS OBJECT (d DATE, MAP MEMBER FUNCTION k RETURN DATE);
/
CREATE TYPE BODY when_t AS MAP MEMBER FUNCTION k RETURN DATE IS BEGIN RETURN d; END; END;
/
$s$);
SELECT name_t('a', 'z') < name_t('b', 'a') AS by_last_name, when_t(DATE '2020-01-01') < when_t(DATE '2021-01-01') AS by_date;

-- 4. Embedded SQL: objects and their methods as parameters, object columns.
CREATE TABLE people (id int, who person_typ);
DO LANGUAGE plpolar $$
DECLARE
  p person_typ := person_typ(3, 'Zed');
  n NUMBER;
  s VARCHAR2(100);
BEGIN
  SELECT p.get_idno() * 10, p.full_name() INTO n, s FROM dual;
  DBMS_OUTPUT.PUT_LINE(n || ' ' || s);
  INSERT INTO people VALUES (p.get_idno(), p);
  INSERT INTO people VALUES (1, person_typ(1, 'One'));
  SELECT count(*) INTO n FROM people WHERE id = p.get_idno();
  DBMS_OUTPUT.PUT_LINE('rows ' || n);
  FOR row IN (SELECT x.who AS obj FROM people x ORDER BY x.id) LOOP
    DBMS_OUTPUT.PUT_LINE(person_typ.full_name(row.obj) || ' / ' || row.obj.first_name);
  END LOOP;
  SELECT who INTO p FROM people WHERE id = 1;
  DBMS_OUTPUT.PUT_LINE(p.greeting('Found'));
END $$;
SELECT id, (who).first_name, person_typ.greeting(who, 'SQL') FROM people ORDER BY who;

-- 5. Errors: where the line is, what Oracle says.
SELECT action FROM plpolar.exec($s$
CREATE TYPE broken AS OBJECT (a NUMBER, MEMBER FUNCTION f RETURN NUMBER);
/
CREATE TYPE BODY broken AS
  MEMBER FUNCTION f RETURN NUMBER IS
  BEGIN
    RETURN a / 0;
  END;
END;
/
$s$);
SELECT broken.f(broken(1));
SELECT plpolar.exec('CREATE TYPE BODY nosuch AS MEMBER FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END; END;');
SELECT plpolar.exec('CREATE TYPE bad AS OBJECT (MEMBER FUNCTION f RETURN NUMBER)');
SELECT plpolar.exec('CREATE TYPE bad AS OBJECT (a NUMBER, MAP MEMBER FUNCTION f RETURN NUMBER, ORDER MEMBER FUNCTION g(o bad) RETURN NUMBER)');
SELECT plpolar.exec('CREATE TYPE student_typ UNDER person_typ (major VARCHAR2(30))');
SELECT plpolar.exec('CREATE TYPE person_typ AS OBJECT (a NUMBER)');
SELECT plpolar.exec('CREATE PACKAGE person_typ AS x NUMBER; END;');
SELECT plpolar.exec('CREATE PACKAGE BODY person_typ AS END;');
SELECT plpolar.exec($s$CREATE TYPE bad2 AS OBJECT (a NUMBER, MEMBER FUNCTION f RETURN NUMBER);
/
CREATE TYPE BODY bad2 AS
  MEMBER FUNCTION f RETURN NUMBER IS
  BEGIN
    RETURN nosuch_variable;
  END;
END;
/
$s$);

-- A user constructor with the attribute constructor's types (other names)
-- replaces it; a nested procedure's RETURN; in a constructor stays its own.
SELECT action FROM plpolar.exec($s$
CREATE TYPE boxed AS OBJECT (a NUMBER, CONSTRUCTOR FUNCTION boxed(v NUMBER) RETURN SELF AS RESULT);
/
CREATE TYPE BODY boxed AS
  CONSTRUCTOR FUNCTION boxed(v NUMBER) RETURN SELF AS RESULT IS
    PROCEDURE note(x NUMBER) IS BEGIN IF x IS NULL THEN RETURN; END IF; DBMS_OUTPUT.PUT_LINE('boxing ' || x); END;
  BEGIN
    note(v);
    a := v * 10;
    RETURN;
  END;
END;
/
$s$);
DO LANGUAGE plpolar $$ DECLARE b boxed := boxed(4); BEGIN DBMS_OUTPUT.PUT_LINE(b.a); END $$;
SELECT plpolar.exec('DROP PACKAGE boxed');
SELECT action FROM plpolar.exec('DROP TYPE boxed');

-- 6. Replacing and dropping: the same attributes keep the tables using the
-- type; new ones need it unused (Oracle's ORA-02303); DROP TYPE refuses
-- while a table uses it, FORCE takes the table's column too.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE TYPE rational AS OBJECT (
  num INTEGER,
  den INTEGER,
  MAP MEMBER FUNCTION to_real RETURN REAL,
  MEMBER PROCEDURE normalize,
  MEMBER FUNCTION plus(x rational) RETURN rational,
  STATIC FUNCTION zero RETURN rational
);
/
$s$);
SELECT count(*) FROM fractions;
SELECT plpolar.exec('CREATE OR REPLACE TYPE rational AS OBJECT (num NUMBER, den NUMBER)');
SELECT plpolar.exec('DROP TYPE rational');
SELECT action FROM plpolar.exec('DROP TYPE version_t FORCE');
SELECT count(*) AS version_schema FROM pg_namespace WHERE nspname = 'version_t';
SELECT attname FROM pg_attribute WHERE attrelid = 'fractions'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
SELECT action FROM plpolar.exec('DROP TYPE broken');
SELECT count(*) FROM pg_type WHERE typname = 'broken';

-- 7. Oracle's method call on an object column (a table alias is required),
-- in plpolar.exec's SQL and in embedded SQL; ALTER TYPE.
SELECT statement, action, rows FROM plpolar.exec($s$
SELECT x.who.full_name() FROM people x;
UPDATE people p SET id = p.who.get_idno() + 100 WHERE p.who.greeting('x') LIKE 'x, Zed%';
$s$);
SELECT id FROM people ORDER BY id;
DO LANGUAGE plpolar $$
DECLARE s VARCHAR2(200);
BEGIN
  SELECT string_agg(x.who.greeting('Hey'), '; ' ORDER BY x.id) INTO s FROM people x;
  DBMS_OUTPUT.PUT_LINE(s);
  FOR r IN (SELECT x.who.get_idno() AS n, x.who.first_name AS f FROM people x ORDER BY 1) LOOP
    DBMS_OUTPUT.PUT_LINE(r.n || ' ' || r.f);
  END LOOP;
END $$;
SELECT action FROM plpolar.exec($s$
ALTER TYPE person_typ ADD ATTRIBUTE (birth DATE, nick VARCHAR2(10)) CASCADE;
ALTER TYPE person_typ ADD MEMBER FUNCTION age_in(p_year NUMBER) RETURN NUMBER CASCADE;
ALTER TYPE person_typ DROP ATTRIBUTE phone CASCADE;
$s$);
-- A new attribute type for a type a table column uses: PostgreSQL refuses
-- (Oracle converts the column's data); for an unused type it is done.
SELECT plpolar.exec('ALTER TYPE person_typ MODIFY ATTRIBUTE first_name VARCHAR2(40) CASCADE');
SELECT action FROM plpolar.exec($s$
CREATE TYPE unused_t AS OBJECT (a NUMBER, b VARCHAR2(5));
/
ALTER TYPE unused_t MODIFY ATTRIBUTE b VARCHAR2(50);
DROP TYPE unused_t;
$s$);
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
 WHERE attrelid = (SELECT typrelid FROM pg_type WHERE typname = 'person_typ') AND attnum > 0 AND NOT attisdropped
 ORDER BY attnum;
SELECT id, (who).first_name, (who).nick FROM people ORDER BY id;
SELECT plpolar.exec('ALTER TYPE person_typ DROP ATTRIBUTE nosuch');
-- The body must give the new method (as in Oracle) before the type is used.
SELECT action FROM plpolar.exec($s$
CREATE OR REPLACE TYPE BODY person_typ AS
  MAP MEMBER FUNCTION get_idno RETURN NUMBER IS BEGIN RETURN idno; END;
  MEMBER PROCEDURE display_details ( SELF IN OUT NOCOPY person_typ ) IS
  BEGIN DBMS_OUTPUT.PUT_LINE(idno || ' ' || first_name || ' ' || nick); END;
  MEMBER FUNCTION full_name RETURN VARCHAR2 IS BEGIN RETURN first_name || ' ' || last_name; END;
  MEMBER FUNCTION greeting(p_word VARCHAR2 DEFAULT 'Hello') RETURN VARCHAR2 IS
  BEGIN RETURN p_word || ', ' || full_name || '!'; END;
  MEMBER PROCEDURE rename(p_first VARCHAR2) IS BEGIN first_name := p_first; END;
  STATIC FUNCTION make(p_id NUMBER) RETURN person_typ IS BEGIN RETURN person_typ(p_id, 'Made'); END;
  CONSTRUCTOR FUNCTION person_typ(p_id NUMBER, p_first VARCHAR2) RETURN SELF AS RESULT IS
  BEGIN idno := p_id; first_name := p_first; nick := 'new'; RETURN; END;
  MEMBER FUNCTION age_in(p_year NUMBER) RETURN NUMBER IS
  BEGIN RETURN p_year - EXTRACT(YEAR FROM birth); END;   -- EXTRACT in PL code too
END;
/
$s$);
DO LANGUAGE plpolar $$
DECLARE p person_typ := person_typ(8, 'Eight');
BEGIN
  p.birth := DATE '2000-06-01';
  p.display_details;
  DBMS_OUTPUT.PUT_LINE(p.age_in(2026) || ' ' || p.full_name);
END $$;

-- Object tables: PostgreSQL's typed tables, whose columns are the
-- attributes; VALUE(alias) and alias.method() are their rows as objects.
SELECT statement, action, rows FROM plpolar.exec($s$
CREATE TABLE people_ot OF person_typ (idno PRIMARY KEY);
INSERT INTO people_ot (idno, first_name, last_name) VALUES (1, 'Ann', 'Lee'), (2, 'Bo', NULL);
SELECT p.full_name(), p.greeting('Yo'), VALUE(p) FROM people_ot p;
$s$);
SELECT p.idno, person_typ.full_name(ROW(p.*)::person_typ) FROM people_ot p ORDER BY 1;
DO LANGUAGE plpolar $$
DECLARE o person_typ;
BEGIN
  SELECT VALUE(p) INTO o FROM people_ot p WHERE p.idno = 1;
  DBMS_OUTPUT.PUT_LINE(o.greeting('Found'));
  FOR r IN (SELECT p.full_name() AS n FROM people_ot p ORDER BY p.idno) LOOP
    DBMS_OUTPUT.PUT_LINE(r.n);
  END LOOP;
END $$;
SELECT plpolar.exec('CREATE TABLE bad_ot OF person_typ OBJECT IDENTIFIER IS SYSTEM GENERATED');
DROP TABLE people_ot;

-- Through EXECUTE IMMEDIATE as well (install code that builds its types),
-- and so is package DDL; not in a non-volatile function.
DO LANGUAGE plpolar $$
BEGIN
  EXECUTE IMMEDIATE 'CREATE OR REPLACE TYPE dyn_t AS OBJECT (a NUMBER, MEMBER FUNCTION twice RETURN NUMBER)';
  EXECUTE IMMEDIATE 'CREATE OR REPLACE TYPE BODY dyn_t AS
    MEMBER FUNCTION twice RETURN NUMBER IS BEGIN RETURN a * 2; END; END;';
  EXECUTE IMMEDIATE 'CREATE OR REPLACE PACKAGE dyn_pkg AS FUNCTION f RETURN NUMBER; END;';
  EXECUTE IMMEDIATE 'CREATE OR REPLACE PACKAGE BODY dyn_pkg AS FUNCTION f RETURN NUMBER IS BEGIN RETURN 7; END; END;';
END $$;
DO LANGUAGE plpolar $$
DECLARE d dyn_t := dyn_t(21);
BEGIN
  DBMS_OUTPUT.PUT_LINE(d.twice || ' ' || dyn_pkg.f);
  EXECUTE IMMEDIATE 'DROP TYPE dyn_t';
  EXECUTE IMMEDIATE 'DROP PACKAGE dyn_pkg';
END $$;
SELECT count(*) AS dyn_types_left FROM pg_type WHERE typname = 'dyn_t';
CREATE FUNCTION dyn_stable() RETURNS int STABLE LANGUAGE plpolar AS $$
BEGIN EXECUTE IMMEDIATE 'CREATE TYPE dyn_s AS OBJECT (a NUMBER)'; RETURN 1; END; $$;
SELECT dyn_stable();
DROP FUNCTION dyn_stable();

-- 8. Rights: AUTHID CURRENT_USER or DEFINER as for packages; nobody calls
-- the methods of another's type without GRANT EXECUTE ON it.
CREATE ROLE plpolar_obj_alice LOGIN;
CREATE ROLE plpolar_obj_bob LOGIN;
GRANT CREATE ON DATABASE plpolar_obj TO plpolar_obj_alice;
GRANT CREATE ON SCHEMA public TO plpolar_obj_alice;
SET ROLE plpolar_obj_alice;
SELECT action FROM plpolar.exec($s$
CREATE TYPE counter_t AS OBJECT (n NUMBER, MEMBER FUNCTION next RETURN NUMBER);
/
CREATE TYPE BODY counter_t AS
  MEMBER FUNCTION next RETURN NUMBER IS BEGIN RETURN n + 1; END;
END;
/
$s$);
SELECT counter_t.next(counter_t(1));
SET ROLE plpolar_obj_bob;
DO LANGUAGE plpolar $$ DECLARE c counter_t := counter_t(41); BEGIN DBMS_OUTPUT.PUT_LINE(c.next()); END $$;
SET ROLE plpolar_obj_alice;
SELECT action FROM plpolar.exec('GRANT EXECUTE ON counter_t TO plpolar_obj_bob');
SET ROLE plpolar_obj_bob;
DO LANGUAGE plpolar $$ DECLARE c counter_t := counter_t(41); BEGIN DBMS_OUTPUT.PUT_LINE(c.next()); END $$;
SELECT plpolar.exec('DROP TYPE counter_t');
SET ROLE plpolar_obj_alice;
SELECT action FROM plpolar.exec('DROP TYPE counter_t');
-- A definer's-rights package procedure called from another user's block:
-- atomic as its SECURITY DEFINER routine is (a COMMIT in it is refused);
-- from a non-volatile function not at all, as CALL is not.
CREATE TABLE alice_log (m text);
GRANT INSERT, SELECT ON alice_log TO plpolar_obj_bob;
SELECT action FROM plpolar.exec($s$
CREATE PACKAGE alice_pkg AS PROCEDURE note(m VARCHAR2); PROCEDURE note_commit(m VARCHAR2); END;
/
CREATE PACKAGE BODY alice_pkg AS
  PROCEDURE note(m VARCHAR2) IS BEGIN INSERT INTO alice_log VALUES (m); END;
  PROCEDURE note_commit(m VARCHAR2) IS BEGIN INSERT INTO alice_log VALUES (m); COMMIT; END;
END;
/
GRANT EXECUTE ON alice_pkg TO plpolar_obj_bob;
$s$);
CREATE FUNCTION alice_stable() RETURNS int STABLE LANGUAGE plpolar AS $$ BEGIN alice_pkg.note('stable'); RETURN 1; END $$;
SELECT alice_stable();
DROP FUNCTION alice_stable();
SET ROLE plpolar_obj_bob;
DO LANGUAGE plpolar $$ BEGIN alice_pkg.note('from bob'); END $$;
DO LANGUAGE plpolar $$ BEGIN alice_pkg.note_commit('committed by bob'); END $$;
SELECT m FROM alice_log ORDER BY m;
SET ROLE plpolar_obj_alice;
SELECT action FROM plpolar.exec('DROP PACKAGE alice_pkg');
DROP TABLE alice_log;
RESET ROLE;

\c postgres
DROP DATABASE plpolar_obj;
DROP ROLE plpolar_obj_alice;
DROP ROLE plpolar_obj_bob;
