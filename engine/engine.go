package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// run starts PostgreSQL and FerretDB, announces readiness on out, and serves until ctx ends or a part fails.
func run(ctx context.Context, opts engineOptions, log *slog.Logger, out io.Writer) error {
	dataDir, err := filepath.Abs(opts.dataDir)
	if err != nil {
		return err
	}
	pgBin, err := filepath.Abs(opts.pgBin)
	if err != nil {
		return err
	}
	// Parents stay traversable (they hold nothing) so the account running PostgreSQL can reach the data.
	if err := os.MkdirAll(filepath.Dir(dataDir), 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := os.Mkdir(dataDir, 0o700); err != nil && !os.IsExist(err) {
		return fmt.Errorf("create data directory: %w", err)
	}
	acc, err := serviceAccount(opts.pgUser, log)
	if err != nil {
		return err
	}
	if acc != nil {
		log.Info("running as root: PostgreSQL runs as an unprivileged account", "account", acc.name)
		if err := checkReachable(dataDir, acc); err != nil {
			return err
		}
	}
	// Owner-only (traversable for PostgreSQL's account): another account on a shared office PC must not read
	// a school's data.
	if err := prepareDataDir(dataDir, acc); err != nil {
		return err
	}

	lock, err := lockDataDir(filepath.Join(dataDir, "engine.lock"))
	if err != nil {
		return fmt.Errorf("%s: %w", dataDir, err)
	}
	defer lock.release()

	certs, err := ensureCertificates(filepath.Join(dataDir, "tls"))
	if err != nil {
		return fmt.Errorf("create TLS certificates: %w", err)
	}

	pgPaths := newPostgresPaths(pgBin, dataDir)
	if err := pgPaths.check(); err != nil {
		return err
	}
	if err := stopStalePostmaster(pgPaths, acc, log); err != nil {
		return err
	}
	if err := initCluster(ctx, pgPaths, acc, log); err != nil {
		return err
	}
	if err := writePostgresConfig(pgPaths); err != nil {
		return err
	}
	pg, err := startPostgres(ctx, pgPaths, acc, log)
	if err != nil {
		return err
	}
	defer pg.stop()

	pgURL, err := pg.url(pgDatabase)
	if err != nil {
		return err
	}
	// Companion indexes only make queries faster: without them every query still answers the same.
	companions, err := prepareIndexes(ctx, pgURL, opts.companions, log)
	if err != nil {
		log.Error("companion indexes not prepared: queries on indexed fields will scan", "error", err.Error())
	}
	ferretdb.CRMPushdown(opts.pushdown)
	ferretLog := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: opts.ferretLevel}))
	fdb, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{
			TLS:         opts.listen,
			TLSCertFile: certs.ServerCert,
			TLSKeyFile:  certs.ServerKey,
			TLSCAFile:   certs.CA, // with a CA, FerretDB requires and verifies a client certificate
		},
		Logger:        ferretLog,
		Handler:       "postgresql",
		PostgreSQLURL: pgURL,
	})
	if err != nil {
		return fmt.Errorf("start FerretDB: %w", err)
	}

	serveCtx, stopServing := context.WithCancel(ctx)
	defer stopServing()
	served := make(chan struct{})
	go func() {
		_ = fdb.Run(serveCtx)
		close(served)
	}()
	backfilled := make(chan struct{})
	go func() {
		companions.backfill(serveCtx, pgURL, log)
		close(backfilled)
	}()
	defer func() { stopServing(); <-backfilled }() // before PostgreSQL stops (deferred earlier, runs later)

	emit(out, readyEvent{
		Event:                 "ready",
		URI:                   fdb.MongoDBURI(),
		TLSCAFile:             certs.CA,
		TLSCertificateKeyFile: certs.Client,
		PID:                   os.Getpid(),
		PostgresPID:           pg.cmd.Process.Pid,
		DataDir:               dataDir,
	})
	log.Info("ready", "uri", fdb.MongoDBURI())

	select {
	case <-ctx.Done():
		log.Info("stopping")
		stopServing()
		<-served
		return nil
	case err := <-pg.exited:
		pg.exited <- err
		stopServing()
		<-served
		return fmt.Errorf("postgres exited unexpectedly: %v", err)
	}
}
