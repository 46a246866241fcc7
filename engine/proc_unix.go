//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// account is the unprivileged identity PostgreSQL runs as when the engine itself runs as root.
type account struct {
	name     string
	uid, gid int
}

// serviceAccount returns nil when the engine is not root: PostgreSQL then runs as the engine's own user.
func serviceAccount(name string) (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL refuses to run as root and the account %q to run it as was not found: %w (choose one with --pg-user)", name, err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return nil, err
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return nil, err
	}
	return &account{name: name, uid: uid, gid: gid}, nil
}

func runAs(cmd *exec.Cmd, acc *account) {
	attr := childAttr()
	// Own process group: a Ctrl-C in a terminal reaches the engine only, which then stops PostgreSQL in order.
	attr.Setpgid = true
	if acc != nil {
		attr.Credential = &syscall.Credential{Uid: uint32(acc.uid), Gid: uint32(acc.gid), NoSetGroups: true}
	}
	cmd.SysProcAttr = attr
}

// giveTo hands a path to the service account so PostgreSQL can reach it.
func giveTo(path string, acc *account) error {
	if acc == nil {
		return nil
	}
	return os.Chown(path, acc.uid, acc.gid)
}

// checkReachable fails early, with the fix, when the service account cannot traverse to the data directory.
func checkReachable(dir string, acc *account) error {
	if acc == nil {
		return nil
	}
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			return err
		}
		sys, _ := st.Sys().(*syscall.Stat_t)
		mode := st.Mode().Perm()
		ok := mode&0o001 != 0 ||
			(sys != nil && int(sys.Uid) == acc.uid && mode&0o100 != 0) ||
			(sys != nil && int(sys.Gid) == acc.gid && mode&0o010 != 0)
		if !ok {
			return fmt.Errorf("the account %q that runs PostgreSQL cannot reach %s: %s is closed to it (mode %o); choose a data directory under a folder others may traverse, such as /var/lib or /tmp", acc.name, dir, d, mode)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return (err == nil || errors.Is(err, syscall.EPERM)) && !isZombie(pid)
}

// requestShutdown asks a postmaster for a fast shutdown (SIGINT), or an immediate one (SIGQUIT).
func requestShutdown(pid int, immediate bool, _ postgresPaths, _ *account) error {
	sig := syscall.SIGINT
	if immediate {
		sig = syscall.SIGQUIT
	}
	return syscall.Kill(pid, sig)
}
