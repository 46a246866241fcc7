-- Companion indexes: FerretDB's PostgreSQL backend pushes an equality filter down as
--   _jsonb -> 'field' @> value          (top-level field)
--   _jsonb #> '{a,b}' @> value          (dotted path; count, update, delete, findAndModify)
-- but indexes MongoDB's createIndexes as btree on (_jsonb -> 'field'), which cannot serve @>.
-- For each such btree index this gives a GIN index on the same fields in the pushed-down form,
-- named like it with _gin for _idx. With it come the btree index of the pushdown's sort keys (_key) and, for
-- the _id index, the pushdown's guard index (_uns): see pushdown.sql. Applied by the engine at every start in
-- one transaction.
--
-- The schema name holds a '$', which FerretDB refuses in database names ([a-zA-Z0-9_-]), so no
-- MongoDB database can ever be this schema, nor drop it.

CREATE SCHEMA IF NOT EXISTS "crm$engine";

-- replaced by companion_of(text, text) and companion_ddls(oid)
DROP FUNCTION IF EXISTS "crm$engine".companion_ddl(oid);
DROP FUNCTION IF EXISTS "crm$engine".companion_of(text);

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

-- companion_of names a companion of a FerretDB index (FerretDB's index names all end in _idx): _gin for the
-- GIN index of pushed-down equalities, _key for the btree index of sort keys, _uns for the guard index.
CREATE OR REPLACE FUNCTION "crm$engine".companion_of(index_name text, suffix text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog AS $fn$
    SELECT CASE WHEN index_name LIKE '%\_idx' THEN left(index_name, -4) || suffix END
$fn$;

-- companion_ddls returns "<name> ON <table> USING ..." for each companion of a FerretDB collection's btree
-- index, ready to follow CREATE INDEX [CONCURRENTLY] IF NOT EXISTS; no rows for any other index.
CREATE OR REPLACE FUNCTION "crm$engine".companion_ddls(idx oid) RETURNS TABLE (companion text, ddl text)
LANGUAGE plpgsql STABLE STRICT SET search_path = pg_catalog AS $fn$
DECLARE
    ix record;
    path text[];
    gin_cols text[] := '{}';
    key_cols text[] := '{}';
    all_plain boolean := true;
    ends_with_id boolean := false;
    direction text := '';
    target text;
BEGIN
    SELECT i.indrelid, i.indnkeyatts, i.indkey, i.indoption, i.indpred, i.indisunique, c.relname AS index_name,
           t.relname AS table_name, n.nspname AS schema_name, am.amname
    INTO ix
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = c.relam
    WHERE i.indexrelid = idx;

    IF NOT FOUND OR ix.amname <> 'btree' OR ix.indpred IS NOT NULL
       OR "crm$engine".companion_of(ix.index_name, '_gin') IS NULL
       OR ix.table_name = '_ferretdb_database_metadata'
       -- a FerretDB collection: a jsonb _jsonb column, in a schema holding FerretDB's metadata table
       OR NOT EXISTS (SELECT 1 FROM pg_attribute
                      WHERE attrelid = ix.indrelid AND attname = '_jsonb'
                        AND atttypid = 'jsonb'::regtype AND NOT attisdropped)
       OR NOT EXISTS (SELECT 1 FROM pg_class
                      WHERE relname = '_ferretdb_database_metadata'
                        AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ix.schema_name))
    THEN
        RETURN;
    END IF;

    FOR k IN 1 .. ix.indnkeyatts LOOP
        IF ix.indkey[k - 1] <> 0 THEN
            RETURN; -- a plain column, not a FerretDB field expression
        END IF;
        path := "crm$engine".key_path(pg_get_indexdef(idx, k, false));
        IF path IS NULL THEN
            RETURN;
        END IF;
        -- jsonb_path_ops: smaller and faster to update than jsonb_ops, and it serves @>, the only operator pushed down.
        gin_cols := gin_cols || CASE WHEN cardinality(path) = 1
            THEN format('(_jsonb -> %L) jsonb_path_ops', path[1])
            ELSE format('(_jsonb #> %L::text[]) jsonb_path_ops', path::text) END;
        IF cardinality(path) = 1 AND strpos(path[1], '$') = 0 THEN
            -- the sort keys of crm-engine's pushdown, in the index's direction (bit 0 of indoption: DESC)
            direction := CASE WHEN (ix.indoption[k - 1] & 1) = 1 THEN ' DESC' ELSE '' END;
            key_cols := key_cols || format('"crm$engine".sort_key(_jsonb, %L::text)%s', path[1], direction);
            ends_with_id := path[1] = '_id';
        ELSE
            all_plain := false;
        END IF;
    END LOOP;

    target := format('%I.%I', ix.schema_name, ix.table_name);

    -- One multicolumn GIN index per btree index: GIN serves a condition on any subset of its columns
    -- equally well, and one index costs an insert less than one per field.
    -- fastupdate off: with it, new entries wait in a pending list (up to 4 MB) that every lookup scans
    -- until a vacuum merges it, which doubled lookup times after bulk inserts (measured); with a few
    -- entries per document, inserting them straight into the index costs little.
    companion := "crm$engine".companion_of(ix.index_name, '_gin');
    ddl := format('%I ON %s USING gin (%s) WITH (fastupdate = off)', companion, target,
                  array_to_string(gin_cols, ', '));
    RETURN NEXT;

    -- A btree index on the fields' sort keys: sorts, ranges, $in and equalities of the pushdown, and an
    -- equality followed by a sort on a compound index, are index scans.
    IF all_plain THEN
        -- The app's sorts end with _id: with it as the last key, in the last field's direction, the index
        -- gives a page in its whole order, and a deep page skips index entries instead of sorting each group.
        IF NOT ends_with_id THEN
            key_cols := key_cols || format('"crm$engine".sort_key(_jsonb, %L::text)%s', '_id', direction);
        END IF;
        companion := "crm$engine".companion_of(ix.index_name, '_key');
        ddl := format('%I ON %s USING btree (%s)', companion, target, array_to_string(key_cols, ', '));
        RETURN NEXT;
    END IF;

    -- The guard of the pushdown, once per collection (with its unique _id index): the documents holding a
    -- value without a sort key (an array, a document…) in a top-level field, by field. Usually empty.
    IF ix.indisunique AND ix.indnkeyatts = 1 AND path = '{_id}' THEN
        companion := "crm$engine".companion_of(ix.index_name, '_uns');
        ddl := format('%I ON %s USING gin ("crm$engine".unsortable_fields(_jsonb)) WITH (fastupdate = off) '
                      'WHERE "crm$engine".unsortable_fields(_jsonb) IS NOT NULL', companion, target);
        RETURN NEXT;
    END IF;
END
$fn$;

-- add_companions runs at the end of every CREATE INDEX, in its transaction: FerretDB's index and its
-- companion appear together. A failure only warns: the MongoDB index must not fail for want of a faster
-- plan, and the next engine start retries.
CREATE OR REPLACE FUNCTION "crm$engine".add_companions() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
DECLARE
    cmd record;
    c record;
BEGIN
    FOR cmd IN SELECT objid, schema_name FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
        -- no rows for our own companions: no recursion
        FOR c IN SELECT * FROM "crm$engine".companion_ddls(cmd.objid) LOOP
            BEGIN
                -- An invalid companion is what an interrupted CREATE INDEX CONCURRENTLY leaves behind.
                IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
                           JOIN pg_namespace n ON n.oid = ci.relnamespace
                           WHERE ci.relname = c.companion AND n.nspname = cmd.schema_name AND NOT i.indisvalid) THEN
                    EXECUTE format('DROP INDEX %I.%I', cmd.schema_name, c.companion);
                END IF;
                EXECUTE 'CREATE INDEX IF NOT EXISTS ' || c.ddl;
            EXCEPTION WHEN OTHERS THEN
                RAISE WARNING 'crm-engine: companion index % not created: %', c.companion, SQLERRM;
            END;
        END LOOP;
    END LOOP;
