//go:build windows

package main

import (
	"errors"
	"io/fs"
	"os"
)

// Windows has no root/service-account split (pg_ctl drops administrator rights itself); links are still refused.
func prepareDataDir(dir string, _ *account) error { return requireDirectory(dir) }

func makeClusterDir(path string, _ *account) error { return os.Mkdir(path, 0o700) }

func createSecretFor(path string, data []byte, _ *account) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}

func readClusterFile(path string, limit int64) ([]byte, error) {
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return nil, tampered(path, "is a link")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, path, limit)
}
