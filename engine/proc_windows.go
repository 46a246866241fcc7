//go:build windows

package main

import (
	"log/slog"
	"os/exec"

	"golang.org/x/sys/windows"
)

// account is unused on Windows: pg_ctl drops administrator rights itself with a restricted token.
type account struct{ name string }

func serviceAccount(string, *slog.Logger) (*account, error) { return nil, nil }
func runAs(*exec.Cmd, *account)                             {}
func checkReachable(string, *account) error                 { return nil }
func ownedByCluster(int, *account) bool                     { return true }

func processAlive(pid int) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return false
	}
	return code == 259 // STILL_ACTIVE
}

// requestShutdown uses pg_ctl: Windows has no signals to send a postmaster.
func requestShutdown(_ int, immediate bool, pg postgresPaths, _ *account) error {
	mode := "fast"
	if immediate {
		mode = "immediate"
	}
	return exec.Command(pg.pgCtl, "stop", "-D", pg.dataDir, "-m", mode, "--no-wait").Run()
}

func looksLikePostgres(int) bool { return true }
