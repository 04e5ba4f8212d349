package models

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

// ImportUndo is a range of rows that one committed chunk of a running
// import added to a table (SQLite only; see undoSteps). The import's last
// transaction deletes its ranges with the audit entry that makes the
// import whole; until then UndoImport can take the rows out again.
type ImportUndo struct {
	ID      uint   `gorm:"primaryKey"`
	RunID   uint   `gorm:"not null;index"`
	Table   string `gorm:"column:table_name;size:64;not null"`
	FirstID int64  `gorm:"not null"`
	LastID  int64  `gorm:"not null"`
}

// TableName keeps the table's singular name.
func (ImportUndo) TableName() string { return "import_undo" }

// RecordUndo notes, in the chunk's own transaction on conn, that it added
// the rows first..last of table for the import run.
func RecordUndo(ctx context.Context, conn *sql.Conn, run uint, table string, first, last int64) error {
	_, err := conn.ExecContext(ctx, "INSERT INTO import_undo (run_id, table_name, first_id, last_id) VALUES (?, ?, ?, ?)", run, table, first, last)
	if err != nil {
		return fmt.Errorf("record the rows of import %d: %w", run, err)
	}
	return nil
}

// SettleImport makes the rows an import wrote in chunks its own for good:
// called in the import's last transaction.
func (tx *Tx) SettleImport(run uint) error {
	if err := tx.DB.Where("run_id = ?", run).Delete(&ImportUndo{}).Error; err != nil {
		return fmt.Errorf("settle import %d: %w", run, err)
	}
	return nil
}

// UndoImport takes out, in one transaction, the rows that an import which
// did not finish wrote in chunks, and answers how many it deleted.
func (s *Store) UndoImport(ctx context.Context, run uint) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ranges []ImportUndo
		if err := tx.Where("run_id = ?", run).Order("id").Find(&ranges).Error; err != nil {
			return fmt.Errorf("read the rows of import %d: %w", run, err)
		}
		for _, r := range ranges {
			res := tx.Exec("DELETE FROM "+tx.Statement.Quote(r.Table)+" WHERE id BETWEEN ? AND ?", r.FirstID, r.LastID)
			if res.Error != nil {
				return fmt.Errorf("undo import %d in %s: %w", run, r.Table, res.Error)
			}
			n += res.RowsAffected
		}
		return tx.Where("run_id = ?", run).Delete(&ImportUndo{}).Error
	})
	return n, err
}
