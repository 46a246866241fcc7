//go:build unix

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// When the engine runs as root, the data directory is split by who may write where. The engine owns the
// directory itself and everything it later reads or writes with privilege: the lock, PostgreSQL's password,
// the TLS material and the configuration PostgreSQL runs with (conf/). The account running PostgreSQL owns
// only the cluster, pg/. It can then neither plant links where root writes nor change who may connect.
// See docs/architecture.md, "The engine's account".

// prepareDataDir gives the data directory its layout and refuses one that was tampered with.
func prepareDataDir(dir string, acc *account) error {
	if err := requireDirectory(dir); err != nil {
		return err
	}
	mode := os.FileMode(0o700)
	if acc != nil {
		// Traversable but not listable or writable: PostgreSQL reaches pg/ and conf/ and nothing else.
		mode = 0o711
		if err := os.Lchown(dir, os.Geteuid(), os.Getegid()); err != nil {
			return err
		}
	}
	if err := os.Chmod(dir, mode); err != nil {
		return err
	}
	for _, name := range []string{"engine.lock", "pg-password", "pg-password.tmp", "pg-password.init"} {
		if err := checkOwnEntry(filepath.Join(dir, name), false); err != nil {
			return err
		}
	}
	for _, sub := range []string{"tls", "conf"} {
		if err := checkOwnTree(filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	if acc != nil {
		if err := handClusterTo(filepath.Join(dir, "pg"), acc); err != nil {
			return err
		}
	}
	return nil
}

// checkOwnEntry accepts a missing path, or one that is ours, of the expected type, and not a link.
func checkOwnEntry(path string, wantDir bool) error {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return tampered(path, "is a link")
	case wantDir && !st.IsDir(), !wantDir && !st.Mode().IsRegular():
		return tampered(path, "is not a "+map[bool]string{true: "directory", false: "regular file"}[wantDir])
	case ownerOf(st) != os.Geteuid():
		return tampered(path, fmt.Sprintf("belongs to uid %d, not to the engine (uid %d)", ownerOf(st), os.Geteuid()))
	}
	return nil
}

// checkOwnTree checks a directory of the engine's and every entry in it.
func checkOwnTree(dir string) error {
	if err := checkOwnEntry(dir, true); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := checkOwnEntry(filepath.Join(dir, e.Name()), false); err != nil {
			return err
		}
	}
	return nil
}

// handClusterTo gives the cluster to the account, as a data directory made by an older engine (all of it
// handed to `nobody`) or a changed --pg-user needs. Links inside are re-owned, never followed.
func handClusterTo(pgDir string, acc *account) error {
	st, err := os.Lstat(pgDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return tampered(pgDir, "is not a directory (a link?)")
	}
	if ownerOf(st) == acc.uid {
		return nil
	}
	return filepath.WalkDir(pgDir, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, acc.uid, acc.gid)
	})
}

// makeClusterDir creates an empty directory for initdb, owned by the account that runs it.
func makeClusterDir(path string, acc *account) error {
	if err := os.Mkdir(path, 0o700); err != nil {
		return err
	}
	if acc == nil {
		return nil
	}
	return os.Lchown(path, acc.uid, acc.gid)
}

// createSecretFor writes a new file root reads nothing back from, readable by the account only.
// O_EXCL never follows a link, so a planted one makes this fail instead of writing through it.
func createSecretFor(path string, data []byte, acc *account) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o400)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if acc != nil && werr == nil {
		werr = f.Chown(acc.uid, acc.gid)
	}
	return errors.Join(werr, f.Close())
}

// readClusterFile reads a file the account can write, without following a link to one it cannot.
func readClusterFile(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, tampered(path, "is not a regular file")
	}
	return readAtMost(f, path, limit)
}

func ownerOf(st fs.FileInfo) int {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(sys.Uid)
	}
	return -1
}
