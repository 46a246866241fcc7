package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// jsonbFieldCost is the planner cost, in units of cpu_operator_cost, of extracting a field from a document.
//
// PostgreSQL counts it as 1, as cheap as comparing two integers. But a document larger than about 2 kB
// is stored out of line (TOAST), and extracting any field first fetches and reassembles the whole value:
// a 255 kB GridFS chunk is over a hundred TOAST rows. Believing that cheap, the planner reads every chunk
// of every file with a sequential scan instead of the companion index, and a 1 MB read grows with the
// whole store (129 ms with 100 MB stored, measured before the companions). At 100 it prefers the index for a selective filter
// on any collection, while a filter that matches most documents still scans, as it should.
const jsonbFieldCost = 100

// applyPlannerSettings runs at every start, before FerretDB connects; each statement is idempotent and
// lives in the database's catalog. The functions are those behind the operators of FerretDB's pushed-down
// filters: jsonb -> text (jsonb_object_field) and jsonb #> text[] (jsonb_extract_path).
//
// No parallel query: with field extraction priced honestly, any plan that the planner believes touches
// many rows looks expensive, and before the first autoanalyze (after an import, say) it believes an
// equality matches some 15% of a collection. It then runs a one-document lookup through two parallel
// workers: 5 ms instead of 0.9 ms at 500,000 documents (measured). On the two cores of an office PC,
// workers would compete with the app anyway.
func applyPlannerSettings(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Exec(ctx, fmt.Sprintf(`
		ALTER FUNCTION pg_catalog.jsonb_object_field(jsonb, text) COST %[1]d;
		ALTER FUNCTION pg_catalog.jsonb_extract_path(jsonb, text[]) COST %[1]d;
		ALTER DATABASE %[2]s SET max_parallel_workers_per_gather = 0`, jsonbFieldCost, pgx.Identifier{pgDatabase}.Sanitize()))
	return err
}
