package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// PostgreSQL runs with configuration the engine writes in conf/ (owned by the engine), passed on its command
// line, not with the files inside the cluster, which the account running PostgreSQL could change.

// hbaRules let only the engine's superuser in, with its password, over loopback TCP (there is no socket).
const hbaRules = `# Written by crm-engine at every start; the copy inside pg/ is not used.
host all ` + pgSuperuser + ` 127.0.0.1/32 scram-sha-256
`

const configLimit = 1 << 20

// writePostgresConfig keeps conf/ current: the main configuration initdb made (copied once), the
// authentication rules and an empty identity map (rewritten at every start).
func writePostgresConfig(p postgresPaths) error {
	if err := os.MkdirAll(p.confDir, 0o711); err != nil {
		return err
	}
	if err := os.Chmod(p.confDir, 0o711); err != nil {
		return err
	}
	if _, err := os.Lstat(p.configFile); errors.Is(err, fs.ErrNotExist) {
		// A data directory from before conf/ existed: adopt the cluster's own file once.
		if err := adoptClusterConfig(p.dataDir, p); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(p.hbaFile, []byte(hbaRules), 0o644); err != nil {
		return err
	}
	if err := writeFileAtomic(p.identFile, []byte("# No identity maps: only password authentication.\n"), 0o644); err != nil {
		return err
	}
	return checkAutoConfig(filepath.Join(p.dataDir, "postgresql.auto.conf"))
}

// adoptClusterConfig copies postgresql.conf from a cluster (pg/ or initdb's scratch directory) into conf/.
func adoptClusterConfig(clusterDir string, p postgresPaths) error {
	data, err := readClusterFile(filepath.Join(clusterDir, "postgresql.conf"), configLimit)
	if err != nil {
		return fmt.Errorf("read PostgreSQL's configuration: %w", err)
	}
	return writeFileAtomic(p.configFile, data, 0o644)
}

// checkAutoConfig refuses settings made by ALTER SYSTEM, which the engine never uses and turns off.
func checkAutoConfig(path string) error {
	data, err := readClusterFile(path, configLimit)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			return tampered(path, fmt.Sprintf("holds a setting the engine never made (%q)", truncate(line, 80)))
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
