//go:build unix

package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the unprivileged identity PostgreSQL runs as when the engine itself runs as root.
type account struct {
	name     string
	uid, gid int
}

// serviceAccount returns nil when the engine is not root: PostgreSQL then runs as the engine's own user.
// name "" means the default account, created when missing; a name the admin chose must exist.
func serviceAccount(name string, log *slog.Logger) (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	chosen := name != ""
	if !chosen {
		name = defaultServiceAccount
	}
	u, err := user.Lookup(name)
	var unknown user.UnknownUserError
	if errors.As(err, &unknown) && !chosen {
		if cerr := createServiceAccount(name); cerr != nil {
			return nil, fmt.Errorf("PostgreSQL refuses to run as root, and the account %q to run it as could not be created: %w; "+
				"create an unprivileged account used by nothing else and pass it with --pg-user", name, cerr)
		}
		log.Info("created the account that runs PostgreSQL", "account", name)
		u, err = user.Lookup(name)
	}
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
	if uid == 0 || gid == 0 {
		return nil, fmt.Errorf("the account %q that would run PostgreSQL is privileged (uid %d, gid %d): choose an unprivileged one with --pg-user", name, uid, gid)
	}
	return &account{name: name, uid: uid, gid: gid}, nil
}

// createServiceAccount makes a system account with its own group, no home and no login shell, with the
// tools Linux distributions (useradd) and Alpine/BusyBox (addgroup/adduser) provide. Elsewhere (macOS) the
// admin creates one: the error says so.
func createServiceAccount(name string) error {
	if path, err := exec.LookPath("useradd"); err == nil {
		return runTool(path, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
			"--shell", nologinShell(), "--comment", "crm-engine PostgreSQL", name)
	}
	addgroup, gerr := exec.LookPath("addgroup")
	adduser, uerr := exec.LookPath("adduser")
	if gerr == nil && uerr == nil {
		if err := runTool(addgroup, "-S", name); err != nil {
			return err
		}
		return runTool(adduser, "-S", "-D", "-H", "-h", "/nonexistent", "-s", nologinShell(), "-G", name, name)
	}
	return errors.New("this system has neither useradd nor addgroup/adduser")
}

func nologinShell() string {
	for _, shell := range []string{"/usr/sbin/nologin", "/sbin/nologin", "/bin/false"} {
		if _, err := os.Stat(shell); err == nil {
			return shell
		}
	}
	return "/bin/false"
}

func runTool(path string, args ...string) error {
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", filepath.Base(path), err, strings.TrimSpace(string(out)))
	}
	return nil
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
