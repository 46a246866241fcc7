//go:build linux

package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// childAttr makes the kernel ask PostgreSQL for a fast shutdown if the engine dies without stopping it.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGINT} }

// looksLikePostgres guards against a pid reused by an unrelated process after a reboot.
func looksLikePostgres(pid int) bool {
	comm, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	return err != nil || strings.HasPrefix(strings.TrimSpace(string(comm)), "postgres")
}

// isZombie is true for a process that has exited but was not reaped yet (in containers pid 1 often never reaps).
func isZombie(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the parenthesised command name, which may itself contain spaces or parentheses.
	i := strings.LastIndexByte(string(stat), ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// ownedByCluster is false for a process that does not run as PostgreSQL's account: a pid written into the
// cluster's postmaster.pid by that account must not make the engine signal someone else's process.
func ownedByCluster(pid int, acc *account) bool {
	st, err := os.Stat("/proc/" + strconv.Itoa(pid))
	if err != nil {
		return true // gone meanwhile: nothing will be signalled
	}
	want := os.Geteuid()
	if acc != nil {
		want = acc.uid
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(sys.Uid) == want
}
