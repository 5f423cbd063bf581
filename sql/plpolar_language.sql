-- The language as objects: what CREATE EXTENSION made, DROP EXTENSION
-- removes, and the explicit CREATE LANGUAGE form for hand-made handlers.
-- A database of its own, so that the drops see only this file's objects.
CREATE DATABASE plpolar_lang;
\c plpolar_lang
CREATE EXTENSION plpolar;
SELECT lanname, lanpltrusted, lanplcallfoid::regproc, laninline::regproc, lanvalidator::regproc
FROM pg_language WHERE lanname = 'plpolar';
SELECT count(*) AS member_objects FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
WHERE e.extname = 'plpolar' AND d.deptype = 'e';

-- Objects that depend on the extension keep it from being dropped ...
CREATE FUNCTION lang_user() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN 1; END; $$;
CREATE TABLE lang_table (name varchar2(10));
DROP EXTENSION plpolar;
-- ... CASCADE removes them with it, and then nothing of plpolar is left.
DROP EXTENSION plpolar CASCADE;
SELECT count(*) FROM pg_language WHERE lanname = 'plpolar';
SELECT count(*) FROM pg_proc WHERE proname LIKE 'plpolar%' OR proname LIKE 'varchar2%';
SELECT count(*) FROM pg_type WHERE typname = 'varchar2';
SELECT count(*) FROM pg_namespace WHERE nspname = 'plpolar';

-- Hand-made handler functions and the explicit CREATE LANGUAGE form.
CREATE FUNCTION my_plpolar_handler() RETURNS language_handler AS '$libdir/plpolar', 'plpolar_call_handler' LANGUAGE C;
CREATE FUNCTION my_plpolar_inline(internal) RETURNS void AS '$libdir/plpolar', 'plpolar_inline_handler' LANGUAGE C STRICT;
CREATE FUNCTION my_plpolar_validator(oid) RETURNS void AS '$libdir/plpolar', 'plpolar_validator' LANGUAGE C STRICT;
CREATE LANGUAGE plpolar HANDLER my_plpolar_handler INLINE my_plpolar_inline VALIDATOR my_plpolar_validator;
CREATE FUNCTION hand_made(n int) RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN n * 2; END; $$;
SELECT hand_made(21);
DO LANGUAGE plpolar $$ BEGIN NULL; END; $$;
CREATE FUNCTION hand_made_bad() RETURNS int LANGUAGE plpolar AS $$ BEGIN RETURN; END; $$;
DROP LANGUAGE plpolar CASCADE;
DROP FUNCTION my_plpolar_handler(), my_plpolar_inline(internal), my_plpolar_validator(oid);

-- And the extension comes back cleanly.
CREATE EXTENSION plpolar;
CREATE FUNCTION after_recreate() RETURNS varchar2 LANGUAGE plpolar AS $$ DECLARE v VARCHAR2(3) := 'abc'; BEGIN RETURN v; END; $$;
SELECT after_recreate();
