//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/gridfs"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// pgConnect connects the test to the engine's PostgreSQL, found through the cluster's postmaster.pid.
func pgConnect(t testing.TB, dataDir string) *pgx.Conn {
	t.Helper()
	pidFile, err := os.ReadFile(filepath.Join(dataDir, "pg", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(pidFile), "\n")
	if len(lines) < 4 {
		t.Fatalf("postmaster.pid: %q", pidFile)
	}
	password, err := os.ReadFile(filepath.Join(dataDir, "pg-password"))
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable", pgSuperuser, password, strings.TrimSpace(lines[3]), pgDatabase)
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// pgIndexes lists a schema's indexes of one access method ("btree", "gin"), valid ones only.
func pgIndexes(t *testing.T, conn *pgx.Conn, schema, method string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		SELECT c.relname FROM pg_index i
		JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_am am ON am.oid = c.relam
		WHERE n.nspname = $1 AND am.amname = $2 AND i.indisvalid AND c.relname NOT LIKE '\_ferretdb\_%'
		ORDER BY 1`, schema, method)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// assertCompanions checks that every FerretDB index of the schema has its companions (a GIN index; a btree
// index of sort keys when all its fields are top-level; the guard index with _id's), and nothing else does.
func assertCompanions(t *testing.T, conn *pgx.Conn, schema string) {
	t.Helper()
	var wantGIN, wantKey []string
	for _, name := range pgIndexes(t, conn, schema, "btree") {
		base, ok := strings.CutSuffix(name, "_idx")
		if !ok {
			continue
		}
		wantGIN = append(wantGIN, base+"_gin")
		var plain, id bool
		if err := conn.QueryRow(context.Background(), `SELECT NOT EXISTS (
			SELECT 1 FROM generate_series(1, (SELECT indnkeyatts FROM pg_index WHERE indexrelid = $1::regclass)) AS k
			WHERE "crm$engine".key_path(pg_get_indexdef($1::regclass, k, false)) IS NULL
			   OR cardinality("crm$engine".key_path(pg_get_indexdef($1::regclass, k, false))) > 1),
			"crm$engine".key_path(pg_get_indexdef($1::regclass, 1, false)) = '{_id}'`,
			pgx.Identifier{schema, name}.Sanitize()).Scan(&plain, &id); err != nil {
			t.Fatal(err)
		}
		if id {
			wantGIN = append(wantGIN, base+"_uns")
		}
		if plain {
			wantKey = append(wantKey, base+"_key")
		}
	}
	slices.Sort(wantGIN)
	if got := pgIndexes(t, conn, schema, "gin"); !slices.Equal(got, wantGIN) {
		t.Fatalf("GIN companions in %s:\n got %v\nwant %v", schema, got, wantGIN)
	}
	var gotKey []string
	for _, name := range pgIndexes(t, conn, schema, "btree") {
		if strings.HasSuffix(name, "_key") {
			gotKey = append(gotKey, name)
		}
	}
	if !slices.Equal(gotKey, wantKey) {
		t.Fatalf("sort-key companions in %s:\n got %v\nwant %v", schema, gotKey, wantKey)
	}
}

// planScans lists the scans of a PostgreSQL plan as "Node Type" or "Node Type on Index Name".
func planScans(plan any) []string {
	var out []string
	switch v := plan.(type) {
	case bson.M:
		if node, ok := v["Node Type"].(string); ok {
			if index, ok := v["Index Name"].(string); ok {
				node += " on " + index
			}
			out = append(out, node)
		}
		for _, child := range v {
			out = append(out, planScans(child)...)
		}
	case bson.A:
		for _, child := range v {
			out = append(out, planScans(child)...)
		}
	}
	return out
}

// explainFind runs explain for a find through the driver; FerretDB answers with PostgreSQL's plan.
func explainFind(t *testing.T, db *mongo.Database, coll string, filter any) []string {
	t.Helper()
	var res bson.M
	err := db.RunCommand(context.Background(), bson.D{
		{Key: "explain", Value: bson.D{{Key: "find", Value: coll}, {Key: "filter", Value: filter}}},
	}).Decode(&res)
	if err != nil {
		t.Fatal(err)
	}
	if res["filterPushdown"] != true {
		t.Fatalf("filter %v not pushed down: %v", filter, res)
	}
	return planScans(res["queryPlanner"])
}

func usesIndex(scans []string, indexPrefix string) bool {
	return slices.ContainsFunc(scans, func(s string) bool {
		return strings.Contains(s, "Index Scan on "+indexPrefix) && strings.HasSuffix(s, "_gin")
	})
}

// TestCompanionIndexes starts two engines, one as shipped and one with --companion-indexes=false, at once.
func TestCompanionIndexes(t *testing.T) {
	// Anything that could fail the test happens here, not in a goroutine.
	pgBinDir(t)
	engines, dirs := startEnginesAtOnce(t, nil, []string{"--companion-indexes=false"})
	withDir := dirs[0]

	t.Run("results are the same with and without them", func(t *testing.T) { testSameResults(t, engines[0], engines[1]) })
	t.Run("they serve filters and go with their index", func(t *testing.T) { testServeAndDrop(t, engines[0], withDir) })
}

func testServeAndDrop(t *testing.T, e *runningEngine, dataDir string) {
	ctx := context.Background()
	db := connect(t, e).Database("school")
	pg := pgConnect(t, dataDir)

	users, messages := db.Collection("users"), db.Collection("messages")
	if _, err := users.Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "username", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{{Key: "profile.city", Value: 1}}},
		// Field names that need quoting in SQL, and a path into them: their companion must appear too.
		{Keys: bson.D{{Key: "nick'name", Value: 1}, {Key: `odd\path.x y`, Value: -1}}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := messages.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys: bson.D{{Key: "senderId", Value: 1}, {Key: "receiverId", Value: 1}, {Key: "timestamp", Value: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	var docs, msgs []any
	ids := make([]primitive.ObjectID, 300)
	for i := range ids {
		ids[i] = primitive.NewObjectID()
		docs = append(docs, bson.M{"_id": ids[i], "username": fmt.Sprint("u", i), "profile": bson.M{"city": fmt.Sprint("c", i%30)}})
		msgs = append(msgs, bson.M{"senderId": fmt.Sprint("s", i%7), "receiverId": fmt.Sprint("r", i%11), "timestamp": time.UnixMilli(int64(i))})
	}
	if _, err := users.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := messages.InsertMany(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	assertCompanions(t, pg, "school")

	t.Run("explain shows index scans", func(t *testing.T) {
		for _, c := range []struct {
			coll   string
			filter any
			index  string
		}{
			{"users", bson.M{"username": "u7"}, "users_"},
			{"users", bson.M{"_id": ids[42]}, "users_"},
			{"messages", bson.D{{Key: "senderId", Value: "s3"}, {Key: "receiverId", Value: "r5"}}, "messages_"},
		} {
			if scans := explainFind(t, db, c.coll, c.filter); !usesIndex(scans, c.index) {
				t.Errorf("find %v: no companion index scan: %v", c.filter, scans)
			}
		}
	})

	// Dotted paths are pushed down by count, update, delete and findAndModify (find leaves them to FerretDB)
	// as _jsonb #> $1 @> $2; this is that statement, parameters and all, as FerretDB prepares it.
	t.Run("dotted path filter uses the companion", func(t *testing.T) {
		var table string
		if err := pg.QueryRow(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'school' AND tablename LIKE 'users\_%'`).Scan(&table); err != nil {
			t.Fatal(err)
		}
		var plan string
		q := `EXPLAIN SELECT _jsonb FROM ` + pgx.Identifier{"school", table}.Sanitize() + ` WHERE _jsonb #> $1 @> $2`
		rows, err := pg.Query(ctx, q, []string{"profile", "city"}, `"c3"`)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan = strings.Join(lines, "\n")
		if !strings.Contains(plan, "Index Scan on "+table+"_profile_city") || !strings.Contains(plan, "_gin") {
			t.Fatalf("dotted path filter does not use its companion:\n%s", plan)
		}
		n, err := users.CountDocuments(ctx, bson.M{"profile.city": "c3"})
		if err != nil || n != 10 {
			t.Fatalf("count: %d, %v", n, err)
		}
	})

	// GridFS reads a file's chunks by files_id. The chunks are large, stored out of line, and the planner
	// takes the index only because the engine raised the cost of extracting a field (planner.go).
	t.Run("GridFS chunks are read through the companion", func(t *testing.T) {
		var cost float64
		if err := pg.QueryRow(ctx, `SELECT procost FROM pg_proc WHERE oid = 'jsonb_object_field(jsonb, text)'::regprocedure`).Scan(&cost); err != nil || cost != jsonbFieldCost {
			t.Fatalf("jsonb_object_field cost %v, %v", cost, err)
		}
		var workers string
		if err := pg.QueryRow(ctx, `SHOW max_parallel_workers_per_gather`).Scan(&workers); err != nil || workers != "0" {
			t.Fatalf("max_parallel_workers_per_gather %q, %v", workers, err)
		}
		files := connect(t, e).Database("files")
		bucket, err := gridfs.NewBucket(files)
		if err != nil {
			t.Fatal(err)
		}
		data := make([]byte, 1<<20)
		var first primitive.ObjectID
		for i := range 10 {
			_, _ = rand.Read(data)
			id, err := bucket.UploadFromStream(fmt.Sprint("note-", i), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = id
			}
		}
		assertCompanions(t, pg, "files")
		// With statistics, as autovacuum gathers them, the main table looks tiny: its rows only point to TOAST.
		if _, err := pg.Exec(ctx, `ANALYZE`); err != nil {
			t.Fatal(err)
		}
		if scans := explainFind(t, files, "fs.chunks", bson.M{"files_id": first}); !usesIndex(scans, "fs_chunks_") {
			t.Fatalf("chunks not read through the companion: %v", scans)
		}
	})

	t.Run("dropping the index drops its companion", func(t *testing.T) {
		if _, err := users.Indexes().DropOne(ctx, "profile.city_1"); err != nil {
			t.Fatal(err)
		}
		assertCompanions(t, pg, "school")
		if gin := pgIndexes(t, pg, "school", "gin"); slices.ContainsFunc(gin, func(s string) bool { return strings.Contains(s, "profile_city") }) {
			t.Fatalf("companion of the dropped index is still there: %v", gin)
		}
	})

	t.Run("dropping the collection and the database drops the companions", func(t *testing.T) {
		if err := users.Drop(ctx); err != nil {
			t.Fatal(err)
		}
		assertCompanions(t, pg, "school")
		if gin := pgIndexes(t, pg, "school", "gin"); slices.ContainsFunc(gin, func(s string) bool { return strings.HasPrefix(s, "users_") }) {
			t.Fatalf("companions of the dropped collection are still there: %v", gin)
		}
		if err := db.Drop(ctx); err != nil {
			t.Fatal(err)
		}
		if gin := pgIndexes(t, pg, "school", "gin"); len(gin) != 0 {
			t.Fatalf("companions of the dropped database are still there: %v", gin)
		}
	})
}