END
$fn$;

-- drop_companions drops the companion with its FerretDB index. Dropping a collection (table) or a
-- database (schema) drops every index on it already, so only DROP INDEX needs this.
CREATE OR REPLACE FUNCTION "crm$engine".drop_companions() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
DECLARE
    obj record;
    suffix text;
BEGIN
    FOR obj IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
               WHERE object_type = 'index' AND original LOOP
        CONTINUE WHEN "crm$engine".companion_of(obj.object_name, '') IS NULL; -- a companion itself: no recursion
        FOREACH suffix IN ARRAY ARRAY['_gin', '_key', '_uns'] LOOP
            EXECUTE format('DROP INDEX IF EXISTS %I.%I', obj.schema_name,
                           "crm$engine".companion_of(obj.object_name, suffix));
        END LOOP;
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
        SELECT n.nspname::text AS schema_name, d.companion, d.ddl
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = c.relam
        CROSS JOIN LATERAL "crm$engine".companion_ddls(c.oid) AS d
        WHERE am.amname = 'btree' AND c.relname LIKE '%\_idx'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    ), ours AS (
        SELECT n.nspname::text AS schema_name, c.relname::text AS companion, i.indisvalid AS valid
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class t ON t.oid = i.indrelid
        WHERE (c.relname LIKE '%\_gin' OR c.relname LIKE '%\_key' OR c.relname LIKE '%\_uns')
          AND EXISTS (SELECT 1 FROM pg_class m
                      WHERE m.relname = '_ferretdb_database_metadata' AND m.relnamespace = t.relnamespace)
    )
    SELECT coalesce(b.schema_name, g.schema_name), coalesce(b.companion, g.companion), b.ddl,
           coalesce(g.valid, false), g.companion IS NOT NULL AND (NOT g.valid OR b.ddl IS NULL)
    FROM btree b
    FULL JOIN ours g ON g.schema_name = b.schema_name AND g.companion = b.companion
$fn$;

DROP EVENT TRIGGER IF EXISTS crm_engine_add_companions;
CREATE EVENT TRIGGER crm_engine_add_companions ON ddl_command_end
    WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION "crm$engine".add_companions();

DROP EVENT TRIGGER IF EXISTS crm_engine_drop_companions;
CREATE EVENT TRIGGER crm_engine_drop_companions ON sql_drop
    WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION "crm$engine".drop_companions();
