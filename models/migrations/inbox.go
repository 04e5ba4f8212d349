package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// inboxSteps keep an inbox's stamp (issue 27 item 4): the count of the
// times each account marked notifications read, and an index that finds
// an account's newest notification at once, so that a kept page of the
// inbox is known stale by one lookup.
var inboxSteps = []*gormigrate.Migration{
	{
		ID: "2026121400_inbox_stamp",
		Migrate: func(tx *gorm.DB) error {
			type mark struct { // the shape as this step made it
				UserID uint  `gorm:"primaryKey;autoIncrement:false"`
				Marks  int64 `gorm:"not null;default:0"`
			}
			if err := tx.Table("notify_marks").AutoMigrate(&mark{}); err != nil {
				return fmt.Errorf("inbox marks: %w", err)
			}
			if err := tx.Exec("CREATE INDEX idx_notifications_user_id ON notifications (user_id, id)").Error; err != nil {
				return fmt.Errorf("index notifications by account: %w", err)
			}
			return nil
		},
	},
	{
		// The heads of what the audit log does not record (models.Head):
		// the sessions and the inboxes, read with the audit heads in one
		// query (models.Stamps). The inboxes' head replaces each account's
		// count of notifications marked read.
		ID: "2026121700_heads",
		Migrate: func(tx *gorm.DB) error {
			opts := ""
			if tx.Dialector.Name() == "mysql" {
				opts = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
			}
			if err := tx.Exec("CREATE TABLE heads (name varchar(32) NOT NULL PRIMARY KEY, seq bigint NOT NULL)" + opts).Error; err != nil {
				return fmt.Errorf("create heads: %w", err)
			}
			if err := tx.Migrator().DropTable("notify_marks"); err != nil {
				return fmt.Errorf("drop notify_marks: %w", err)
			}
			return nil
		},
	},
}
