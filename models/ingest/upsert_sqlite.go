package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models/imports"
)

// sqliteRowsPerStatement is small on purpose. The pure-Go SQLite driver
// (glebarez/go-sqlite) matches each bound parameter to its argument with a
// linear search and compiles the statement again on every execution, so a
// few dozen rows per INSERT is fastest: 25 rows load a million publications
// in half the time 500 do.
const sqliteRowsPerStatement = 25

// SQLite has one writer for the whole database. An import that wrote its
// new rows in its own transaction held that lock while it copied them, and
// signing in (a session write) waited behind it: 3 s at 300,000 rows, past
// the busy timeout at a million. So new rows are staged, as the file is
// read, in a TEMP table on a connection of the import's own (another
// database, with a lock of its own), then copied into their table in
// chunks, each its own short transaction, with a pause between two that
// lets waiting writers in. Each chunk notes in import_undo which rows it
// added, in the same transaction; the import's last transaction (updates,
// audit entries) deletes those notes, and an import that fails, is
// cancelled or dies before takes the rows out again (UndoImport, also at
// the next start). Pages may show a part of the new rows for the seconds
// of the copy, never a part after the import has ended; scoring waits for
// the import to complete (models.Store.ScoringInput).
const (
	// copyChunk rows take a few tenths of a second to copy.
	copyChunk = 50_000
	// copyPause exceeds SQLite's longest busy sleep (100 ms), so a writer
	// waiting for the lock wakes while it is free.
	copyPause = 120 * time.Millisecond
)

// stagedInsert stages t's new rows on the import's own connection.
func (w *writer) stagedInsert(ctx context.Context, t *table) (inserter, error) {
	if w.pin == nil {
		var err error
		if w.pin, err = w.store.Conn(ctx); err != nil {
			return nil, fmt.Errorf("stage %s: %w", t.name, err)
		}
	}
	stage := "temp." + quote("stage_"+t.name)
	cols := strings.Join(t.columnList(true), ", ")
	// A multi-row INSERT keeps a statement journal, in a temporary file
	// unless told to keep it in memory (a third of the time). The stage
	// names its columns only: reading the table's own definition would
	// start a read of the main database.
	for _, q := range []string{"PRAGMA temp_store = MEMORY", "DROP TABLE IF EXISTS " + stage, "CREATE TEMP TABLE " + stage + " (" + cols + ")", "BEGIN"} {
		if _, err := w.pin.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("stage %s: %w", t.name, err)
		}
	}
	return w.bulkInto(ctx, t, w.pin, stage, func() (int64, error) {
		if _, err := w.pin.ExecContext(ctx, "COMMIT"); err != nil {
			return 0, err
		}
		return w.copyStaged(ctx, t, stage, cols)
	}, func() {
		// Whatever happened, the connection goes back to the pool clean.
		ctx := context.WithoutCancel(ctx)
		_, _ = w.pin.ExecContext(ctx, "ROLLBACK")
		_, _ = w.pin.ExecContext(ctx, "DROP TABLE IF EXISTS "+stage)
	}), nil
}

// copyStaged copies the stage into t in chunks and returns the rows copied.
func (w *writer) copyStaged(ctx context.Context, t *table, stage, cols string) (int64, error) {
	var staged int64
	if err := w.pin.QueryRowContext(ctx, "SELECT COALESCE(MAX(rowid), 0) FROM "+stage).Scan(&staged); err != nil {
		return 0, err
	}
	var copied int64
	for from := int64(0); from < staged; from += w.chunk {
		if from > 0 {
			select {
			case <-ctx.Done():
				return copied, context.Cause(ctx)
			case <-time.After(copyPause):
			}
		}
		n, err := w.copyRows(ctx, t, stage, cols, from)
		if err != nil {
			return copied, err
		}
		copied += n
		if w.writing != nil {
			w.writing(int(copied), int(staged))
		}
	}
	return copied, nil
}

// errNoRows: a chunk of the stage came back empty, which cannot happen
// while the import owns its connection.
var errNoRows = errors.New("a chunk of the staged rows is empty")

// copyRows copies the stage's rows from+1 … from+w.chunk in one
// transaction, with the note of the rows it added.
func (w *writer) copyRows(ctx context.Context, t *table, stage, cols string, from int64) (n int64, err error) {
	if _, err := w.pin.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			_, _ = w.pin.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	// Holding the write lock, this chunk's rows are exactly those above
	// the largest id before it.
	var before int64
	if err := w.pin.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+quote(t.name)).Scan(&before); err != nil {
		return 0, err
	}
	var res sql.Result
	if res, err = w.pin.ExecContext(ctx, "INSERT INTO "+quote(t.name)+" ("+cols+") SELECT "+cols+" FROM "+stage+" WHERE rowid > ? AND rowid <= ?", from, from+w.chunk); err != nil {
		return 0, err
	}
	if n, err = res.RowsAffected(); err == nil && n == 0 {
		err = errNoRows // rows of the stage went missing: nothing is left half-done
	}
	if err != nil {
		return 0, err
	}
	last, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err = imports.RecordUndo(ctx, w.pin, w.run, t.name, before+1, last); err != nil {
		return 0, err
	}
	w.chunked = true
	if _, err = w.pin.ExecContext(ctx, "COMMIT"); err != nil {
		return 0, err
	}
	return n, nil
}
