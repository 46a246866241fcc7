//go:build unix

package main

import (
	"math/rand/v2"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
)

// The pools and values both property tests' generators (docGen, pushGen) draw from, so that the two tests
// meet the same edge values: ObjectIds and dates that sort close together, and the non-numeric scalars.
var (
	propObjectIDs = []primitive.ObjectID{
		{0x65, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, {0x65, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12}, {0x66},
	}
	propDates = []primitive.DateTime{
		primitive.NewDateTimeFromTime(time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)),
		primitive.NewDateTimeFromTime(time.Date(2026, 1, 15, 12, 30, 0, 0, time.UTC)),
		primitive.DateTime(1),
	}
)

// propSharedScalar is scalar k (0 to 3) of those both generators make: a date, an ObjectId, a boolean, null.
func propSharedScalar(r *rand.Rand, k int) any {
	switch k {
	case 0:
		return propDates[r.IntN(len(propDates))]
	case 1:
		return propObjectIDs[r.IntN(len(propObjectIDs))]
	case 2:
		return r.IntN(2) == 0
	default:
		return nil
	}
}

// propUnsafeInt64 reports whether v names an int64 beyond ±2^53 anywhere. FerretDB's own SQL equality on such
// a number misses arrays that hold it (an upstream quirk of the reference engine, `--pushdown=false`), which
// the pushdown's path answers as MongoDB does: there the two engines may rightly differ.
func propUnsafeInt64(v any) bool {
	const safe = int64(1) << 53
	switch x := v.(type) {
	case int64:
		return x > safe || x < -safe
	case bson.D:
		for _, e := range x {
			if propUnsafeInt64(e.Value) {
				return true
			}
		}
	case bson.E:
		return propUnsafeInt64(x.Value)
	case bson.A:
		for _, e := range x {
			if propUnsafeInt64(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if propUnsafeInt64(e) {
				return true
			}
		}
	}
	return false
}
