package main

import (
	"fmt"
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
