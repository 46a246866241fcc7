//go:build windows

package main

import (
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/windows"
)

// dirLock holds an exclusive lock on a file in the data directory; Windows releases it when the process dies.
type dirLock struct{ f *os.File }

func lockDataDir(path string) (*dirLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	ol := new(windows.Overlapped)
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY)
	if err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%w (%v)", errLocked, err)
	}
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 8)
	return &dirLock{f: f}, nil
}

func (l *dirLock) release() {
	_ = windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, new(windows.Overlapped))
	_ = l.f.Close()
}
