package main

import (
	"fmt"
	"io"
	"os"
)

// requireDirectory refuses a data directory that is a link or not a directory at all.
func requireDirectory(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return tampered(dir, "is not a directory (a link?)")
	}
	return nil
}

// tampered is the refusal for a data directory someone changed behind the engine's back.
func tampered(path, why string) error {
	return fmt.Errorf("refusing to start: %s %s; the data directory may have been tampered with: inspect it, then remove or restore that entry", path, why)
}

// readAtMost reads an opened cluster file whole, refusing one larger than limit (a tampered file must not
// make the engine read without end).
func readAtMost(f io.Reader, path string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tampered(path, fmt.Sprintf("is larger than %d bytes", limit))
	}
	return data, nil
}
