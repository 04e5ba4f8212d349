package imports

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
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
func SettleImport(tx *models.Tx, run uint) error {
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

// SettledInput reads the scoring input of year y (with read) when no import is halfway
// written, so that a run never counts a part of an import: on SQLite a
// large import's new rows arrive in chunks. It waits while chunks are
// unsettled, and reads again (up to three times in all) when an import
// completed while it read, which the audit chain tells exactly: an
// import's entry takes its place in the chain when the import commits.
func (s *Store) SettledInput(ctx context.Context, y int, read func(context.Context, int) (*scoring.Input, error)) (*scoring.Input, error) {
	for attempt := 1; ; attempt++ {
		if err := s.waitSettled(ctx); err != nil {
			return nil, err
		}
		var head models.AuditHead
		if err := s.DB.WithContext(ctx).First(&head, 1).Error; err != nil {
			return nil, fmt.Errorf("read the audit chain's head: %w", err)
		}
		in, err := read(ctx, y)
		if err != nil {
			return nil, err
		}
		moved, err := s.importsMoved(ctx, head.Seq)
		if err != nil || !moved || attempt == 3 {
			return in, err
		}
	}
}

// settleWait bounds the wait for an import's chunks: a copy takes seconds.
const settleWait = 2 * time.Minute

// waitSettled waits until no import has chunks unsettled.
func (s *Store) waitSettled(ctx context.Context) error {
	deadline := time.Now().Add(settleWait)
	for {
		var n int64
		if err := s.DB.WithContext(ctx).Model(&ImportUndo{}).Count(&n).Error; err != nil {
			return fmt.Errorf("look for imports being written: %w", err)
		}
		if n == 0 {
			return nil
		}
		// Chunks of a run whose process died will never settle: they are
		// taken out now, by the rule that recovery at start uses.
		if _, err := s.FailInterruptedRuns(ctx, ReasonInterrupted, false); err != nil {
			return err
		}
		if err := s.DB.WithContext(ctx).Model(&ImportUndo{}).Count(&n).Error; err != nil {
			return fmt.Errorf("look for imports being written: %w", err)
		}
		if n == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return models.Invalid("year", "refuse.import.running")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// importsMoved reports whether an import has chunks unsettled, or has
// completed after the audit chain's entry seq.
func (s *Store) importsMoved(ctx context.Context, seq int64) (bool, error) {
	var undo, done int64
	db := s.DB.WithContext(ctx)
	if err := db.Model(&ImportUndo{}).Count(&undo).Error; err != nil {
		return false, fmt.Errorf("look for imports being written: %w", err)
	}
	if err := db.Model(&models.AuditEntry{}).Where("seq > ? AND action = ?", seq, "import").Count(&done).Error; err != nil {
		return false, fmt.Errorf("look for imports completed: %w", err)
	}
	return undo > 0 || done > 0, nil
}
