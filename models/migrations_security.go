package models

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// securitySteps (issue 11): a user's sessions can be ended; the audit log
// becomes a hash chain, existing entries chained in id order. Each step
// writes its DDL itself, so a later change to the models changes nothing
// here.
var securitySteps = []*gormigrate.Migration{
	{
		ID: "2026120401_user_session_epoch",
		Migrate: func(tx *gorm.DB) error {
			return tx.Exec("ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0").Error
		},
	},
	{
		ID: "2026120402_audit_chain",
		Migrate: func(tx *gorm.DB) error {
			mysql := tx.Dialector.Name() == "mysql"
			for _, c := range [][2]string{{"seq", "bigint NOT NULL DEFAULT 0"}, {"prev_hash", "varchar(64) NOT NULL DEFAULT ''"}, {"hash", "varchar(64) NOT NULL DEFAULT ''"}} {
				col, typ := c[0], c[1]
				if has, err := hasColumn(tx, "audit_entries", col); err != nil {
					return err
				} else if has {
					continue
				}
				if err := tx.Exec("ALTER TABLE audit_entries ADD COLUMN " + col + " " + typ).Error; err != nil {
					return fmt.Errorf("add audit_entries.%s: %w", col, err)
				}
			}
			opts := ""
			if mysql {
				opts = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
			}
			if err := tx.Exec("CREATE TABLE audit_heads (id bigint NOT NULL PRIMARY KEY, seq bigint NOT NULL, hash varchar(64) NOT NULL)" + opts).Error; err != nil {
				return fmt.Errorf("create audit_heads: %w", err)
			}
			// Chain the entries written so far, oldest first.
			type entry struct {
				ID             uint
				At             time.Time
				UserID         uint
				UserName       string
				Action, Entity string
				EntityID       string
				Before, After  string
				Seq            int64
				PrevHash, Hash string
			}
			var seq int64
			prev := ""
			for last := uint(0); ; {
				var batch []entry
				if err := tx.Table("audit_entries").Where("id > ?", last).Order("id").Limit(1000).Find(&batch).Error; err != nil {
					return fmt.Errorf("read audit entries: %w", err)
				}
				for _, r := range batch {
					seq++
					e := AuditEntry{Seq: seq, At: r.At.UTC().Truncate(time.Millisecond), UserID: r.UserID, UserName: r.UserName, Action: r.Action,
						Entity: r.Entity, EntityID: r.EntityID, Before: r.Before, After: r.After, PrevHash: prev}
					e.Hash = e.ComputeHash()
					err := tx.Table("audit_entries").Where("id = ?", r.ID).
						Updates(map[string]any{"seq": e.Seq, "at": e.At, "prev_hash": e.PrevHash, "hash": e.Hash}).Error
					if err != nil {
						return fmt.Errorf("chain audit entry %d: %w", r.ID, err)
					}
					prev, last = e.Hash, r.ID
				}
				if len(batch) < 1000 {
					break
				}
			}
			if !tx.Migrator().HasIndex("audit_entries", "uk_audit_seq") {
				if err := tx.Exec("CREATE UNIQUE INDEX uk_audit_seq ON audit_entries (seq)").Error; err != nil {
					return fmt.Errorf("index audit_entries.seq: %w", err)
				}
			}
			return tx.Exec("INSERT INTO audit_heads (id, seq, hash) VALUES (1, ?, ?)", seq, prev).Error
		},
	},
}

// hasColumn asks the database for the table's columns by name: SQLite's
// HasColumn matches text in the CREATE statement, so "hash" is found in
// "prev_hash".
func hasColumn(tx *gorm.DB, table, col string) (bool, error) {
	cols, err := tx.Migrator().ColumnTypes(table)
	if err != nil {
		return false, fmt.Errorf("read the columns of %s: %w", table, err)
	}
	for _, c := range cols {
		if c.Name() == col {
			return true, nil
		}
	}
	return false, nil
}
