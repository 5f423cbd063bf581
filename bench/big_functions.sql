-- A 300-line function in each language, for the first-call (compile) cost.
DO $do$
DECLARE
  body_pl text := E'DECLARE\n  x PLS_INTEGER := 0;\n  s VARCHAR2(2000) := \'\';\nBEGIN\n';
  body_pg text := E'DECLARE\n  x int := 0;\n  s text := \'\';\nBEGIN\n';
  line text;
BEGIN
  FOR i IN 1..98 LOOP
    line := format(E'  x := x + %s;\n  IF x > %s THEN s := s || %L; END IF;\n  x := x - %s;\n', i, i * 3, i::text, i);
    body_pl := body_pl || line;
    body_pg := body_pg || line;
  END LOOP;
  EXECUTE format('CREATE OR REPLACE FUNCTION pl_big(p int) RETURNS int LANGUAGE plpolar AS %L',
                 body_pl || E'  RETURN x;\nEND;');
  EXECUTE format('CREATE OR REPLACE FUNCTION pg_big(p int) RETURNS int LANGUAGE plpgsql AS %L',
                 body_pg || E'  RETURN x;\nEND;');
END
$do$;
