//go:build unix

package main

import (
	"math/rand/v2"
	"time"

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
