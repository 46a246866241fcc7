//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// trimGen adds to pushGen's scalar fields what trimming must get right: an array of hand-ins ("sub": documents
// with an ObjectId or string "sid", mixed with non-documents, or sometimes not an array at all), a nested
// document ("nest"), and projections of every kind over them.
type trimGen struct{ pushGen }

// sids: ObjectIds, strings (one with an ObjectId's hex text), other types.
var trimSids = []any{propObjectIDs[0], propObjectIDs[1], "s1", "s2", fmt.Sprintf("%x", propObjectIDs[0][:]), int32(1), nil}

func (g trimGen) sid() any { return trimSids[g.r.IntN(len(trimSids))] }

// storedSid: a sid, or sometimes a list of them or a document (kept by element trimming whatever they hold).
func (g trimGen) storedSid() any {
	switch g.r.IntN(10) {
	case 0:
		return bson.A{g.sid(), g.sid()}
	case 1:
		return bson.D{{Key: "x", Value: g.sid()}}
	}
	return g.sid()
}

func (g trimGen) doc(id int32) bson.D {
	d := g.pushGen.doc(id, true)
	switch n := g.r.IntN(10); {
	case n < 7:
		sub := bson.A{}
		for range g.r.IntN(5) {
			switch g.r.IntN(8) {
			case 0:
				sub = append(sub, g.scalar())
			case 1:
				sub = append(sub, bson.D{{Key: "g", Value: g.scalar()}}) // no sid
			default:
				sub = append(sub, bson.D{{Key: "sid", Value: g.storedSid()}, {Key: "g", Value: g.scalar()},
					{Key: "files", Value: bson.A{bson.D{{Key: "name", Value: g.scalar()}}}}})
			}
		}
		d = append(d, bson.E{Key: "sub", Value: sub})
	case n < 8:
		d = append(d, bson.E{Key: "sub", Value: g.scalar()})
	case n < 9:
		d = append(d, bson.E{Key: "sub", Value: bson.D{{Key: "sid", Value: g.sid()}}})
	}
	if g.r.IntN(4) > 0 {
		d = append(d, bson.E{Key: "nest", Value: bson.D{{Key: "x", Value: g.scalar()}, {Key: "y", Value: bson.D{{Key: "z", Value: g.scalar()}}}}})
	}
	return d
}

func (g trimGen) filter() bson.D {
	f := g.pushGen.filter()
	switch g.r.IntN(6) {
	case 0:
		f = append(f, bson.E{Key: "sub.sid", Value: g.sid()})
	case 1:
		f = append(f, bson.E{Key: "nest.x", Value: g.scalar()})
	case 2:
		f = append(f, bson.E{Key: "$nor", Value: bson.A{bson.D{{Key: "sub.g", Value: g.scalar()}}}})
	case 3:
		f = append(f, bson.E{Key: "sub", Value: bson.D{{Key: "$size", Value: int32(g.r.IntN(3))}}})
	case 4:
		f = append(f, bson.E{Key: "sub.sid", Value: bson.D{{Key: "$in", Value: bson.A{g.sid(), g.sid()}}}})
	case 5:
		// a string no jsonb can hold: nothing is stored so, and nothing may fail
		f = append(f, bson.E{Key: "sub.sid", Value: "s\x00"})
	}
	return f
}

var trimPaths = []string{"a", "b", "ts", "who", "n", "extra", "sub", "sub.sid", "sub.g", "nest", "nest.x", "nest.y.z", "nope"}

