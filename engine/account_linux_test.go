package main

// The attacks of issue 13 §1, run as the account PostgreSQL runs as, against an engine running as root.
// Each must be refused. They need root (as CI runs); elsewhere they are skipped.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
)

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func rootOnly(t *testing.T) *account {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the engine's account split applies when it runs as root")
	}
	acc, err := serviceAccount("", quietLog)
	if err != nil {
		t.Fatal(err)
	}
	return acc
}

// asAccount runs a shell command as PostgreSQL's account, as an attacker holding that account would.
func asAccount(acc *account, script string) (string, error) {
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(acc.uid), Gid: uint32(acc.gid), NoSetGroups: true}}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// victim is a root-owned file an attacker wants written through a link.
func victim(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(path, []byte("keep me\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func assertUntouched(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "keep me\n" || ownerOf(st) != 0 || st.Mode().Perm() != 0o600 {
		t.Fatalf("%s was changed through a link: %q, owner %d, mode %v", path, data, ownerOf(st), st.Mode().Perm())
	}
}

func expectRefusal(t *testing.T, dataDir string, wants ...string) {
	t.Helper()
	e, err := tryStartEngine(t, dataDir)
	if err == nil {
		e.terminate()
		t.Fatal("the engine started on a tampered data directory")
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("refusal %q does not mention %q", err, want)
		}
	}
}

func TestServiceAccountIsDedicatedAndUnprivileged(t *testing.T) {
	acc := rootOnly(t)
	if acc.name != defaultServiceAccount || acc.uid == 0 || acc.gid == 0 {
		t.Fatalf("unexpected account %+v", acc)
	}
	if _, err := serviceAccount("no-such-account-here", quietLog); err == nil || !strings.Contains(err.Error(), "--pg-user") {
		t.Fatalf("an account the admin named must exist, and the error must say how to choose one: %v", err)
	}
	if _, err := serviceAccount("root", quietLog); err == nil || !strings.Contains(err.Error(), "privileged") {
		t.Fatalf("root must be refused as PostgreSQL's account: %v", err)
	}
}

