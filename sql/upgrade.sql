-- Upgrades: ALTER EXTENSION plpolar UPDATE from every earlier version gives
-- the same objects, definitions, privileges and comments as a fresh install
-- of the default version. Runs in a database of its own.
CREATE DATABASE plpolar_upgrade;
\c plpolar_upgrade
CREATE FUNCTION snapshot() RETURNS SETOF text LANGUAGE sql AS $$
  SELECT pg_describe_object(d.classid, d.objid, d.objsubid) || ' :: ' || coalesce(
    CASE d.classid
      WHEN 'pg_proc'::regclass THEN
        (SELECT CASE WHEN p.prokind = 'a' THEN p.oid::regprocedure::text ELSE pg_get_functiondef(p.oid) END
                || ' acl=' || coalesce(p.proacl::text, 'default')
         FROM pg_proc p WHERE p.oid = d.objid)
      WHEN 'pg_type'::regclass THEN
        (SELECT concat_ws(' ', t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout,
                          t.typcategory, t.typcollation <> 0, t.typalign, t.typstorage, t.typlen, t.typacl)
         FROM pg_type t WHERE t.oid = d.objid)
      WHEN 'pg_class'::regclass THEN
        (SELECT concat_ws(' ', c.relkind, pg_get_viewdef(c.oid), c.relacl,
                          (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '
                                             ORDER BY a.attnum)
                           FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
         FROM pg_class c WHERE c.oid = d.objid)
      WHEN 'pg_cast'::regclass THEN
        (SELECT concat_ws(' ', c.castcontext, c.castmethod, c.castfunc::regprocedure) FROM pg_cast c WHERE c.oid = d.objid)
      WHEN 'pg_language'::regclass THEN
        (SELECT concat_ws(' ', l.lanpltrusted, l.lanplcallfoid::regprocedure, l.laninline::regprocedure,
                          l.lanvalidator::regprocedure, l.lanacl)
         FROM pg_language l WHERE l.oid = d.objid)
      WHEN 'pg_namespace'::regclass THEN
        (SELECT coalesce(n.nspacl::text, '') FROM pg_namespace n WHERE n.oid = d.objid)
    END, '?') || ' comment=' || coalesce(obj_description(d.objid, d.classid::regclass::name), '')
  FROM pg_depend d
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'plpolar')
$$;
CREATE TABLE objects (version text, installed_as text, object text);

CREATE EXTENSION plpolar;
INSERT INTO objects SELECT extversion, 'fresh', snapshot() FROM pg_extension WHERE extname = 'plpolar';
DO $$
DECLARE
  want text := (SELECT default_version FROM pg_available_extensions WHERE name = 'plpolar');
  source text;
BEGIN
  FOR source IN SELECT p.source FROM pg_extension_update_paths('plpolar') p
                WHERE p.target = want AND p.path IS NOT NULL ORDER BY 1 LOOP
    DROP EXTENSION plpolar;
    EXECUTE format('CREATE EXTENSION plpolar VERSION %L', source);
    ALTER EXTENSION plpolar UPDATE;
    INSERT INTO objects SELECT source, extversion, snapshot() FROM pg_extension WHERE extname = 'plpolar';
  END LOOP;
END
$$;
-- Every earlier version was updated, and to the default version.
SELECT version AS updated_from, installed_as, count(*) > 100 AS many_objects FROM objects
WHERE installed_as <> 'fresh' GROUP BY 1, 2 ORDER BY 1;
SELECT count(DISTINCT version) = (SELECT count(*) FROM pg_extension_update_paths('plpolar') p
                                  WHERE p.target = (SELECT default_version FROM pg_available_extensions
                                                    WHERE name = 'plpolar') AND p.path IS NOT NULL) + 1
       AS every_version_tried
FROM objects;
-- What differs between an updated install and a fresh one: nothing.
SELECT u.version AS updated_from, 'missing after update' AS what, f.object
FROM objects f CROSS JOIN (SELECT DISTINCT version FROM objects WHERE installed_as <> 'fresh') u
WHERE f.installed_as = 'fresh'
  AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.version = u.version AND o.installed_as <> 'fresh' AND o.object = f.object)
UNION ALL
SELECT o.version, 'extra after update', o.object
FROM objects o
WHERE o.installed_as <> 'fresh'
  AND NOT EXISTS (SELECT 1 FROM objects f WHERE f.installed_as = 'fresh' AND f.object = o.object)
ORDER BY 1, 2, 3;
\c contrib_regression
DROP DATABASE plpolar_upgrade;
