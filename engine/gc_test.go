package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestTuneGCKeepsWhatTheEnvironmentSays(t *testing.T) {
	restorePercent, restoreLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(restorePercent); debug.SetMemoryLimit(restoreLimit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Fatalf("GOGC set: the percentage changed to %d", p)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT set: the limit changed to %d", l)
	}
}

func TestTuneGCSetsThroughputDefaults(t *testing.T) {
	restorePercent, restoreLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(restorePercent); debug.SetMemoryLimit(restoreLimit) })

	unsetenv(t, "GOGC")
	unsetenv(t, "GOMEMLIMIT")
	tuneGC()
	if p := debug.SetGCPercent(100); p != gcPercent {
		t.Fatalf("the percentage is %d, want %d", p, gcPercent)
	}
	if l := debug.SetMemoryLimit(-1); l != memoryLimit {
		t.Fatalf("the limit is %d, want %d", l, memoryLimit)
	}
}

// unsetenv removes a variable for one test (t.Setenv first, so it is put back afterwards).
func unsetenv(t *testing.T, key string) {
	t.Helper()
	t.Setenv(key, "")
	if err := os.Unsetenv(key); err != nil {
		t.Fatal(err)
	}
}
