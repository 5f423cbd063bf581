-- Compiling a large body: cancel and statement_timeout stop the parse, and
-- the body's size is bounded. The generated statements are not echoed
-- (ECHO none around \gexec): they are hundreds of kilobytes long.

-- About 480 kB and 240 000 tokens, with a syntax error at its very end (no
-- END): the whole body is read before the error can be found, so a parse
-- that ignored the timeout would report the syntax error instead.
CREATE TEMP TABLE big AS
SELECT 'DECLARE x integer := 0; BEGIN ' || repeat(E'x := x + 1;\n', 40000) AS body;

SET statement_timeout = '100ms';
\echo -- the validator (CREATE FUNCTION)
\set ECHO none
SELECT format('CREATE FUNCTION big_f() RETURNS void LANGUAGE plpolar AS %L', body) FROM big \gexec
\set ECHO all
\echo :LAST_ERROR_SQLSTATE
\echo -- DO
\set ECHO none
SELECT format('DO LANGUAGE plpolar %L', body) FROM big \gexec
\set ECHO all
\echo :LAST_ERROR_SQLSTATE
\echo -- the first call
RESET statement_timeout;
SET check_function_bodies = off;
\set ECHO none
SELECT format('CREATE FUNCTION big_f() RETURNS void LANGUAGE plpolar AS %L', body) FROM big \gexec
\set ECHO all
RESET check_function_bodies;
SET statement_timeout = '100ms';
SELECT big_f();
RESET statement_timeout;
DROP FUNCTION big_f();

-- The backend goes on, and parses again (ANTLR's locks were left free).
SET plpolar.serveroutput = on;
DO LANGUAGE plpolar $$ BEGIN DBMS_OUTPUT.PUT_LINE('after'); END $$;
CREATE FUNCTION small_f(n integer) RETURNS integer LANGUAGE plpolar AS $$ BEGIN RETURN n + 1; END; $$;
SELECT small_f(41);
DROP FUNCTION small_f(integer);

-- More than 500 000 tokens, or 16 MB of text, is refused before parsing
-- (program_limit_exceeded), without the body in the error.
\set ECHO none
SELECT format('DO LANGUAGE plpolar %L', 'BEGIN ' || repeat('NULL; ', 250001) || 'END;') \gexec
\set ECHO all
\echo :LAST_ERROR_SQLSTATE
\set ECHO none
SELECT format('DO LANGUAGE plpolar %L', 'BEGIN NULL; END; /*' || repeat('x', 16 * 1024 * 1024) || '*/') \gexec
\set ECHO all
\echo :LAST_ERROR_SQLSTATE
-- Just under the limit compiles and runs.
\set ECHO none
SELECT format('DO LANGUAGE plpolar %L', 'BEGIN ' || repeat('NULL; ', 249990) || 'DBMS_OUTPUT.PUT_LINE(''ran''); END;') \gexec
\set ECHO all
