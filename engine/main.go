// Command crm-engine is the school CRM's embedded database: PostgreSQL as storage, served over the
// MongoDB wire protocol by FerretDB, behind a loopback listener that only accepts the app's client certificate.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// defaultServiceAccount runs PostgreSQL when the engine runs as root, created when missing: an account of its
// own, so no other service on the machine shares the identity that owns a school's data (unlike `nobody`).
const defaultServiceAccount = "crm-postgres"

// errLocked means another engine serves the same data directory.
var errLocked = errors.New("another crm-engine is already using this data directory")

// Exit codes; electron/core/engine/protocol.ts (ENGINE_EXIT) reads them.
const (
	exitFailed = 1 // the error event says why
	exitUsage  = 2
	exitLocked = 3 // retrying cannot help
)

// readyEvent is the line printed once the engine accepts connections; electron/core/engine/protocol.ts
// (engineReadySchema) checks it.
type readyEvent struct {
	Event                 string `json:"event"` // "ready"
	URI                   string `json:"uri"`
	TLSCAFile             string `json:"tlsCAFile"`
	TLSCertificateKeyFile string `json:"tlsCertificateKeyFile"`
	PID                   int    `json:"pid"`
	PostgresPID           int    `json:"postgresPid"`
	DataDir               string `json:"dataDir"`
}

// errorEvent is the line printed when the engine stops with an error.
type errorEvent struct {
	Event   string `json:"event"` // "error"
	Message string `json:"message"`
}

type engineOptions struct {
	dataDir     string
	pgBin       string
	listen      string
	pgUser      string
	watchStdin  bool
	companions  bool
	pushdown    bool
	logLevel    slog.Level
	ferretLevel slog.Level
}

func parseFlags(args []string) (engineOptions, error) {
	var o engineOptions
	fs := flag.NewFlagSet("crm-engine", flag.ContinueOnError)
	fs.StringVar(&o.dataDir, "data-dir", "", "engine data directory (created owner-only if missing)")
	fs.StringVar(&o.pgBin, "pg-bin", "", "directory holding PostgreSQL's initdb and postgres")
	fs.StringVar(&o.listen, "listen", "127.0.0.1:0", "loopback address of the mutual-TLS MongoDB listener (port 0: any free port)")
	fs.StringVar(&o.pgUser, "pg-user", "", "account that runs PostgreSQL when the engine runs as root (default: "+defaultServiceAccount+", created when missing)")
	fs.BoolVar(&o.watchStdin, "watch-stdin", true, "stop when standard input closes (the parent died)")
	fs.BoolVar(&o.companions, "companion-indexes", true, "give every MongoDB index GIN companions that serve pushed-down filters (false: remove them, for comparisons)")
	fs.BoolVar(&o.pushdown, "pushdown", true, "answer sorts, ranges, $in, $or, paging and counts in PostgreSQL where provably exact (false: FerretDB's own path, for comparisons)")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.dataDir == "" || o.pgBin == "" {
		return o, errors.New("--data-dir and --pg-bin are required")
	}
	if err := o.logLevel.UnmarshalText([]byte(*level)); err != nil {
		return o, err
	}
	// FerretDB logs every connection at info level; keep it one step quieter than ours.
	o.ferretLevel = max(o.logLevel, slog.LevelWarn)
	return o, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "certs" {
		if err := runCerts(os.Args[2:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "crm-engine certs:", err)
			os.Exit(exitFailed)
		}
		return
	}
	opts, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "crm-engine:", err)
		os.Exit(exitUsage)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: opts.logLevel}))
	tuneGC()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if opts.watchStdin {
		ctx = stopWhenStdinCloses(ctx, log)
	}

	if err := run(ctx, opts, log, os.Stdout); err != nil {
		log.Error("engine stopped with an error", "error", err.Error())
		emit(os.Stdout, errorEvent{Event: "error", Message: err.Error()})
		if errors.Is(err, errLocked) {
			os.Exit(exitLocked)
		}
		os.Exit(exitFailed)
	}
}

// stopWhenStdinCloses ends the engine when its parent dies: the pipe to its stdin closes with it.
func stopWhenStdinCloses(parent context.Context, log *slog.Logger) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		log.Info("standard input closed: stopping")
		cancel()
	}()
	return ctx
}

func emit(w io.Writer, event any) {
	line, _ := json.Marshal(event)
	_, _ = fmt.Fprintln(w, string(line))
}
