package ingest

import (
	"context"
	"fmt"
	"strings"
)

// sqliteRowsPerStatement is small on purpose. The pure-Go SQLite driver
// (glebarez/go-sqlite) matches each bound parameter to its argument with a
// linear search and compiles the statement again on every execution, so a
// few dozen rows per INSERT is fastest: 25 rows load a million publications
// in half the time 500 do.
const sqliteRowsPerStatement = 25

// tuneSQLite prepares the import's connection for a bulk insert: a
// multi-row INSERT into indexed tables keeps a statement journal, in a
// temporary file unless told to keep it in memory (a third of the time).
func (w *writer) tuneSQLite() error {
	if err := w.tx.DB.Exec("PRAGMA temp_store = MEMORY").Error; err != nil {
		return fmt.Errorf("set temp_store: %w", err)
	}
	return nil
}

// stagedInsert keeps SQLite's write lock short. SQLite has one writer for
// the whole database: an import writing its new rows as it reads them held
// that lock for the whole file, and signing in (a session write) waited
// behind it. The new rows go first into a TEMP table, which is another
// database with a lock of its own, while the file is read and checked;
// they are copied into the table in one statement at the end, in the same
// transaction, so nothing is half-written and the lock is held for the
// copy only.
func (w *writer) stagedInsert(ctx context.Context, t *table) (inserter, error) {
	stage := quote("stage_" + t.name)
	cols := strings.Join(t.columnList(true), ", ")
	// The stage names its columns only: reading the table's own definition
	// would start a read of the main database in this transaction, and a
	// writer coming between would then make the final copy fail.
	if err := w.tx.DB.WithContext(ctx).Exec("DROP TABLE IF EXISTS temp." + stage).Error; err != nil {
		return nil, fmt.Errorf("stage %s: %w", t.name, err)
	}
	if err := w.tx.DB.WithContext(ctx).Exec("CREATE TEMP TABLE " + stage + " (" + cols + ")").Error; err != nil {
		return nil, fmt.Errorf("stage %s: %w", t.name, err)
	}
	return w.bulkInto(ctx, t, "temp."+stage, func() (int64, error) {
		defer w.tx.DB.Exec("DROP TABLE temp." + stage)
		res := w.tx.DB.WithContext(ctx).Exec("INSERT INTO " + quote(t.name) + " (" + cols + ") SELECT " + cols + " FROM temp." + stage)
		return res.RowsAffected, res.Error
	}), nil
}