// projection: none, inclusion, exclusion (with or without _id), positional, only _id, or something the
// trimming must leave alone (a literal, $slice, a mixed projection the handler refuses).
func (g trimGen) projection() bson.D {
	p := bson.D{}
	pick := func() []string {
		var paths []string
		for _, i := range g.r.Perm(len(trimPaths))[:1+g.r.IntN(3)] {
			paths = append(paths, trimPaths[i])
		}
		// a path and its prefix together ("nest", "nest.x") is a path collision: keep the first
		return slices.DeleteFunc(paths, func(p string) bool {
			return slices.ContainsFunc(paths, func(q string) bool { return q != p && len(p) > len(q) && p[:len(q)+1] == q+"." })
		})
	}
	switch n := g.r.IntN(14); {
	case n < 1:
		return nil
	case n < 5:
		for _, f := range pick() {
			p = append(p, bson.E{Key: f, Value: []any{int32(1), true, float64(2), int64(1)}[g.r.IntN(4)]})
		}
	case n < 8:
		for _, f := range pick() {
			p = append(p, bson.E{Key: f, Value: []any{int32(0), false}[g.r.IntN(2)]})
		}
	case n < 10:
		p = append(p, bson.E{Key: []string{"a", "ts", "nest.x"}[g.r.IntN(3)], Value: int32(1)}, bson.E{Key: "sub.$", Value: int32(1)})
	case n < 11:
		return bson.D{{Key: "_id", Value: g.r.IntN(2)}}
	case n < 12:
		return bson.D{{Key: "a", Value: "literal"}}
	case n < 13:
		return bson.D{{Key: "sub", Value: bson.D{{Key: "$slice", Value: int32(1)}}}}
	default:
		return bson.D{{Key: "a", Value: int32(1)}, {Key: "b", Value: int32(0)}}
	}
	if g.r.IntN(3) == 0 {
		p = append(bson.D{{Key: "_id", Value: []int32{0, 1}[g.r.IntN(2)]}}, p...)
	}
	return p
}

// sort: pushGen's, or by a path into the nested document.
func (g trimGen) sort() bson.D {
	if g.r.IntN(8) == 0 {
		return bson.D{{Key: "nest.x", Value: int32(1)}, {Key: "_id", Value: int32(1)}}
	}
	return g.pushGen.sort()
}

