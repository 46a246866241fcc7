//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// pushGen makes documents whose fields hold scalars of every type the pushdown keys (numbers of three
// kinds, strings, ObjectIds, booleans, dates, null) or are missing, mixed within one field, with equal
// values often; and filters, sorts and pages over them.
type pushGen struct{ r *rand.Rand }

var pushFields = []string{"a", "b", "ts", "who", "n"}

func (g pushGen) scalar() any {
	switch n := g.r.IntN(10); n {
	case 0:
		// with the hex digits of propObjectIDs[0] and the base64 of "a" (stored alike with an ObjectId and
		// with binary data)
		strs := []string{"a", "b", "", "ä", "1", "10", "A", "ab", "😀", "650102030405060708090a0b", "YQ=="}
		return strs[g.r.IntN(len(strs))]
	case 1:
		return []int32{0, 1, 10, -1, 2}[g.r.IntN(5)]
	case 2:
		return []int64{1, 10, 1 << 40, -(1 << 55), 2}[g.r.IntN(5)]
	case 3:
		return []float64{1, 10, 0.5, -2.25, 1e300, 2, -0.0}[g.r.IntN(7)]
	case 4, 5, 6, 7:
		return propSharedScalar(g.r, n-4)
	default:
		return []any{int32(1), "b", float64(10), propDates[0]}[g.r.IntN(4)]
	}
}

// doc: the scalar fields, sometimes missing; "extra" holds arrays and documents, which no query touches,
// so the guard must look at the queried fields only. With messy, one field of some documents holds an
// array or a document: the guard must then leave the query to FerretDB.
func (g pushGen) doc(id int32, messy bool) bson.D {
	d := bson.D{{Key: "_id", Value: id}}
	for _, f := range pushFields {
		if g.r.IntN(6) == 0 {
			continue
		}
		var v any = g.scalar()
		if messy && f == "b" && g.r.IntN(5) == 0 {
			v = []any{
				bson.A{g.scalar(), g.scalar()},
				bson.D{{Key: "x", Value: g.scalar()}},
				bson.A{primitive.Binary{Data: []byte("a")}, g.scalar()},
			}[g.r.IntN(3)]
		}
		d = append(d, bson.E{Key: f, Value: v})
	}
	d = append(d, bson.E{Key: "extra", Value: bson.A{g.scalar(), bson.D{{Key: "y", Value: g.scalar()}}}})
	return d
}

func (g pushGen) condition(depth int) bson.D {
	field := pushFields[g.r.IntN(len(pushFields))]
	if g.r.IntN(10) == 0 {
		field = "_id"
	}
	v := g.scalar()
	if field == "_id" {
		v = int32(g.r.IntN(pushDocs + 5))
	}
	switch n := g.r.IntN(14); {
	case n < 3:
		return bson.D{{Key: field, Value: v}}
	case n < 8:
		op := []string{"$eq", "$ne", "$gt", "$gte", "$lt", "$lte"}[n-3+g.r.IntN(2)]
		return bson.D{{Key: field, Value: bson.D{{Key: op, Value: v}}}}
	case n < 9:
		lo, hi := g.scalar(), g.scalar()
		return bson.D{{Key: field, Value: bson.D{{Key: "$gte", Value: lo}, {Key: "$lt", Value: hi}}}}
	case n < 11:
		in := bson.A{}
		for range g.r.IntN(4) {
			in = append(in, g.scalar())
		}
		return bson.D{{Key: field, Value: bson.D{{Key: []string{"$in", "$nin"}[g.r.IntN(2)], Value: in}}}}
	case n < 12:
		return bson.D{{Key: field, Value: bson.D{{Key: "$exists", Value: g.r.IntN(2) == 0}}}}
	case n < 13 && depth < 2:
		var branches bson.A
		for range 1 + g.r.IntN(3) {
			branches = append(branches, g.condition(depth+1))
		}
		return bson.D{{Key: []string{"$or", "$and"}[g.r.IntN(2)], Value: branches}}
	default:
		// not pushed down: FerretDB answers, and the results must still agree
		return bson.D{{Key: field, Value: bson.D{{Key: "$type", Value: "string"}}}}
	}
}

