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
}