// TestTrimAnswersAsFerretDB compares an engine with the pushdown and trimming and one without
// (--pushdown=false) on random documents with arrays of documents and nested documents, random filters
// (dotted equalities into the arrays among them), sorts, pages and projections: the documents, read in
// small batches through getMore sometimes, and the errors must be byte-identical, in order.
func TestTrimAnswersAsFerretDB(t *testing.T) {
	pgBinDir(t)
	engines, _ := startEnginesAtOnce(t, nil, []string{"--pushdown=false"})
	seed := propSeed(t)
	ctx := context.Background()
	gen := trimGen{pushGen{rand.New(rand.NewPCG(seed, 0x7a))}}

	docs := make([]any, pushDocs)
	for i := range docs {
		docs[i] = gen.doc(int32(i))
	}
	var colls [2]*mongo.Collection
	for i, e := range engines {
		colls[i] = connect(t, e).Database("trim").Collection("docs")
		seedAroundIndexes(t, colls[i], docs, []bson.D{{{Key: "a", Value: 1}}, {{Key: "sub.sid", Value: 1}}})
	}

	const queries = 300
	var trimmed, elements, found, failed, diverged int
	for range queries {
		filter, sort, projection := gen.filter(), gen.sort(), gen.projection()
		if len(projection) > 0 && projection[len(projection)-1].Key == "sub.$" && gen.r.IntN(3) > 0 {
			// a student's own hand-ins: the positional projection with an equality on the elements' sid
			filter = append(gen.pushGen.filter(), bson.E{Key: "sub.sid", Value: gen.sid()})
		}
		skip, limit := int64(0), int64(0)
		if gen.r.IntN(3) == 0 {
			skip, limit = int64(gen.r.IntN(20)), int64(gen.r.IntN(40))
		}
		batch := int32(0)
		if gen.r.IntN(2) == 0 {
			batch = int32(1 + gen.r.IntN(4))
		}
		var results [2][][]byte
		var errs [2]string
		for i, c := range colls {
			opts := options.Find()
			if projection != nil {
				opts.SetProjection(projection)
			}
			if batch > 0 {
				opts.SetBatchSize(batch)
			}
			if sort != nil {
				opts.SetSort(sort).SetSkip(skip).SetLimit(limit)
			}
			results[i], errs[i] = trimFind(ctx, c, filter, opts)
			if sort == nil {
				slices.SortFunc(results[i], bytes.Compare) // no order is promised: compare as sets
			}
		}
		what := fmt.Sprintf("filter %v sort %v skip %d limit %d projection %v batch %d", filter, sort, skip, limit, projection, batch)
		if same, why := trimSame(results, errs); !same {
			// Without a projection the two engines may already differ: FerretDB's own SQL equality on an
			// int64 beyond 2^53 misses arrays holding it (an upstream quirk of the reference engine, which the
			// pushdown's in-memory check answers as MongoDB does). That is no trimming's doing.
			var whole [2][][]byte
			var wholeErrs [2]string
			for i, c := range colls {
				opts := options.Find()
				if sort != nil {
					opts.SetSort(sort).SetSkip(skip).SetLimit(limit)
				}
				whole[i], wholeErrs[i] = trimFind(ctx, c, filter, opts)
				if sort == nil {
					slices.SortFunc(whole[i], bytes.Compare)
				}
			}
			if wholeSame, _ := trimSame(whole, wholeErrs); wholeSame {
				t.Fatalf("%s: %s", what, why)
			}
			t.Logf("%s: the engines differ without the projection too (%s): not a trimming difference", what, why)
			diverged++
			continue
		}
		if errs[0] != "" {
			failed++
		}
		if len(results[0]) > 0 {
			found++
		}
		if sql, ok := trimmedQuery(t, filter, sort, projection); ok {
			trimmed++
			if strings.Contains(sql, "crm_elements") {
				elements++
			}
		}
	}
	t.Logf("%d queries: %d found documents, %d ended in the same error, %d were trimmed, %d of them element by element; %d skipped (the engines differ unprojected)", queries, found, failed, trimmed, elements, diverged)
	if found < queries/4 || trimmed < queries/3 || elements < queries/50 || diverged > queries/50 {
		t.Fatalf("too few queries found documents (%d) or were trimmed (%d, %d by element) of %d", found, trimmed, elements, queries)
	}
}

// trimSame compares two engines' answers: the same error, or the same documents byte for byte, in order.
func trimSame(results [2][][]byte, errs [2]string) (bool, string) {
	if errs[0] != errs[1] {
		return false, fmt.Sprintf("error %q with trimming, %q without", errs[0], errs[1])
	}
	if len(results[0]) != len(results[1]) {
		return false, fmt.Sprintf("%d documents with trimming, %d without", len(results[0]), len(results[1]))
	}
	for j := range results[0] {
		if !bytes.Equal(results[0][j], results[1][j]) {
			return false, fmt.Sprintf("document %d differs:\n trimmed %v\n FerretDB %v", j, bson.Raw(results[0][j]), bson.Raw(results[1][j]))
		}
	}
	return true, ""
}

// trimFind reads a find to the end (through getMore when the batches are small): its documents, and its
// error's message ("" for none).
func trimFind(ctx context.Context, c *mongo.Collection, filter bson.D, opts *options.FindOptions) ([][]byte, string) {
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, trimError(err)
	}
	defer cur.Close(ctx)
	var out [][]byte
	for cur.Next(ctx) {
		out = append(out, bytes.Clone(cur.Current))
	}
	return out, trimError(cur.Err())
}

func trimError(err error) string {
	if err == nil {
		return ""
	}
	var ce mongo.CommandError
	if errors.As(err, &ce) {
		return fmt.Sprintf("%d %s", ce.Code, ce.Message)
	}
	return err.Error()
}

func trimmedQuery(t *testing.T, filter, sort, projection bson.D) (string, bool) {
	t.Helper()
	var raw [3][]byte
	for i, d := range []bson.D{filter, sort, projection} {
		if d == nil {
			continue
		}
		var err error
		if raw[i], err = bson.Marshal(d); err != nil {
			t.Fatal(err)
		}
	}
	sql, ok, err := ferretdb.CRMTrimSQL("s", "t", raw[0], raw[1], raw[2])
	if err != nil {
		t.Fatal(err)
	}
	return sql, ok
}

