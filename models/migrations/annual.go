package migrations

import (
	"fmt"
	"github.com/gongkai/gongkai/models"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// annualSteps add what issue 13's national annual report needs. Each step
// declares the shape it creates, so that later changes to the live models
// do not change what it does.
var annualSteps = []*gormigrate.Migration{
	{
		ID: "2026120115_national_annual_report",
		Migrate: func(tx *gorm.DB) error {
			type request struct {
				Applicant    string     `gorm:"size:16"`
				Result       string     `gorm:"size:64"`
				ReconFiled   *time.Time `gorm:"type:date"`
				ReconOutcome string     `gorm:"size:8"`
				ReconDecided *time.Time `gorm:"type:date"`
				SuitKind     string     `gorm:"size:8"`
				SuitFiled    *time.Time `gorm:"type:date"`
				SuitOutcome  string     `gorm:"size:8"`
				SuitDecided  *time.Time `gorm:"type:date"`
			}
			type annualFigures struct {
				ID           uint   `gorm:"primaryKey"`
				DepartmentID uint   `gorm:"not null;uniqueIndex:uk_annual_figures,priority:1"`
				Year         int    `gorm:"not null;uniqueIndex:uk_annual_figures,priority:2"`
				Figures      string `gorm:"type:text"`
				UpdatedAt    time.Time
			}
			type channel struct {
				ID        uint   `gorm:"primaryKey"`
				Kind      string `gorm:"size:16;not null;uniqueIndex:uk_channel,priority:1"`
				Name      string `gorm:"size:32;not null;uniqueIndex:uk_channel,priority:2"`
				CreatedAt time.Time
			}
			type requestCategory struct {
				ID        uint      `gorm:"primaryKey"`
				RequestID uint      `gorm:"not null;uniqueIndex:uk_request_category"`
				Applicant string    `gorm:"size:16"`
				Result    string    `gorm:"size:64"`
				UpdatedBy string    `gorm:"size:64;not null"`
				UpdatedAt time.Time `gorm:"not null"`
			}
			type annualFinal struct {
				ID           uint      `gorm:"primaryKey"`
				Year         int       `gorm:"not null;uniqueIndex:uk_annual_final,priority:1"`
				DepartmentID uint      `gorm:"not null;uniqueIndex:uk_annual_final,priority:2"`
				FinalBy      string    `gorm:"size:64;not null"`
				FinalAt      time.Time `gorm:"not null"`
			}
			for _, t := range []struct {
				name  string
				shape any
			}{
				{"requests", &request{}}, {"annual_figures", &annualFigures{}},
				{"channels", &channel{}}, {"request_categories", &requestCategory{}}, {"annual_finals", &annualFinal{}},
			} {
				if err := tx.Table(t.name).AutoMigrate(t.shape); err != nil {
					return fmt.Errorf("%s: %w", t.name, err)
				}
			}
			// The one outcome column (复议诉讼结果) did not say which
			// proceeding it was; Annex 2 §5 counts it as reconsideration, so
			// it becomes the request's reconsideration, 被依法纠错 read as 纠正.
			if tx.Migrator().HasColumn("requests", "outcome") {
				err := tx.Exec("UPDATE requests SET recon_outcome = CASE WHEN outcome = ? THEN ? ELSE outcome END, recon_decided = outcome_date WHERE outcome <> ''",
					models.LegacyCorrected, models.OutcomeCorrected).Error
				if err != nil {
					return fmt.Errorf("move request outcomes: %w", err)
				}
				for _, col := range []string{"outcome", "outcome_date"} {
					if err := tx.Exec("ALTER TABLE requests DROP COLUMN " + col).Error; err != nil {
						return fmt.Errorf("drop requests.%s: %w", col, err)
					}
				}
			}
			now := time.Now().UTC()
			for _, list := range []struct {
				use   string
				names []string
			}{{models.ChannelPublication, models.DefaultPublicationChannels}, {models.ChannelRequest, models.DefaultRequestChannels}} {
				use := list.use
				for _, n := range list.names {
					row := channel{Kind: use, Name: n, CreatedAt: now}
					if err := tx.Table("channels").Where("kind = ? AND name = ?", use, n).FirstOrCreate(&row).Error; err != nil {
						return fmt.Errorf("seed channels: %w", err)
					}
				}
			}
			return nil
		},
	},
}
