-- Companion indexes: FerretDB's PostgreSQL backend pushes an equality filter down as
--   _jsonb -> 'field' @> value          (top-level field)
--   _jsonb #> '{a,b}' @> value          (dotted path; count, update, delete, findAndModify)
-- but indexes MongoDB's createIndexes as btree on (_jsonb -> 'field'), which cannot serve @>.
-- For each such btree index this gives a GIN index on the same fields in the pushed-down form,
-- named like it with _gin for _idx. Applied by the engine at every start in one transaction.
--
-- The schema name holds a '$', which FerretDB refuses in database names ([a-zA-Z0-9_-]), so no
-- MongoDB database can ever be this schema, nor drop it.

CREATE SCHEMA IF NOT EXISTS "crm$engine";

-- key_path turns one deparsed key of a FerretDB index, such as
-- (((_jsonb -> 'profile'::text) -> 'city'::text)), into its path {profile,city}; NULL for anything else.
-- The path is accepted only if rebuilding the deparsed text from it gives the same text back,
-- so an unexpected shape is skipped rather than misread.
CREATE OR REPLACE FUNCTION "crm$engine".key_path(def text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog AS $fn$
DECLARE
    path text[] := ARRAY(
        SELECT replace(m[1], '''''', '''')
        FROM regexp_matches(def, '''((?:[^'']|'''')*)''::text', 'g') AS m);
    rebuilt text := '_jsonb';
    field text;
BEGIN
    IF cardinality(path) = 0 THEN
        RETURN NULL;
    END IF;
    FOREACH field IN ARRAY path LOOP
        rebuilt := '(' || rebuilt || ' -> ''' || replace(field, '''', '''''') || '''::text)';
    END LOOP;
    IF '(' || rebuilt || ')' IS DISTINCT FROM def THEN
        RETURN NULL;
    END IF;
    RETURN path;
END
$fn$;

-- companion_of names the companion of a FerretDB index (FerretDB's index names all end in _idx).
CREATE OR REPLACE FUNCTION "crm$engine".companion_of(index_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog AS $fn$
    SELECT CASE WHEN index_name LIKE '%\_idx' THEN left(index_name, -4) || '_gin' END
$fn$;

-- companion_ddl returns "<name> ON <table> USING gin (...)" for a FerretDB collection's btree index,
-- ready to follow CREATE INDEX [CONCURRENTLY] IF NOT EXISTS; NULL for any other index.
CREATE OR REPLACE FUNCTION "crm$engine".companion_ddl(idx oid) RETURNS text
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog AS $fn$
DECLARE
    ix record;
    path text[];
    cols text[] := '{}';
BEGIN
    SELECT i.indrelid, i.indnkeyatts, i.indkey, i.indpred, c.relname AS index_name,
           t.relname AS table_name, n.nspname AS schema_name, am.amname
    INTO ix
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = c.relam
    WHERE i.indexrelid = idx;

    IF NOT FOUND OR ix.amname <> 'btree' OR ix.indpred IS NOT NULL
       OR "crm$engine".companion_of(ix.index_name) IS NULL
       OR ix.table_name = '_ferretdb_database_metadata'
       -- a FerretDB collection: a jsonb _jsonb column, in a schema holding FerretDB's metadata table
       OR NOT EXISTS (SELECT 1 FROM pg_attribute
                      WHERE attrelid = ix.indrelid AND attname = '_jsonb'
                        AND atttypid = 'jsonb'::regtype AND NOT attisdropped)
       OR NOT EXISTS (SELECT 1 FROM pg_class
                      WHERE relname = '_ferretdb_database_metadata'
                        AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ix.schema_name))
    THEN
        RETURN NULL;
    END IF;

    FOR k IN 1 .. ix.indnkeyatts LOOP
        IF ix.indkey[k - 1] <> 0 THEN
            RETURN NULL; -- a plain column, not a FerretDB field expression
        END IF;
        path := "crm$engine".key_path(pg_get_indexdef(idx, k, false));
        IF path IS NULL THEN
            RETURN NULL;
        END IF;
        -- jsonb_path_ops: smaller and faster to update than jsonb_ops, and it serves @>, the only operator pushed down.
        cols := cols || CASE WHEN cardinality(path) = 1
            THEN format('(_jsonb -> %L) jsonb_path_ops', path[1])
            ELSE format('(_jsonb #> %L::text[]) jsonb_path_ops', path::text) END;
    END LOOP;

    -- One multicolumn GIN index per btree index: GIN serves a condition on any subset of its columns
    -- equally well, and one index costs an insert less than one per field.
    -- fastupdate off: with it, new entries wait in a pending list (up to 4 MB) that every lookup scans
    -- until a vacuum merges it, which doubled lookup times after bulk inserts (measured); with a few
    -- entries per document, inserting them straight into the index costs little.
    RETURN format('%I ON %I.%I USING gin (%s) WITH (fastupdate = off)', "crm$engine".companion_of(ix.index_name),
                  ix.schema_name, ix.table_name, array_to_string(cols, ', '));
END
$fn$;

-- add_companions runs at the end of every CREATE INDEX, in its transaction: FerretDB's index and its
-- companion appear together. A failure only warns: the MongoDB index must not fail for want of a faster
-- plan, and the next engine start retries.
CREATE OR REPLACE FUNCTION "crm$engine".add_companions() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
DECLARE
    cmd record;
    ddl text;
    companion text;
BEGIN
    FOR cmd IN SELECT objid, schema_name FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
        ddl := "crm$engine".companion_ddl(cmd.objid); -- NULL for our own GIN indexes: no recursion
        CONTINUE WHEN ddl IS NULL;
        companion := "crm$engine".companion_of((SELECT relname FROM pg_class WHERE oid = cmd.objid));
        BEGIN
            -- An invalid companion is what an interrupted CREATE INDEX CONCURRENTLY leaves behind.
            IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                       JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relname = companion AND n.nspname = cmd.schema_name AND NOT i.indisvalid) THEN
                EXECUTE format('DROP INDEX %I.%I', cmd.schema_name, companion);
            END IF;
            EXECUTE 'CREATE INDEX IF NOT EXISTS ' || ddl;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'crm-engine: companion index % not created: %', companion, SQLERRM;
        END;
    END LOOP;
END
$fn$;

-- drop_companions drops the companion with its FerretDB index. Dropping a collection (table) or a
-- database (schema) drops every index on it already, so only DROP INDEX needs this.
CREATE OR REPLACE FUNCTION "crm$engine".drop_companions() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
DECLARE
    obj record;
BEGIN
    FOR obj IN SELECT schema_name, "crm$engine".companion_of(object_name) AS companion
               FROM pg_event_trigger_dropped_objects()
               WHERE object_type = 'index' AND original LOOP
        CONTINUE WHEN obj.companion IS NULL; -- a companion itself: no recursion
        EXECUTE format('DROP INDEX IF EXISTS %I.%I', obj.schema_name, obj.companion);
    END LOOP;
END
$fn$;

-- companions lists the companions present and the ones due, for the backfill at start and for
-- running without them. A companion is due when its FerretDB index exists and it is missing or invalid;
-- it is stale when invalid or when its FerretDB index is gone.
CREATE OR REPLACE FUNCTION "crm$engine".companions()
RETURNS TABLE (schema_name text, companion text, ddl text, valid boolean, stale boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog AS $fn$
    WITH btree AS (
        SELECT n.nspname::text AS schema_name, "crm$engine".companion_of(c.relname) AS companion,
               "crm$engine".companion_ddl(c.oid) AS ddl
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = c.relam
        WHERE am.amname = 'btree' AND c.relname LIKE '%\_idx'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    ), gin AS (
        SELECT n.nspname::text AS schema_name, c.relname::text AS companion, i.indisvalid AS valid
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = c.relam
        JOIN pg_class t ON t.oid = i.indrelid
        WHERE am.amname = 'gin' AND c.relname LIKE '%\_gin'
          AND EXISTS (SELECT 1 FROM pg_class m
                      WHERE m.relname = '_ferretdb_database_metadata' AND m.relnamespace = t.relnamespace)
    )
    SELECT coalesce(b.schema_name, g.schema_name), coalesce(b.companion, g.companion), b.ddl,
           coalesce(g.valid, false), g.companion IS NOT NULL AND (NOT g.valid OR b.ddl IS NULL)
    FROM (SELECT * FROM btree WHERE ddl IS NOT NULL) b
    FULL JOIN gin g ON g.schema_name = b.schema_name AND g.companion = b.companion
$fn$;

DROP EVENT TRIGGER IF EXISTS crm_engine_add_companions;
CREATE EVENT TRIGGER crm_engine_add_companions ON ddl_command_end
    WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION "crm$engine".add_companions();

DROP EVENT TRIGGER IF EXISTS crm_engine_drop_companions;
CREATE EVENT TRIGGER crm_engine_drop_companions ON sql_drop
    WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION "crm$engine".drop_companions();