// TestTrimLeavesFieldsOut shows the trimming at work. A stored field the find does not read is made
// undecodable (its schema says int, its value is a string): a projected find that leaves it out still
// answers, because the SELECT never returns it, while a find that reads it fails to decode the document.
// And the trimmed rows hold only the fields read, their stored schema with them, in the document's order.
func TestTrimLeavesFieldsOut(t *testing.T) {
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(e.stderr.String())
		}
	})
	ctx := context.Background()
	c := connect(t, e).Database("school").Collection("assignments")
	student := primitive.ObjectID{11: 7}
	var subs bson.A
	for i := range 33 {
		subs = append(subs, bson.D{{Key: "studentId", Value: primitive.ObjectID{11: byte(i)}}, {Key: "grade", Value: int32(i)}, {Key: "feedback", Value: "ok"}})
	}
	due := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if _, err := c.InsertOne(ctx, bson.D{{Key: "_id", Value: int32(1)}, {Key: "title", Value: "Essay"}, {Key: "blob", Value: int32(5)},
		{Key: "dueDate", Value: due}, {Key: "submissions", Value: subs}, {Key: "classId", Value: "c1"}}); err != nil {
		t.Fatal(err)
	}
	pg := pgConnect(t, dataDir)
	var table string
	if err := pg.QueryRow(ctx, `SELECT _jsonb->>'table' FROM school._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'assignments'`).Scan(&table); err != nil {
		t.Fatal(err)
	}

	// The trimmed row: _id, the filter's classId and the projected dueDate, in the document's order.
	f, _ := bson.Marshal(bson.D{{Key: "classId", Value: "c1"}})
	p, _ := bson.Marshal(bson.D{{Key: "dueDate", Value: 1}})
	sql, ok, err := ferretdb.CRMTrimSQL("school", table, f, nil, p)
	if err != nil || !ok {
		t.Fatalf("not trimmed: %v", err)
	}
	var row []byte
	if err := pg.QueryRow(ctx, sql).Scan(&row); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	var got struct {
		S struct {
			P map[string]any `json:"p"`
			K []string       `json:"$k"`
		} `json:"$s"`
	}
	var keys map[string]any
	if err := json.Unmarshal(row, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(row, &keys); err != nil {
		t.Fatal(err)
	}
	if want := []string{"_id", "dueDate", "classId"}; !slices.Equal(got.S.K, want) || len(got.S.P) != 3 || len(keys) != 4 {
		t.Fatalf("trimmed row %s: want the fields %v with their schema", row, want)
	}
	// A student's own hand-in: of the 33 elements, and their item schemas, only the student's is returned.
	f, _ = bson.Marshal(bson.D{{Key: "classId", Value: "c1"}, {Key: "submissions.studentId", Value: student}})
	p, _ = bson.Marshal(bson.D{{Key: "dueDate", Value: 1}, {Key: "submissions.$", Value: 1}})
	if sql, ok, err = ferretdb.CRMTrimSQL("school", table, f, nil, p); err != nil || !ok {
		t.Fatalf("not trimmed: %v", err)
	}
	var own struct {
		S struct {
			P struct {
				Submissions struct {
					I []any `json:"i"`
				} `json:"submissions"`
			} `json:"p"`
		} `json:"$s"`
		Submissions []map[string]any `json:"submissions"`
	}
	if err := pg.QueryRow(ctx, sql).Scan(&row); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if err := json.Unmarshal(row, &own); err != nil {
		t.Fatal(err)
	}
	if len(own.Submissions) != 1 || own.Submissions[0]["studentId"] != fmt.Sprintf("%x", student[:]) || len(own.S.P.Submissions.I) != 1 {
		t.Fatalf("hand-ins not trimmed to the student's: %s", row)
	}
	var found []bson.M
	cur, err := c.Find(ctx, bson.D{{Key: "classId", Value: "c1"}, {Key: "submissions.studentId", Value: student}},
		options.Find().SetProjection(bson.D{{Key: "dueDate", Value: 1}, {Key: "submissions.$", Value: 1}}))
	if err != nil {
		t.Fatal(err)
	}
	if err := cur.All(ctx, &found); err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || fmt.Sprint(found[0]["submissions"]) != fmt.Sprint(bson.A{bson.M{"studentId": student, "grade": int32(7), "feedback": "ok"}}) {
		t.Fatalf("the student's hand-in: %v", found)
	}

	// What the trimming leaves alone: unusual projections and filters.
	for _, odd := range []struct{ filter, projection bson.D }{
		{nil, bson.D{{Key: "title", Value: "literal"}}},
		{nil, bson.D{{Key: "submissions", Value: bson.D{{Key: "$elemMatch", Value: bson.D{{Key: "grade", Value: 1}}}}}}},
		{bson.D{{Key: "$where", Value: "true"}}, bson.D{{Key: "title", Value: 1}}},
		{bson.D{{Key: "$expr", Value: true}}, bson.D{{Key: "title", Value: 1}}},
		{nil, bson.D{{Key: "_id", Value: 0}}},
		{nil, bson.D{{Key: "title.$.x", Value: 1}}},
		{nil, nil},
	} {
		var raw [2][]byte
		for i, d := range []bson.D{odd.filter, odd.projection} {
			if d != nil {
				raw[i], _ = bson.Marshal(d)
			}
		}
		if _, ok, _ := ferretdb.CRMTrimSQL("school", table, raw[0], nil, raw[1]); ok {
			t.Fatalf("filter %v projection %v: trimmed", odd.filter, odd.projection)
		}
	}

	// Now blob cannot be decoded: only finds that never read it answer.
	if _, err := pg.Exec(ctx, fmt.Sprintf(`UPDATE school.%q SET _jsonb = jsonb_set(_jsonb, '{blob}', '"not an int"')`, table)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		filter     bson.D
		projection bson.D
		want       bson.D // nil: the find must fail
	}{
		{bson.D{}, bson.D{{Key: "title", Value: 1}}, bson.D{{Key: "_id", Value: int32(1)}, {Key: "title", Value: "Essay"}}},
		{bson.D{{Key: "classId", Value: "c1"}}, bson.D{{Key: "dueDate", Value: 1}, {Key: "_id", Value: 0}}, bson.D{{Key: "dueDate", Value: primitive.NewDateTimeFromTime(due)}}},
		{bson.D{}, bson.D{{Key: "blob", Value: 0}, {Key: "submissions", Value: 0}, {Key: "_id", Value: 0}}, bson.D{{Key: "title", Value: "Essay"}, {Key: "dueDate", Value: primitive.NewDateTimeFromTime(due)}, {Key: "classId", Value: "c1"}}},
		{bson.D{{Key: "submissions.studentId", Value: student}}, bson.D{{Key: "title", Value: 1}}, bson.D{{Key: "_id", Value: int32(1)}, {Key: "title", Value: "Essay"}}},
		{bson.D{}, nil, nil}, // no projection: whole documents
		{bson.D{{Key: "blob", Value: bson.D{{Key: "$type", Value: "int"}}}}, bson.D{{Key: "title", Value: 1}}, nil}, // the filter reads blob
		{bson.D{}, bson.D{{Key: "blob", Value: 1}}, nil},                                                            // the projection reads it
		{bson.D{}, bson.D{{Key: "title", Value: 0}}, nil},                                                           // an exclusion that keeps it
	} {
		opts := options.Find()
		if tc.projection != nil {
			opts.SetProjection(tc.projection)
		}
		cur, err := c.Find(ctx, tc.filter, opts)
		var docs []bson.D
		if err == nil {
			err = cur.All(ctx, &docs)
		}
		what := fmt.Sprintf("find %v projection %v", tc.filter, tc.projection)
		switch {
		case tc.want == nil && err == nil:
			t.Fatalf("%s: answered %v, but it reads the undecodable field", what, docs)
		case tc.want != nil && err != nil:
			t.Fatalf("%s: %v (the undecodable field was returned)", what, err)
		case tc.want != nil && (len(docs) != 1 || fmt.Sprint(docs[0]) != fmt.Sprint(tc.want)):
			t.Fatalf("%s: %v, want %v", what, docs, tc.want)
		}
	}
}

