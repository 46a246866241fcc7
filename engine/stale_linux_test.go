package main

import (
	"fmt"
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
	acc, err := serviceAccount("nobody")
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(paths.postgres, "-D", paths.dataDir, "-p", fmt.Sprint(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=")
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
