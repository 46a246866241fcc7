//go:build unix && !linux

package main

import "syscall"

// Only Linux has a parent-death signal; elsewhere the stale postmaster.pid check cleans up on the next start.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

func looksLikePostgres(int) bool { return true }

func isZombie(int) bool { return false }

func ownedByCluster(int, *account) bool { return true }
