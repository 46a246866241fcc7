package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestStalePostmasterIsStoppedNotDuplicated(t *testing.T) {
	dataDir := testDataDir(t)
	first := startEngine(t, dataDir)
	first.terminate()

	// Start PostgreSQL by hand on the same cluster, as an engine that died without its Linux death signal would leave it.
	paths := newPostgresPaths(pgBinDir(t), dataDir)
	acc, err := serviceAccount("", quietLog)
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(paths.postgres, paths.serverArgs(port)...)
	runAs(cmd, acc)
	cmd.SysProcAttr.Pdeathsig = 0
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait() }()
	pidFile := filepath.Join(paths.dataDir, "postmaster.pid")
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(pidFile); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}

	second := startEngine(t, dataDir)
	if processAlive(cmd.Process.Pid) {
		t.Fatalf("the stale postmaster %d was not stopped", cmd.Process.Pid)
	}
	if second.ready.PostgresPID == cmd.Process.Pid {
		t.Fatal("unexpected reuse")
	}
}
