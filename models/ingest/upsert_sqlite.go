package ingest

import "fmt"

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