func (g pushGen) filter() bson.D {
	f := bson.D{}
	seen := map[string]bool{}
	for range g.r.IntN(3) {
		c := g.condition(0)
		if seen[c[0].Key] {
			continue // distinct keys, as a JavaScript object has
		}
		seen[c[0].Key] = true
		f = append(f, c...)
	}
	return f
}

// sort: a few fields and then _id, as the app sorts; sometimes none.
func (g pushGen) sort() bson.D {
	if g.r.IntN(6) == 0 {
		return nil
	}
	s := bson.D{}
	for _, i := range g.r.Perm(len(pushFields))[:g.r.IntN(3)] {
		s = append(s, bson.E{Key: pushFields[i], Value: []int32{1, -1}[g.r.IntN(2)]})
	}
	return append(s, bson.E{Key: "_id", Value: []int32{1, -1}[g.r.IntN(2)]})
}

const pushDocs = 300

// TestPushdownAnswersAsFerretDB compares an engine with the pushdown and one without (--pushdown=false),
// both with companion indexes, on random documents, filters, sorts, skips and limits: find, count and
// countDocuments must give byte-identical results, in the same order when sorted.
func TestPushdownAnswersAsFerretDB(t *testing.T) {
	pgBinDir(t)
	engines, dirs := startEnginesAtOnce(t, nil, []string{"--pushdown=false"})
	seed := propSeed(t)
	ctx := context.Background()
	gen := pushGen{rand.New(rand.NewPCG(seed, 0x9d))}

	for _, messy := range []bool{false, true} {
		name := map[bool]string{false: "scalars", true: "messy"}[messy]
		var dbs [2]*mongo.Database
		docs := make([]any, pushDocs)
		for i := range docs {
			docs[i] = gen.doc(int32(i), messy)
		}
		for i, e := range engines {
			dbs[i] = connect(t, e).Database("push")
			seedAroundIndexes(t, dbs[i].Collection(name), docs,
				[]bson.D{{{Key: "a", Value: 1}}, {{Key: "ts", Value: -1}}, {{Key: "who", Value: 1}, {Key: "ts", Value: -1}}})
		}

		const queries = 250
		var pushable, matched, diverged int
		for range queries {
			filter, sort := gen.filter(), gen.sort()
			skip, limit := int64(0), int64(0)
			if g := gen.r.IntN(3); g > 0 {
				skip, limit = int64(gen.r.IntN(20)), int64(gen.r.IntN(40))
			}
			var finds [2][][]byte
			var counts, countDocs [2]int64
			for i, db := range dbs {
				c := db.Collection(name)
				// Without a sort no order is promised, so neither is which documents a page holds.
				opts := options.Find()
				if sort != nil {
					opts.SetSort(sort).SetSkip(skip).SetLimit(limit)
				}
				cur, err := c.Find(ctx, filter, opts)
				if err != nil {
					t.Fatalf("find %v sort %v: %v", filter, sort, err)
				}
				for cur.Next(ctx) {
					finds[i] = append(finds[i], bytes.Clone(cur.Current))
				}
				if err := cur.Err(); err != nil {
					t.Fatal(err)
				}
				if sort == nil { // no order is promised: compare as sets
					slices.SortFunc(finds[i], bytes.Compare)
				}
				var res struct{ N int64 }
				cmd := bson.D{{Key: "count", Value: name}, {Key: "query", Value: filter}, {Key: "skip", Value: skip}, {Key: "limit", Value: limit}}
				if err := db.RunCommand(ctx, cmd).Decode(&res); err != nil {
					t.Fatalf("count %v: %v", filter, err)
				}
				counts[i] = res.N
				cdOpts := options.Count()
				if skip > 0 {
					cdOpts.SetSkip(skip)
				}
				if limit > 0 {
					cdOpts.SetLimit(limit)
				}
				if countDocs[i], err = c.CountDocuments(ctx, filter, cdOpts); err != nil {
					t.Fatalf("countDocuments %v: %v", filter, err)
				}
			}
			what := fmt.Sprintf("%s: filter %v sort %v skip %d limit %d", name, filter, sort, skip, limit)
			if propUnsafeInt64(filter) && !sameResults(finds, counts, countDocs) {
				t.Logf("%s: the engines differ on an int64 beyond 2^53 (the reference engine's quirk)", what)
				diverged++
				continue
			}
			if counts[0] != counts[1] || countDocs[0] != countDocs[1] {
				t.Fatalf("%s: count %d / %d, countDocuments %d / %d (pushdown / FerretDB)", what, counts[0], counts[1], countDocs[0], countDocs[1])
			}
			if len(finds[0]) != len(finds[1]) {
				t.Fatalf("%s: %d documents with the pushdown, %d without", what, len(finds[0]), len(finds[1]))
			}
			for j := range finds[0] {
				if !bytes.Equal(finds[0][j], finds[1][j]) {
					t.Fatalf("%s: document %d differs:\n pushdown %v\n FerretDB %v", what, j, bson.Raw(finds[0][j]), bson.Raw(finds[1][j]))
				}
			}
			if sort != nil && int64(len(finds[0])) != countDocs[0] {
				t.Fatalf("%s: find gave %d documents, countDocuments %d", what, len(finds[0]), countDocs[0])
			}
			if len(finds[0]) > 0 {
				matched++
			}
			if pushedDown(t, filter, sort) {
				pushable++
			}
		}
		t.Logf("%s: %d queries, %d found documents, %d of a shape the pushdown translates, %d skipped (int64 beyond 2^53)", name, queries, matched, pushable, diverged)
		if diverged > queries/25 {
			t.Fatalf("%s: %d of %d queries skipped for the reference engine's int64 quirk: too many to trust the comparison", name, diverged, queries)
		}
		if !messy {
			// The pushdown really answered: its guard and key indexes were read. A backend that flushed its
			// statistics less than a second before going idle holds the next flush for up to 10 s
			// (PostgreSQL's PGSTAT_IDLE_INTERVAL), so wait longer than that before calling them unused.
			pg := pgConnect(t, dirs[0])
			var guard, keys int64
			for deadline := time.Now().Add(15 * time.Second); (guard == 0 || keys == 0) && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
				if err := pg.QueryRow(ctx, `SELECT coalesce(sum(idx_scan) FILTER (WHERE indexrelname LIKE '%\_uns'), 0),
					coalesce(sum(idx_scan) FILTER (WHERE indexrelname LIKE '%\_key'), 0)
					FROM pg_stat_user_indexes WHERE schemaname = 'push'`).Scan(&guard, &keys); err != nil {
					t.Fatal(err)
				}
			}
			if guard == 0 || keys == 0 {
				t.Fatalf("the pushdown's indexes were not used: guard %d scans, sort keys %d", guard, keys)
			}
		}
		if matched < queries/4 || pushable < queries/2 {
			t.Fatalf("%s: too few queries found documents (%d) or were translated (%d) of %d", name, matched, pushable, queries)
		}
	}
}

