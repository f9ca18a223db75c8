-- Indexes FerretDB 1.x can use, in the PostgreSQL database it keeps its data in (run by ferretdb.sh; idempotent).
-- FerretDB 1.24 makes each index a btree over `_jsonb -> 'key'`, but pushes every equality filter down as
-- `_jsonb -> 'key' @> value`, an operator a btree cannot serve: every find, by `_id` too, scans the whole table
-- (a GridFS read: 91 ms with 35 stored files, 1.3-6.3 s with 533; `explain` through FerretDB shows a Seq Scan even
-- with sequential scans disabled; FerretDB's own source, internal/backends/postgresql/query.go, filterEqual). A GIN
-- twin (jsonb_path_ops) over the first key of each of its btree indexes serves `@>`: `_id` lookups, and a GridFS
-- file's chunks by `files_id`, become index scans. Made for the indexes FerretDB has made, and by an event trigger for
-- each it makes later; dropped with its btree. MongoDB needs none of this: it uses the indexes it is given.

SET client_min_messages = warning;

CREATE OR REPLACE FUNCTION docpipe_gin_twin_name(index_name name) RETURNS name
LANGUAGE sql IMMUTABLE AS $$ SELECT (left(index_name, 59) || '_gin')::name $$;

-- The GIN twin of btree index `idx` if it is one of FerretDB's (its first key an expression over _jsonb).
CREATE OR REPLACE FUNCTION docpipe_gin_twin(idx oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  i record;
BEGIN
  SELECT c.relname AS index_name, n.nspname AS schema_name, t.relname AS table_name, am.amname,
         pg_get_indexdef(idx, 1, true) AS first_key
    INTO i
    FROM pg_index x
    JOIN pg_class c ON c.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = c.relam
   WHERE x.indexrelid = idx;
  IF NOT FOUND OR i.amname <> 'btree' OR i.first_key NOT LIKE '(_jsonb -> %' THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin (%s jsonb_path_ops)',
                 docpipe_gin_twin_name(i.index_name), i.schema_name, i.table_name, i.first_key);
END $$;

-- Never fails FerretDB's own statement: a twin not made is a slower query, not an error.
CREATE OR REPLACE FUNCTION docpipe_gin_twins_made() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    BEGIN
      PERFORM docpipe_gin_twin(r.objid);
    EXCEPTION WHEN others THEN
      RAISE WARNING 'docpipe: no GIN twin for index %: %', r.objid, SQLERRM;
    END;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION docpipe_gin_twins_dropped() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
            WHERE object_type = 'index' AND original AND object_name NOT LIKE '%\_gin' LOOP
    BEGIN
      EXECUTE format('DROP INDEX IF EXISTS %I.%I', r.schema_name, docpipe_gin_twin_name(r.object_name));
    EXCEPTION WHEN others THEN
      RAISE WARNING 'docpipe: GIN twin of %.% not dropped: %', r.schema_name, r.object_name, SQLERRM;
    END;
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS docpipe_gin_twins_made;
CREATE EVENT TRIGGER docpipe_gin_twins_made ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION docpipe_gin_twins_made();
DROP EVENT TRIGGER IF EXISTS docpipe_gin_twins_dropped;
CREATE EVENT TRIGGER docpipe_gin_twins_dropped ON sql_drop WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION docpipe_gin_twins_dropped();

-- The indexes made before.
SELECT docpipe_gin_twin(x.indexrelid)
  FROM pg_index x
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%';
