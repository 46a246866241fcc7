//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// TestWritesFilterAsFerretDB: deletes, updates and findAndModify narrow their rows with the pushdown (patch
// 0007) and still change exactly the documents FerretDB's own filter does. The same random writes run on an
// engine with the pushdown and one without; after each, both collections are equal byte for byte.
func TestWritesFilterAsFerretDB(t *testing.T) {
	pgBinDir(t)
	engines, _ := startEnginesAtOnce(t, nil, []string{"--pushdown=false"})
	seed := propSeed(t)
	ctx := context.Background()
	gen := pushGen{rand.New(rand.NewPCG(seed, 0x77))}

	for _, messy := range []bool{false, true} {
		name := map[bool]string{false: "w_scalars", true: "w_messy"}[messy]
		var colls [2]*mongo.Collection
		docs := make([]any, pushDocs)
		for i := range docs {
			docs[i] = gen.doc(int32(i), messy)
		}
		for i, e := range engines {
			colls[i] = connect(t, e).Database("writes").Collection(name)
			seedAroundIndexes(t, colls[i], docs,
				[]bson.D{{{Key: "a", Value: 1}}, {{Key: "ts", Value: -1}}, {{Key: "who", Value: 1}, {Key: "ts", Value: -1}}})
		}

		const writes = 60
		var changed int64
		for round := range writes {
			filter := gen.filter()
			op := gen.r.IntN(4)
			var n [2]int64
			for i, c := range colls {
				var err error
				switch op {
				case 0: // deleteMany (a log's retention: a range)
					var res *mongo.DeleteResult
					if res, err = c.DeleteMany(ctx, filter); err == nil {
						n[i] = res.DeletedCount
					}
				case 1: // updateMany
					var res *mongo.UpdateResult
					if res, err = c.UpdateMany(ctx, filter, bson.D{{Key: "$set", Value: bson.D{{Key: "mark", Value: int32(round)}}}}); err == nil {
						n[i] = res.ModifiedCount
					}
				case 2: // findOneAndUpdate, the first by _id
					opts := options.FindOneAndUpdate().SetSort(bson.D{{Key: "_id", Value: 1}})
					err = c.FindOneAndUpdate(ctx, filter, bson.D{{Key: "$inc", Value: bson.D{{Key: "hits", Value: int32(1)}}}}, opts).Err()
					if err == mongo.ErrNoDocuments {
						err = nil
					} else if err == nil {
						n[i] = 1
					}
				default: // findOneAndDelete, the last by _id
					opts := options.FindOneAndDelete().SetSort(bson.D{{Key: "_id", Value: -1}})
					err = c.FindOneAndDelete(ctx, filter, opts).Err()
					if err == mongo.ErrNoDocuments {
						err = nil
					} else if err == nil {
						n[i] = 1
					}
				}
				if err != nil {
					t.Fatalf("write %d on %v: %v", op, filter, err)
				}
			}
			what := fmt.Sprintf("%s: write %d (op %d) filter %v", name, round, op, filter)
			if propUnsafeInt64(filter) && n[0] != n[1] {
				// The reference engine's int64 quirk (see TestPushdownAnswersAsFerretDB): the collections part ways.
				t.Logf("%s: the engines differ on an int64 beyond 2^53; this collection's comparison ends", what)
				break
			}
			if n[0] != n[1] {
				t.Fatalf("%s: %d changed with the pushdown, %d without", what, n[0], n[1])
			}
			changed += n[0]
			after := [2][][]byte{allByID(t, colls[0]), allByID(t, colls[1])}
			if len(after[0]) != len(after[1]) {
				t.Fatalf("%s: %d documents left with the pushdown, %d without", what, len(after[0]), len(after[1]))
			}
			for j := range after[0] {
				if !bytes.Equal(after[0][j], after[1][j]) {
					t.Fatalf("%s: document %d differs:\n pushdown %v\n FerretDB %v", what, j, bson.Raw(after[0][j]), bson.Raw(after[1][j]))
				}
			}
		}
		t.Logf("%s: %d writes, %d documents changed", name, writes, changed)
		if changed == 0 {
			t.Fatalf("%s: no write changed a document: the comparison proved nothing", name)
		}
	}
}

// allByID reads a whole collection in _id order.
func allByID(t *testing.T, c *mongo.Collection) [][]byte {
	t.Helper()
	return foundRaw(t, c, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
}

// foundRaw reads the documents of the whole collection that opts find, as the engine sent them.
func foundRaw(t *testing.T, c *mongo.Collection, opts *options.FindOptions) [][]byte {
	t.Helper()
	ctx := context.Background()
	cur, err := c.Find(ctx, bson.D{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for cur.Next(ctx) {
		out = append(out, bytes.Clone(cur.Current))
	}
	if err := cur.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