// pushedDown reports whether the pushdown translates the query (the guard may still refuse it).
func pushedDown(t *testing.T, filter, sort bson.D) bool {
	t.Helper()
	f, err := bson.Marshal(filter)
	if err != nil {
		t.Fatal(err)
	}
	var s []byte
	if sort != nil {
		if s, err = bson.Marshal(sort); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err = ferretdb.CRMSelectSQL("s", "t", f, s, 0, 0)
	return err == nil
}

// TestNewestPageIsAnIndexScan: on a large collection with an index on timestamp, the newest page (and the
// newest page of one user, with a compound index) is read from the index with a LIMIT, not by sorting
// the table; a range and $in are index scans too.
func TestNewestPageIsAnIndexScan(t *testing.T) {
	// The plans are the same at 200,000 rows as at a school year's million (CRM_EXPLAIN_ROWS=1000000, about
	// a minute to write and index here), which would make this test the slowest of the suite.
	rows := 200_000
	if n, err := strconv.Atoi(os.Getenv("CRM_EXPLAIN_ROWS")); err == nil && n > 0 {
		rows = n
	}
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	ctx := context.Background()
	c := connect(t, e).Database("school").Collection("activity")
	// The collection and its _id index exist through FerretDB; the rows are written by SQL, in FerretDB's
	// stored form, which is far quicker than a million inserts.
	if _, err := c.InsertOne(ctx, bson.D{{Key: "_id", Value: primitive.NewObjectID()}, {Key: "userId", Value: primitive.NewObjectID()}, {Key: "timestamp", Value: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	pg := pgConnect(t, dataDir)
	var table string
	if err := pg.QueryRow(ctx, `SELECT _jsonb->>'table' FROM school._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'activity'`).Scan(&table); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if _, err := pg.Exec(ctx, fmt.Sprintf(`INSERT INTO school.%s (_jsonb)
		SELECT jsonb_build_object(
			'$s', '{"p": {"_id": {"t": "objectId"}, "userId": {"t": "objectId"}, "timestamp": {"t": "date"}, "action": {"t": "string"}, "details": {"t": "array", "i": [{"t": "int"}]}}, "$k": ["_id", "userId", "timestamp", "action", "details"]}'::jsonb,
			'_id', lpad(to_hex(i), 24, '0'),
			'userId', lpad(to_hex(i %% 500), 24, '0'),
			'timestamp', 1700000000000 + i * 1000,
			'action', (ARRAY['CREATE', 'UPDATE', 'DELETE', 'LOGIN'])[1 + i %% 4],
			-- every entry holds a value without a sort key, as the log's details: the guard index holds every row
			'details', jsonb_build_array(i))
		FROM generate_series(1, %d) AS i`, pgx.Identifier{table}.Sanitize(), rows)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "timestamp", Value: -1}}},
		{Keys: bson.D{{Key: "userId", Value: 1}, {Key: "timestamp", Value: -1}}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := pg.Exec(ctx, fmt.Sprintf(`ANALYZE school.%s`, pgx.Identifier{table}.Sanitize())); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows written and indexed in %s", rows, time.Since(started).Round(time.Millisecond))

	// The guard is index probes, never a scan of the table, even when the guard index holds every row.
	guardSQL, guardArgs := ferretdb.CRMGuardSQL("school", table, []string{"timestamp", "_id", "userId"})
	guardRows, err := pg.Query(ctx, "EXPLAIN (FORMAT TEXT) "+guardSQL, guardArgs...)
	if err != nil {
		t.Fatal(err)
	}
	guardPlan, err := pgx.CollectRows(guardRows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if plan := strings.Join(guardPlan, "\n"); strings.Contains(plan, "Seq Scan") || strings.Count(plan, "_uns") != 3 {
		t.Fatalf("the guard is not three probes of the guard index:\n%s", plan)
	}

	user := primitive.ObjectID{11: 7}
	cases := []struct {
		name   string
		filter bson.D
		sort   bson.D
		skip   int64
		want   string // the index the plan must use
		topN   bool   // the matching rows are few and sorted after the index scan (several users' pages)
	}{
		{"newest page", nil, bson.D{{Key: "timestamp", Value: -1}, {Key: "_id", Value: -1}}, 0, "_timestamp_", false},
		{"page 20", nil, bson.D{{Key: "timestamp", Value: -1}, {Key: "_id", Value: -1}}, 1000, "_timestamp_", false},
		{"newest of one user", bson.D{{Key: "userId", Value: user}}, bson.D{{Key: "timestamp", Value: -1}, {Key: "_id", Value: -1}}, 0, "_userid_", false},
		{"older than a date", bson.D{{Key: "timestamp", Value: bson.D{{Key: "$lt", Value: time.UnixMilli(1700000000000 + 5000*1000)}}}}, bson.D{{Key: "timestamp", Value: -1}, {Key: "_id", Value: -1}}, 0, "_timestamp_", false},
		{"some users", bson.D{{Key: "userId", Value: bson.D{{Key: "$in", Value: bson.A{user, primitive.ObjectID{11: 9}}}}}}, bson.D{{Key: "timestamp", Value: -1}, {Key: "_id", Value: -1}}, 0, "_userid_", true},
	}
	for _, tc := range cases {
		if tc.filter == nil {
			tc.filter = bson.D{}
		}
		f, _ := bson.Marshal(tc.filter)
		s, _ := bson.Marshal(tc.sort)
		sql, args, err := ferretdb.CRMSelectSQL("school", table, f, s, tc.skip, 50)
		if err != nil {
			t.Fatalf("%s: not pushed down: %v", tc.name, err)
		}
		var plan string
		rows, err := pg.Query(ctx, "EXPLAIN (FORMAT TEXT) "+sql, args...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan = strings.Join(lines, "\n")
		if !strings.HasPrefix(strings.TrimSpace(lines[0]), "Limit") || !strings.Contains(plan, "Index Scan") ||
			!strings.Contains(plan, tc.want) || !strings.Contains(plan, "_key") ||
			strings.Contains(plan, "Seq Scan") || (!tc.topN && strings.Contains(plan, "  ->  Sort")) {
			t.Fatalf("%s: not a LIMIT over an index scan of the %s sort keys:\n%s\n%s", tc.name, tc.want, sql, plan)
		}
		// and the engine answers the same query through the wire protocol with the page asked for
		cur, err := c.Find(ctx, tc.filter, options.Find().SetSort(tc.sort).SetSkip(tc.skip).SetLimit(50))
		if err != nil {
			t.Fatal(err)
		}
		var page []bson.M
		if err := cur.All(ctx, &page); err != nil {
			t.Fatal(err)
		}
		if len(page) != 50 {
			t.Fatalf("%s: %d documents, want 50", tc.name, len(page))
		}
		for i := 1; i < len(page); i++ {
			if page[i]["timestamp"].(primitive.DateTime) > page[i-1]["timestamp"].(primitive.DateTime) {
				t.Fatalf("%s: not newest first at %d", tc.name, i)
			}
		}
	}
}

// sameResults: both engines found the same documents and counted the same.
func sameResults(finds [2][][]byte, counts, countDocs [2]int64) bool {
	if counts[0] != counts[1] || countDocs[0] != countDocs[1] || len(finds[0]) != len(finds[1]) {
		return false
	}
	for j := range finds[0] {
		if !bytes.Equal(finds[0][j], finds[1][j]) {
			return false
		}
	}
	return true
}

// TestDuplicatedKeysAnswerAsFerretDB: a filter or sort that holds a key twice (BSON allows it; no JavaScript
// object can hold one, so the app never sends it) is answered as FerretDB answers it, where the pushdown had
// closed the connection (types.Document.Get panics on a duplicated key). An operator document with a key
// twice ({a: {$gt: 0, $gt: 1}}) closes the connection in FerretDB's own path too, upstream, and is left out.
func TestDuplicatedKeysAnswerAsFerretDB(t *testing.T) {
	pgBinDir(t)
	engines, _ := startEnginesAtOnce(t, nil, []string{"--pushdown=false"})
	ctx := context.Background()
	filters := []bson.D{
		{{Key: "a", Value: 1}, {Key: "a", Value: 2}},
		{{Key: "a", Value: bson.D{{Key: "$gt", Value: 0}}}, {Key: "a", Value: 2}},
		{{Key: "$or", Value: bson.A{bson.D{{Key: "a", Value: 1}, {Key: "a", Value: 1}}, bson.D{{Key: "a", Value: 3}}}}},
		{{Key: "a", Value: bson.D{{Key: "$in", Value: bson.A{1, 2}}}}, {Key: "b", Value: "x"}, {Key: "b", Value: "x"}},
	}
	sorts := []bson.D{nil, {{Key: "a", Value: 1}, {Key: "_id", Value: 1}}, {{Key: "a", Value: 1}, {Key: "a", Value: -1}}}
	type answer struct {
		docs        int
		count       int64
		deleted     int64
		failed      bool
		description string
	}
	var answers [2][]answer
	for i, e := range engines {
		c := connect(t, e).Database("dup").Collection("c")
		for _, f := range filters {
			for _, s := range sorts {
				docs := []any{
					bson.D{{Key: "a", Value: 1}, {Key: "b", Value: "x"}},
					bson.D{{Key: "a", Value: 2}, {Key: "b", Value: "x"}},
					bson.D{{Key: "a", Value: 3}},
				}
				if _, err := c.InsertMany(ctx, docs); err != nil {
					t.Fatal(err)
				}
				a := answer{description: fmt.Sprintf("filter %v sort %v", f, s)}
				opts := options.Find()
				if s != nil {
					opts.SetSort(s).SetLimit(2)
				}
				cur, err := c.Find(ctx, f, opts)
				if err == nil {
					for cur.Next(ctx) {
						a.docs++
					}
					err = cur.Err()
				}
				if err != nil {
					a.failed = true
				}
				if a.count, err = c.CountDocuments(ctx, f); err != nil {
					a.failed = true
				}
				res, err := c.DeleteMany(ctx, f)
				if err != nil {
					a.failed = true
				} else {
					a.deleted = res.DeletedCount
				}
				if _, err := c.DeleteMany(ctx, bson.D{}); err != nil {
					t.Fatal(err)
				}
				answers[i] = append(answers[i], a)
			}
		}
	}
	for k, pushed := range answers[0] {
		if reference := answers[1][k]; pushed != reference {
			t.Errorf("%s: pushdown %+v, FerretDB %+v", reference.description, pushed, reference)
		}
	}

	// The drivers' countDocuments pipeline, recognised by the handler on both engines, with a $group that names
	// _id twice: an answer or a command error, never a closed connection.
	for _, e := range engines {
		c := connect(t, e).Database("dup").Collection("c")
		group := bson.D{{Key: "$group", Value: bson.D{{Key: "_id", Value: 1}, {Key: "_id", Value: bson.D{{Key: "$sum", Value: 1}}}}}}
		cur, err := c.Aggregate(ctx, mongo.Pipeline{{{Key: "$match", Value: bson.D{}}}, group})
		if err == nil {
			for cur.Next(ctx) {
			}
			err = cur.Err()
		}
		if mongo.IsNetworkError(err) {
			t.Errorf("a $group naming _id twice: %v", err)
		}
	}
}

// TestGuardFollowsWrites: the guard's finding holds for the data of the moment. After each write below (a list,
// a document and back to numbers, by insert, update and upsert, and inserts racing with queries), the sorted
// find and the ranged count, each asked twice, must still answer as FerretDB does. (A finding kept between
// queries until the next write was tried: both writes' kinds left out of it made this test fail; it gained
// too little to keep, see docs/architecture.md, "Guard".)
func TestGuardFollowsWrites(t *testing.T) {
	pgBinDir(t)
	engines, _ := startEnginesAtOnce(t, nil, []string{"--pushdown=false"})
	ctx := context.Background()
	var colls [2]*mongo.Collection
	for i, e := range engines {
		colls[i] = connect(t, e).Database("kept").Collection("guard")
		docs := make([]any, 40)
		for j := range docs {
			docs[j] = bson.D{{Key: "_id", Value: int32(j)}, {Key: "n", Value: int32(j % 7)}}
		}
		seedAroundIndexes(t, colls[i], docs, []bson.D{{{Key: "n", Value: 1}}})
	}
	sort := bson.D{{Key: "n", Value: 1}, {Key: "_id", Value: -1}}
	ranged := bson.D{{Key: "n", Value: bson.D{{Key: "$gte", Value: 3}}}}
	answers := func(c *mongo.Collection) ([][]byte, int64) {
		found := foundRaw(t, c, options.Find().SetSort(sort).SetLimit(30))
		n, err := c.CountDocuments(ctx, ranged)
		if err != nil {
			t.Fatal(err)
		}
		return found, n
	}
	same := func(step string) {
		t.Helper()
		var finds [2][][]byte
		var counts [2]int64
		for i, c := range colls {
			// Twice: a second query right after the first, as a list's next page follows.
			answers(c)
			finds[i], counts[i] = answers(c)
		}
		if !sameResults(finds, counts, counts) {
			t.Fatalf("%s: the pushdown answers %d documents and counts %d; FerretDB %d and %d", step, len(finds[0]), counts[0], len(finds[1]), counts[1])
		}
	}
	write := func(step string, w func(c *mongo.Collection) error) {
		t.Helper()
		for _, c := range colls {
			if err := w(c); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		same(step)
	}

	same("numbers only")
	write("a list inserted", func(c *mongo.Collection) error {
		_, err := c.InsertOne(ctx, bson.D{{Key: "_id", Value: int32(100)}, {Key: "n", Value: bson.A{int32(5), int32(-1)}}})
		return err
	})
	write("the list deleted", func(c *mongo.Collection) error {
		_, err := c.DeleteOne(ctx, bson.D{{Key: "_id", Value: int32(100)}})
		return err
	})
	write("a list by update", func(c *mongo.Collection) error {
		_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: int32(3)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: bson.A{int32(-5), int32(50)}}}}})
		return err
	})
	write("a number again", func(c *mongo.Collection) error {
		_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: int32(3)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: int32(4)}}}})
		return err
	})
	write("a document by update", func(c *mongo.Collection) error {
		_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: int32(3)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: bson.D{{Key: "x", Value: 1}}}}}})
		return err
	})
	write("a number again", func(c *mongo.Collection) error {
		_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: int32(3)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: int32(4)}}}})
		return err
	})
	write("a list by upsert", func(c *mongo.Collection) error {
		_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: int32(101)}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: bson.A{int32(2), int32(9)}}}}}, options.Update().SetUpsert(true))
		return err
	})
	write("the upserted list deleted", func(c *mongo.Collection) error {
		_, err := c.DeleteOne(ctx, bson.D{{Key: "_id", Value: int32(101)}})
		return err
	})

	// Inserts racing with queries on the engine with the pushdown; then the reference gets the same documents.
	const racers, inserts = 2, 40
	done := make(chan error, 2*racers)
	for w := range racers {
		go func() {
			for j := range inserts {
				var n any = int32(j % 5)
				if j%9 == 8 {
					n = bson.A{int32(j), int32(-j)}
				}
				if _, err := colls[0].InsertOne(ctx, bson.D{{Key: "_id", Value: int32(1000 + w*inserts + j)}, {Key: "n", Value: n}}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		go func() {
			for range inserts {
				if _, err := colls[0].Find(ctx, bson.D{}, options.Find().SetSort(sort).SetLimit(5)); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 2 * racers {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for w := range racers {
		for j := range inserts {
			var n any = int32(j % 5)
			if j%9 == 8 {
				n = bson.A{int32(j), int32(-j)}
			}
			if _, err := colls[1].InsertOne(ctx, bson.D{{Key: "_id", Value: int32(1000 + w*inserts + j)}, {Key: "n", Value: n}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	same("after inserts racing with queries")
}