// BenchmarkTrimmedList: a class's list of 20 assignments with 33 hand-ins each, projected to title and due
// date ("list"), and one student's own hand-in in each ("own", the positional projection), read with trimming
// and without (--pushdown=false, FerretDB decoding every hand-in). Not a timed test:
// go test -run '^$' -bench BenchmarkTrimmedList .
func BenchmarkTrimmedList(b *testing.B) {
	engines, _ := startEnginesAtOnce(b, nil, []string{"--pushdown=false"})
	ctx := context.Background()
	student := primitive.NewObjectID()
	docs := make([]any, 20)
	for i := range docs {
		var subs bson.A
		for s := range 33 {
			id := primitive.NewObjectID()
			if s == 7 {
				id = student
			}
			subs = append(subs, bson.D{
				{Key: "studentId", Value: id}, {Key: "submittedAt", Value: time.Now()},
				{Key: "files", Value: bson.A{bson.D{{Key: "fileId", Value: primitive.NewObjectID()}, {Key: "name", Value: "essay.pdf"}, {Key: "size", Value: int32(1 << 20)}}}},
				{Key: "status", Value: "graded"}, {Key: "grade", Value: int32(s % 6)}, {Key: "feedback", Value: "Well argued, but cite your sources."},
				{Key: "isAccepted", Value: true},
			})
		}
		docs[i] = bson.D{{Key: "_id", Value: primitive.NewObjectID()}, {Key: "classId", Value: "c1"}, {Key: "title", Value: fmt.Sprintf("Essay %d", i)},
			{Key: "description", Value: "Write two pages."}, {Key: "dueDate", Value: time.Now()}, {Key: "submissions", Value: subs}}
	}
	for name, e := range map[string]*runningEngine{"trimmed": engines[0], "whole": engines[1]} {
		client, err := mongo.Connect(ctx, options.Client().ApplyURI(e.ready.URI+"&tlsCAFile="+e.ready.TLSCAFile+"&tlsCertificateKeyFile="+e.ready.TLSCertificateKeyFile))
		if err != nil {
			b.Fatal(err)
		}
		c := client.Database("bench").Collection("assignments")
		if _, err := c.InsertMany(ctx, docs); err != nil {
			b.Fatal(err)
		}
		opts := options.Find().SetProjection(bson.D{{Key: "title", Value: 1}, {Key: "dueDate", Value: 1}}).SetSort(bson.D{{Key: "dueDate", Value: 1}, {Key: "_id", Value: 1}})
		own := options.Find().SetProjection(bson.D{{Key: "dueDate", Value: 1}, {Key: "submissions.$", Value: 1}})
		for query, q := range map[string]struct {
			filter bson.D
			opts   *options.FindOptions
		}{
			"list": {bson.D{{Key: "classId", Value: "c1"}}, opts},
			"own":  {bson.D{{Key: "classId", Value: "c1"}, {Key: "submissions.studentId", Value: student}}, own},
		} {
			b.Run(query+"/"+name, func(b *testing.B) {
				for range b.N {
					cur, err := c.Find(ctx, q.filter, q.opts)
					if err != nil {
						b.Fatal(err)
					}
					var out []bson.Raw
					if err := cur.All(ctx, &out); err != nil || len(out) != 20 {
						b.Fatal(err, len(out))
					}
				}
			})
		}
		_ = client.Disconnect(ctx)
	}
}
