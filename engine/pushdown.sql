-- The keys of crm-engine's pushdown (the patched FerretDB's crm_pushdown.go): filters, sorts, skips, limits
-- and counts answered by PostgreSQL, in MongoDB's order. Applied by the engine at every start, before the
-- companion indexes that are built on them. No SET search_path: these SQL functions must stay inlinable,
-- and their bodies use only pg_catalog's operators.

CREATE SCHEMA IF NOT EXISTS "crm$engine";

-- sort_key is a top-level field's sort key: [MongoDB type rank, value] as jsonb. Two keys of a field compare
-- in jsonb (arrays of two: the rank first, then the values, of one jsonb type within a rank) as MongoDB
-- compares the values: a missing field and null alike (rank 5), then numbers of every kind (10), strings by
-- code point (15: the database's collation is C), ObjectIds (35: FerretDB stores them as lowercase hex, which
-- sorts as their bytes), booleans (40) and dates (45: stored as milliseconds). FerretDB's stored schema
-- ($s.p.<field>.t) proves the type. Any other type (an array sorts by its elements, a document by its
-- fields…) has no key: NULL, and the pushdown's guard leaves such collections to FerretDB.
CREATE OR REPLACE FUNCTION "crm$engine".sort_key(doc jsonb, field text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    -- Only immutable functions (jsonb_build_array is stable), so that the planner inlines the body: a call
    -- of an SQL function costs some 7 µs a row (measured), the inlined expression a fraction of that. #>>
    -- reads the type in one pass where a chain of -> copies each level of the stored schema.
    SELECT CASE doc #>> ARRAY['$s', 'p', field, 't']
        WHEN 'int' THEN '[10]'::jsonb || (doc -> field)
        WHEN 'long' THEN '[10]'::jsonb || (doc -> field)
        WHEN 'double' THEN '[10]'::jsonb || (doc -> field)
        WHEN 'string' THEN '[15]'::jsonb || (doc -> field)
        WHEN 'objectId' THEN '[35]'::jsonb || (doc -> field)
        WHEN 'bool' THEN '[40]'::jsonb || (doc -> field)
        WHEN 'date' THEN '[45]'::jsonb || (doc -> field)
        WHEN 'null' THEN '[5, null]'::jsonb
        ELSE CASE WHEN doc ? field THEN NULL ELSE '[5, null]'::jsonb END
    END
$fn$;

-- unsortable_fields lists a document's top-level fields whose value has no sort key; NULL when none.
-- Its honest cost (it walks the stored schema) keeps the planner on the guard index: priced as cheap, the
-- guard's EXISTS became a sequential scan hoping for an early match, 3.2 s on 100,000 log entries whose
-- every document holds a `details` document (measured), against 3.6 ms through the index.
CREATE OR REPLACE FUNCTION "crm$engine".unsortable_fields(doc jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 10000 AS $fn$
    SELECT array_agg(f.key ORDER BY f.key)
    FROM jsonb_each(doc -> '$s' -> 'p') AS f
    WHERE f.value ->> 't' NOT IN ('int', 'long', 'double', 'string', 'objectId', 'bool', 'date', 'null')
$fn$;

-- holds is MongoDB's equality with a string or an ObjectId (val, as FerretDB stores it; typ, its stored type)
-- on a top-level field: the field is the value, or an array holding it among its elements. The pushdown puts
-- a jsonb containment before it, which the GIN companions serve; this proves the type the containment cannot
-- see: an ObjectId is stored as a string of 24 hex digits, binary data as a base64 string.
CREATE OR REPLACE FUNCTION "crm$engine".holds(doc jsonb, field text, val jsonb, typ text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT CASE doc #>> ARRAY['$s', 'p', field, 't']
        WHEN typ THEN doc -> field = val
        WHEN 'array' THEN EXISTS (
            SELECT 1 FROM jsonb_array_elements(doc -> field) WITH ORDINALITY AS e(v, i)
            WHERE e.v = val AND doc #>> ARRAY['$s', 'p', field, 'i', (e.i - 1)::text, 't'] = typ)
        ELSE false
    END
$fn$;
