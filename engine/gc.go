package main

import (
	"os"
	"runtime/debug"
)

// The engine's garbage collector is tuned for throughput: FerretDB turns every row PostgreSQL returns into
// short-lived Go values, and with Go's default (a collection each time the heap doubles) the engine spent a
// large share of its CPU collecting. Measured with npm run bench:school -- --reuse at a year of data, 20 clients
// for 60 s on 2 cores: 126–140 calls/s at 100 (four runs), 149–164 at 200 (three), 139–162 at 400 (three). The
// memory limit keeps the larger heap bounded: near it the collector runs as often as it must.
const (
	gcPercent   = 200
	memoryLimit = 768 << 20
)

// tuneGC applies the engine's collector settings unless GOGC or GOMEMLIMIT say otherwise (the runtime has
// already read those).
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
}
