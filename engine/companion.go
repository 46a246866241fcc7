package main

import (
	"context"
	_ "embed"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// companionSQL installs the companion-index machinery: see the comments in companion.sql.
//
//go:embed companion.sql
var companionSQL string

// pushdownSQL installs the sort keys of the pushdown (see pushdown.sql); the companions are built on them.
//
//go:embed pushdown.sql
var pushdownSQL string

// companionWork is what an engine start found to do on existing data: companions to drop and to build.
type companionWork struct {
	stale []companionIndex // invalid (an interrupted build) or orphaned
	due   []companionIndex // missing or invalid, for a FerretDB index that exists
}

type companionIndex struct {
	schema, name, ddl string
}

// prepareIndexes applies the planner settings and installs the companion-index triggers, or, with
// companions disabled, removes the triggers and every companion so the engine really runs without them.
// It returns the backfill for existing data: companions of indexes made before the triggers existed.
func prepareIndexes(ctx context.Context, pgURL string, companions bool, log *slog.Logger) (*companionWork, error) {
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(context.Background())

	if err := applyPlannerSettings(ctx, conn); err != nil {
		return nil, fmt.Errorf("planner settings: %w", err)
	}
	if !companions {
		if err := removeCompanions(ctx, conn, log); err != nil {
			return nil, err
		}
		_, err := conn.Exec(ctx, pushdownSQL)
		return nil, err
	}
	if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, pushdownSQL); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, companionSQL)
		return err
	}); err != nil {
		return nil, fmt.Errorf("install companion indexes: %w", err)
	}
	return findCompanionWork(ctx, conn)
}

func findCompanionWork(ctx context.Context, conn *pgx.Conn) (*companionWork, error) {
	rows, err := conn.Query(ctx, `SELECT schema_name, companion, coalesce(ddl, ''), valid, stale FROM "crm$engine".companions()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	w := &companionWork{}
	for rows.Next() {
		var c companionIndex
		var valid, stale bool
		if err := rows.Scan(&c.schema, &c.name, &c.ddl, &valid, &stale); err != nil {
			return nil, err
		}
		if stale {
			w.stale = append(w.stale, c)
		}
		if c.ddl != "" && !valid {
			w.due = append(w.due, c)
		}
	}
	return w, rows.Err()
}

// removeCompanions is --companion-indexes=false: no triggers, no companions.
func removeCompanions(ctx context.Context, conn *pgx.Conn, log *slog.Logger) error {
	var installed bool
	if err := conn.QueryRow(ctx, `SELECT to_regnamespace('"crm$engine"') IS NOT NULL`).Scan(&installed); err != nil || !installed {
		return err
	}
	var present []string
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		// The triggers go first: dropping a companion must not look like a FerretDB index being dropped.
		if _, err := tx.Exec(ctx, `DROP EVENT TRIGGER IF EXISTS crm_engine_add_companions;
			DROP EVENT TRIGGER IF EXISTS crm_engine_drop_companions`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT schema_name, companion FROM "crm$engine".companions() WHERE valid OR stale`)
		if err != nil {
			return err
		}
		present, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
			var schema, name string
			err := row.Scan(&schema, &name)
			return pgx.Identifier{schema, name}.Sanitize(), err
		})
		if err != nil {
			return err
		}
		for _, index := range present {
			if _, err := tx.Exec(ctx, "DROP INDEX IF EXISTS "+index); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `DROP SCHEMA "crm$engine" CASCADE`)
		return err
	})
	if err == nil {
		log.Info("companion indexes disabled: removed", "indexes", len(present))
	}
	return err
}

// backfill builds the companions an older data directory lacks. It runs while the engine serves:
// CONCURRENTLY keeps the collections readable and writable meanwhile. An interrupted build leaves
// an invalid index, which the next start drops and builds again.
func (w *companionWork) backfill(ctx context.Context, pgURL string, log *slog.Logger) {
	if w == nil || len(w.stale)+len(w.due) == 0 {
		return
	}
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		log.Warn("companion index backfill: connect", "error", err.Error())
		return
	}
	defer conn.Close(context.Background())
	for _, c := range w.stale {
		if _, err := conn.Exec(ctx, "DROP INDEX CONCURRENTLY IF EXISTS "+pgx.Identifier{c.schema, c.name}.Sanitize()); err != nil {
			log.Warn("companion index backfill: drop", "index", c.name, "error", err.Error())
			return
		}
	}
	started := time.Now()
	for _, c := range w.due {
		t := time.Now()
		if _, err := conn.Exec(ctx, "CREATE INDEX CONCURRENTLY IF NOT EXISTS "+c.ddl); err != nil {
			log.Warn("companion index backfill: create", "index", c.name, "error", err.Error())
			return
		}
		log.Info("companion index built", "schema", c.schema, "index", c.name, "ms", time.Since(t).Milliseconds())
	}
	log.Info("companion index backfill done", "built", len(w.due), "ms", time.Since(started).Milliseconds())
}
