package main

import (
	"os"
	"runtime/debug"
)

// The engine's garbage collector is tuned for throughput: FerretDB turns every row PostgreSQL returns into
// short-lived Go values (a 1 MB file's chunks are several megabytes of them), and with Go's default (a
// collection each time the heap doubles) the engine spent a large share of its CPU collecting. Measured with
// npm run bench:school at a tenth of a year, 20 clients for 60 s on 2 cores: 275 calls/s at 200, 313 at 600,
// 332 at 1000, with the engine's largest RSS 69, 143 and 367 MB; a 1 MB file read on the data layer 9–10 ms
// at 200 and 7–9 ms at 600 (200 reads, three runs each). 600 takes most of the gain for a third of the memory.
// The memory limit keeps the larger heap bounded: near it the collector runs as often as it must.
const (
	gcPercent   = 600
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
