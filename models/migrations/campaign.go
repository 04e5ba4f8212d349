package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// campaignSteps hold the office's campaigns (专项行动, models/campaigns):
// the campaign, its dated phases, its tasks, each responsible unit's part
// of a task with the office's check, and the units' progress reports.
var campaignSteps = []*gormigrate.Migration{
	{
		ID: "2026121000_campaigns",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type campaign struct {
				ID         uint   `gorm:"primaryKey"`
				Title      string `gorm:"size:200;not null"`
				Basis      string `gorm:"type:text"`
				Scope      string `gorm:"size:500"`
				Status     string `gorm:"size:16;not null"`
				Reason     string `gorm:"type:text"`
				CreatedBy  string `gorm:"size:64;not null"`
				CreatedAt  time.Time
				ApprovedBy string `gorm:"size:64"`
				ApprovedAt *time.Time
			}
			type phase struct {
				ID         uint      `gorm:"primaryKey"`
				CampaignID uint      `gorm:"not null;index"`
				Seq        int       `gorm:"not null"`
				Name       string    `gorm:"size:64;not null"`
				Starts     time.Time `gorm:"type:date;not null"`
				Ends       time.Time `gorm:"type:date;not null"`
				Asks       string    `gorm:"type:text"`
				CheckedBy  string    `gorm:"size:64"`
				CheckedAt  *time.Time
				BulletinID uint `gorm:"not null;default:0"`
			}
			type task struct {
				ID               uint      `gorm:"primaryKey"`
				CampaignID       uint      `gorm:"not null;index"`
				PhaseID          uint      `gorm:"not null;index"`
				Seq              int       `gorm:"not null"`
				Category         string    `gorm:"size:64;not null"`
				Content          string    `gorm:"type:text;not null"`
				CatalogSeq       int       `gorm:"not null;default:0"`
				LeadDepartmentID uint      `gorm:"not null;default:0"`
				Due              time.Time `gorm:"type:date;not null"`
			}
			type assignment struct {
				ID            uint   `gorm:"primaryKey"`
				TaskID        uint   `gorm:"not null;uniqueIndex:uk_campaign_assignment,priority:1"`
				DepartmentID  uint   `gorm:"not null;uniqueIndex:uk_campaign_assignment,priority:2;index"`
				Outcome       string `gorm:"size:16;not null;default:''"`
				Finding       string `gorm:"type:text"`
				Rectification string `gorm:"type:text"`
				CheckedAt     *time.Time
			}
			type report struct {
				ID            uint   `gorm:"primaryKey"`
				AssignmentID  uint   `gorm:"not null;index"`
				Note          string `gorm:"type:text;not null"`
				PublicationID uint   `gorm:"not null;default:0"`
				FileName      string `gorm:"size:255"`
				FileMIME      string `gorm:"size:128"`
				FileData      []byte `gorm:"type:longblob"`
				ReportedBy    string `gorm:"size:64;not null"`
				ReportedAt    time.Time
			}
			tables := []struct {
				name  string
				shape any
			}{{"campaigns", &campaign{}}, {"campaign_phases", &phase{}}, {"campaign_tasks", &task{}},
				{"campaign_assignments", &assignment{}}, {"campaign_reports", &report{}}}
			for _, t := range tables {
				if err := tx.Table(t.name).AutoMigrate(t.shape); err != nil {
					return fmt.Errorf("create %s: %w", t.name, err)
				}
			}
			return nil
		},
	},
}
