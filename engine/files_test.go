//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/gridfs"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// gridFSChunk is 255 KiB, the chunk size of GridFS (and of the app's files).
const gridFSChunk = 255 * 1024

// randomBytes is n bytes of a seeded generator: every byte value occurs, as in a real file.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(r.Uint32())
	}
	return out
}

// TestBinaryRoundTrip: binary values come back from the engine byte for byte with their subtype, at every length
// modulo 3 (base64's padding in the stored form) and at a GridFS chunk's size, alone, beside other fields and
// as whole GridFS files; a binary still finds itself by equality. FerretDB's stored form carries binaries as
// base64 in jsonb and our patch 0006 decodes that form without encoding/json.
func TestBinaryRoundTrip(t *testing.T) {
	e := startEngine(t, testDataDir(t))
	client := connect(t, e)
	ctx := context.Background()
	db := client.Database("school")
	c := db.Collection("binaries")
	subtypes := []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x80}
	sizes := []int{0, 1, 2, 3, 4, 5, 1001, gridFSChunk - 1, gridFSChunk, gridFSChunk + 1}
	var want []bson.D
	for i, size := range sizes {
		for j, subtype := range subtypes {
			data := randomBytes(uint64(i*100+j), size)
			if subtype == 0x04 || subtype == 0x03 {
				data = randomBytes(uint64(i*100+j), 16) // UUIDs are 16 bytes
			}
			want = append(want, bson.D{
				{Key: "_id", Value: int32(len(want))},
				{Key: "data", Value: primitive.Binary{Subtype: subtype, Data: data}},
				{Key: "text", Value: "a \"quoted\" name, é"},
				{Key: "nested", Value: bson.D{{Key: "bin", Value: primitive.Binary{Subtype: subtype, Data: data}}}},
			})
		}
	}
	docs := make([]any, len(want))
	for i := range want {
		docs[i] = want[i]
	}
	if _, err := c.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	cur, err := c.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		t.Fatal(err)
	}
	var got []bson.Raw
	if err := cur.All(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d documents back, want %d", len(got), len(want))
	}
	for i, raw := range got {
		wantRaw, err := bson.Marshal(want[i])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw, wantRaw) {
			t.Fatalf("document %d came back different:\n got %.300x\nwant %.300x", i, []byte(raw), wantRaw)
		}
	}
	probe := want[len(want)/2][1].Value
	if n, err := c.CountDocuments(ctx, bson.D{{Key: "data", Value: probe}}); err != nil || n != 1 {
		t.Fatalf("a binary by equality: %d, %v", n, err)
	}

	bucket, err := gridfs.NewBucket(db, options.GridFSBucket().SetName("files"))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, 1, 2, 3, gridFSChunk, gridFSChunk + 1, 1<<20 + 3} {
		data := randomBytes(uint64(size), size)
		id, err := bucket.UploadFromStream(fmt.Sprintf("%d.bin", size), bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var back bytes.Buffer
		if _, err := bucket.DownloadToStream(id, &back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back.Bytes(), data) {
			t.Fatalf("a GridFS file of %d bytes came back as %d different bytes", size, back.Len())
		}
	}
}

// BenchmarkGridFSChunks: where a 1 MB file's read goes. "driver" is the app's query (the chunks of one file
// by files_id, in n order) through the wire; "postgres" is the same rows read from PostgreSQL directly, as
// FerretDB receives them (jsonb, the binary as base64 text). Not a timed test:
// go test -run '^$' -bench BenchmarkGridFSChunks .
func BenchmarkGridFSChunks(b *testing.B) {
	engines, dirs := startEnginesAtOnce(b, nil)
	e := engines[0]
	ctx := context.Background()
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(e.ready.URI+"&tlsCAFile="+e.ready.TLSCAFile+"&tlsCertificateKeyFile="+e.ready.TLSCertificateKeyFile))
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = client.Disconnect(ctx) }()
	db := client.Database("school")
	bucket, err := gridfs.NewBucket(db, options.GridFSBucket().SetName("files"))
	if err != nil {
		b.Fatal(err)
	}
	data := randomBytes(1, 1<<20)
	id, err := bucket.UploadFromStream("megabyte.bin", bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	chunks := db.Collection("files.chunks")
	filter := bson.D{{Key: "files_id", Value: id}}
	opts := options.Find().SetSort(bson.D{{Key: "n", Value: 1}}).SetProjection(bson.D{{Key: "_id", Value: 0}, {Key: "n", Value: 1}, {Key: "data", Value: 1}})
	b.Run("driver", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for range b.N {
			cur, err := chunks.Find(ctx, filter, opts)
			if err != nil {
				b.Fatal(err)
			}
			var got []bson.Raw
			if err := cur.All(ctx, &got); err != nil || len(got) != 5 {
				b.Fatal(err, len(got))
			}
		}
	})

	pg := pgConnect(b, dirs[0])
	var table string
	if err := pg.QueryRow(ctx, `SELECT _jsonb->>'table' FROM school._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'files.chunks'`).Scan(&table); err != nil {
		b.Fatal(err)
	}
	sql := fmt.Sprintf(`SELECT _jsonb FROM school.%q WHERE _jsonb->'files_id' = to_jsonb($1::text) ORDER BY _jsonb->'n'`, table)
	b.Run("postgres", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for range b.N {
			rows, err := pg.Query(ctx, sql, id.Hex())
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var raw []byte
				if err := rows.Scan(&raw); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if rows.Err() != nil || n != 5 {
				b.Fatal(rows.Err(), n)
			}
		}
	})
}