func TestOlderDataDirectoryGetsCompanionsBackfilled(t *testing.T) {
	dataDir := testDataDir(t)
	ctx := context.Background()

	first := startEngine(t, dataDir)
	client := connect(t, first)
	grades := client.Database("school").Collection("grades")
	if _, err := grades.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "studentId", Value: 1}, {Key: "term.name", Value: 1}}}); err != nil {
		t.Fatal(err)
	}
	var docs []any
	for i := range 200 {
		docs = append(docs, bson.M{"studentId": fmt.Sprint("st", i), "term": bson.M{"name": "T1"}, "grade": i % 100})
	}
	if _, err := grades.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if gin := pgIndexes(t, pgConnect(t, dataDir), "school", "gin"); len(gin) != 3 { // and _id's guard index
		t.Fatalf("companions: %v", gin)
	}
	_ = client.Disconnect(ctx) // FerretDB waits for open connections before it stops
	first.terminate()

	// Without companions, the engine removes them and its triggers; an index made then stands for one
	// made by an engine older than the companions.
	old := startEngine(t, dataDir, "--companion-indexes=false")
	pg := pgConnect(t, dataDir)
	var triggers int
	if err := pg.QueryRow(ctx, `SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'crm\_engine%'`).Scan(&triggers); err != nil || triggers != 0 {
		t.Fatalf("event triggers left: %d, %v", triggers, err)
	}
	if gin := pgIndexes(t, pg, "school", "gin"); len(gin) != 0 {
		t.Fatalf("companions with --companion-indexes=false: %v", gin)
	}
	client = connect(t, old)
	grades = client.Database("school").Collection("grades")
	if _, err := grades.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "grade", Value: 1}}}); err != nil {
		t.Fatal(err)
	}
	if gin := pgIndexes(t, pg, "school", "gin"); len(gin) != 0 {
		t.Fatalf("companion made with --companion-indexes=false: %v", gin)
	}
	_ = client.Disconnect(ctx)
	old.terminate()

	e := startEngine(t, dataDir)
	pg = pgConnect(t, dataDir)
	deadline := time.Now().Add(30 * time.Second)
	keys := func() int {
		return len(slices.DeleteFunc(pgIndexes(t, pg, "school", "btree"), func(n string) bool { return !strings.HasSuffix(n, "_key") }))
	}
	for (len(pgIndexes(t, pg, "school", "gin")) < 4 || keys() < 2) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	assertCompanions(t, pg, "school")
	db := connect(t, e).Database("school")
	if scans := explainFind(t, db, "grades", bson.M{"studentId": "st5"}); !usesIndex(scans, "grades_") {
		t.Fatalf("no companion index scan after the backfill: %v", scans)
	}
	var found bson.M
	if err := db.Collection("grades").FindOne(ctx, bson.M{"studentId": "st5"}).Decode(&found); err != nil || found["grade"] != int32(5) {
		t.Fatalf("find after backfill: %v, %v", found, err)
	}
}
