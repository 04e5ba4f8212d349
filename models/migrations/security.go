package migrations

import (
	"fmt"
	"github.com/gongkai/gongkai/models"
	"strings"
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
		ID: "2026120501_user_session_epoch",
		Migrate: func(tx *gorm.DB) error {
			return tx.Exec("ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0").Error
		},
	},
	{
		ID: "2026120502_audit_chain",
		Migrate: func(tx *gorm.DB) error {
			mysql := tx.Dialector.Name() == "mysql"
			cols := []string{"seq bigint NOT NULL DEFAULT 0", "prev_hash varchar(64) NOT NULL DEFAULT ''", "hash varchar(64) NOT NULL DEFAULT ''"}
			if mysql {
				// One statement: each DDL costs MySQL a metadata lock and a commit.
				if err := tx.Exec("ALTER TABLE audit_entries ADD COLUMN " + strings.Join(cols, ", ADD COLUMN ")).Error; err != nil {
					return fmt.Errorf("add the chain's columns: %w", err)
				}
			} else {
				for _, c := range cols {
					if err := tx.Exec("ALTER TABLE audit_entries ADD COLUMN " + c).Error; err != nil {
						return fmt.Errorf("add the chain's columns: %w", err)
					}
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
					e := models.AuditEntry{Seq: seq, At: r.At.UTC().Truncate(time.Millisecond), UserID: r.UserID, UserName: r.UserName, Action: r.Action,
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
			if err := tx.Exec("CREATE UNIQUE INDEX uk_audit_seq ON audit_entries (seq)").Error; err != nil {
				return fmt.Errorf("index audit_entries.seq: %w", err)
			}
			return tx.Exec("INSERT INTO audit_heads (id, seq, hash) VALUES (1, ?, ?)", seq, prev).Error
		},
	},
}
