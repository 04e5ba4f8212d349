package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// notifySteps hold the inboxes (issue 26): notifications, the deadline
// reminders sent (once each), the e-mail settings and queue, and the account
// that signed for an assessment notice and the receipts of the documents
// issued to a department (签收).
var notifySteps = []*gormigrate.Migration{
	{
		ID: "2026120860_notify",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type notification struct {
				ID        uint       `gorm:"primaryKey"`
				UserID    uint       `gorm:"not null;index:idx_notification_inbox,priority:1"`
				Kind      string     `gorm:"size:16;not null"`
				Subject   string     `gorm:"size:64;not null"`
				Args      string     `gorm:"size:1000;not null"`
				Note      string     `gorm:"size:500;not null;default:''"`
				Link      string     `gorm:"size:255;not null"`
				Ref       string     `gorm:"size:64;not null;default:'';index"`
				Required  bool       `gorm:"not null;default:false"`
				ReadAt    *time.Time `gorm:"index:idx_notification_inbox,priority:2"`
				Mail      string     `gorm:"size:8;not null;default:'';index"`
				CreatedAt time.Time  `gorm:"not null"`
			}
			type reminder struct {
				ID     uint      `gorm:"primaryKey"`
				Item   string    `gorm:"size:128;not null;uniqueIndex:uk_notify_reminder,priority:1"`
				Stage  string    `gorm:"size:16;not null;uniqueIndex:uk_notify_reminder,priority:2"`
				SentAt time.Time `gorm:"not null"`
			}
			type settings struct {
				UserID    uint   `gorm:"primaryKey;autoIncrement:false"`
				Email     string `gorm:"size:254;not null;default:''"`
				Mode      string `gorm:"size:16;not null;default:'immediate'"`
				UpdatedAt time.Time
			}
			type mail struct {
				ID        uint      `gorm:"primaryKey"`
				Key       string    `gorm:"size:64;not null;uniqueIndex:uk_notify_mail"`
				UserID    uint      `gorm:"not null;index"`
				To        string    `gorm:"column:to_addr;size:254;not null"`
				Subject   string    `gorm:"size:255;not null"`
				Body      string    `gorm:"type:text;not null"`
				Status    string    `gorm:"size:8;not null;index:idx_notify_mail_due,priority:1"`
				Attempts  int       `gorm:"not null;default:0"`
				NextAt    time.Time `gorm:"not null;index:idx_notify_mail_due,priority:2"`
				LastError string    `gorm:"size:500;not null;default:''"`
				CreatedAt time.Time `gorm:"not null"`
				SentAt    *time.Time
			}
			type member struct {
				NoticeReadByID *uint // the account that signed (签收)
			}
			type receipt struct { // a department's 签收 of a document issued to it
				ID           uint      `gorm:"primaryKey"`
				DocumentID   uint      `gorm:"not null;uniqueIndex:uk_document_receipt,priority:1"`
				DepartmentID uint      `gorm:"not null;uniqueIndex:uk_document_receipt,priority:2"`
				UserID       uint      `gorm:"not null"`
				Name         string    `gorm:"size:64;not null"`
				SignedAt     time.Time `gorm:"not null"`
			}
			for _, t := range []struct {
				name  string
				shape any
			}{{"notifications", &notification{}}, {"notify_reminders", &reminder{}}, {"notify_settings", &settings{}}, {"notify_mail", &mail{}}, {"assessment_members", &member{}}, {"document_receipts", &receipt{}}} {
				if err := tx.Table(t.name).AutoMigrate(t.shape); err != nil {
					return err
				}
			}
			return nil
		},
	},
}