func TestAccountCannotReachTheEnginesFiles(t *testing.T) {
	acc := rootOnly(t)
	dataDir := testDataDir(t)
	startEngine(t, dataDir)

	st, err := os.Stat(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	if ownerOf(st) != 0 || st.Mode().Perm() != 0o711 {
		t.Fatalf("data directory: owner %d mode %v, want root 0711", ownerOf(st), st.Mode().Perm())
	}
	if st, err := os.Stat(filepath.Join(dataDir, "pg")); err != nil || ownerOf(st) != acc.uid {
		t.Fatalf("the cluster must belong to %s: %v", acc.name, err)
	}
	attempts := map[string]string{
		"plant a link":               "ln -s /etc/passwd " + filepath.Join(dataDir, "pg-password.init"),
		"replace the lock":           "rm -f " + filepath.Join(dataDir, "engine.lock"),
		"read the password":          "cat " + filepath.Join(dataDir, "pg-password"),
		"read the client key":        "cat " + filepath.Join(dataDir, "tls", "client.pem"),
		"trust everyone":             "echo 'host all all 127.0.0.1/32 trust' >> " + filepath.Join(dataDir, "conf", "pg_hba.conf"),
		"replace the authentication": "mv " + filepath.Join(dataDir, "conf", "pg_hba.conf") + " /tmp/",
	}
	for what, script := range attempts {
		if out, err := asAccount(acc, script); err == nil {
			t.Errorf("%s: allowed (%s)", what, out)
		}
	}
}

func TestTrustRuleInTheClusterGrantsNothing(t *testing.T) {
	acc := rootOnly(t)
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	pgDir := filepath.Join(dataDir, "pg")

	script := fmt.Sprintf("printf 'host all all 127.0.0.1/32 trust\\n' > %s/pg_hba.conf.new && cat %s/pg_hba.conf >> %s/pg_hba.conf.new && mv %s/pg_hba.conf.new %s/pg_hba.conf && kill -HUP %d",
		pgDir, pgDir, pgDir, pgDir, pgDir, e.ready.PostgresPID)
	if out, err := asAccount(acc, script); err != nil {
		t.Fatalf("the account owns its cluster and may edit it: %v %s", err, out)
	}
	time.Sleep(500 * time.Millisecond) // the reload is asynchronous
	pidLines, err := os.ReadFile(filepath.Join(pgDir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	port := strings.Split(string(pidLines), "\n")[3]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if conn, err := pgx.Connect(ctx, "postgres://crm@127.0.0.1:"+port+"/crm?sslmode=disable"); err == nil {
		conn.Close(ctx)
		t.Fatal("connected as PostgreSQL's superuser without a password")
	}
	password, err := os.ReadFile(filepath.Join(dataDir, "pg-password"))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, "postgres://crm:"+string(password)+"@127.0.0.1:"+port+"/crm?sslmode=disable")
	if err != nil {
		t.Fatalf("the control connection with the password failed, so the port is wrong: %v", err)
	}
	conn.Close(ctx)
}

func TestLinkedLockIsRefused(t *testing.T) {
	rootOnly(t)
	dataDir := testDataDir(t)
	startEngine(t, dataDir).terminate()
	target := victim(t)
	lock := filepath.Join(dataDir, "engine.lock")
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, lock); err != nil {
		t.Fatal(err)
	}
	expectRefusal(t, dataDir, "engine.lock", "is a link")
	assertUntouched(t, target)
}

func TestLinkedPasswordFileForInitdbIsRefused(t *testing.T) {
	rootOnly(t)
	dataDir := testDataDir(t)
	startEngine(t, dataDir).terminate()
	// As reproduced: the cluster moved aside to force initdb, and the password file for initdb pre-planted.
	if err := os.Rename(filepath.Join(dataDir, "pg"), filepath.Join(dataDir, "pg.aside")); err != nil {
		t.Fatal(err)
	}
	target := victim(t)
	if err := os.Symlink(target, filepath.Join(dataDir, "pg-password.init")); err != nil {
		t.Fatal(err)
	}
	expectRefusal(t, dataDir, "pg-password.init", "is a link")
	assertUntouched(t, target)
}

func TestSettingsMadeBehindTheEnginesBackAreRefused(t *testing.T) {
	acc := rootOnly(t)
	dataDir := testDataDir(t)
	startEngine(t, dataDir).terminate()
	auto := filepath.Join(dataDir, "pg", "postgresql.auto.conf")
	if out, err := asAccount(acc, "echo \"archive_command = 'id > /tmp/owned'\" >> "+auto); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	expectRefusal(t, dataDir, "postgresql.auto.conf", "archive_command")
}

func TestDataDirectoryOfAnOlderEngineIsTakenBack(t *testing.T) {
	acc := rootOnly(t)
	dataDir := testDataDir(t)
	e := startEngine(t, dataDir)
	client := connect(t, e)
	insertOne(t, client, "kept")
	e.terminate()

	// An older engine handed the whole directory to `nobody` and kept PostgreSQL's configuration in the cluster.
	if err := os.RemoveAll(filepath.Join(dataDir, "conf")); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chown", "-R", "nobody", dataDir).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	for _, root := range []string{"engine.lock", "pg-password", "tls"} {
		if out, err := exec.Command("chown", "-R", "root", filepath.Join(dataDir, root)).CombinedOutput(); err != nil {
			t.Fatalf("%v %s", err, out)
		}
	}

	again := startEngine(t, dataDir)
	if got := findOneName(t, connect(t, again)); got != "kept" {
		t.Fatalf("data lost in the move: %q", got)
	}
	if st, _ := os.Stat(filepath.Join(dataDir, "pg", "base")); ownerOf(st) != acc.uid {
		t.Fatalf("the cluster was not given to %s", acc.name)
	}
	if st, _ := os.Stat(dataDir); ownerOf(st) != 0 {
		t.Fatal("the data directory was not taken back by the engine")
	}
}

func insertOne(t *testing.T, client *mongo.Client, name string) {
	t.Helper()
	if _, err := client.Database("school").Collection("people").InsertOne(context.Background(), bson.M{"name": name}); err != nil {
		t.Fatal(err)
	}
}

func findOneName(t *testing.T, client *mongo.Client) string {
	t.Helper()
	var doc struct{ Name string }
	if err := client.Database("school").Collection("people").FindOne(context.Background(), bson.M{}).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.Name
}
