package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// monitorSteps hold the monitoring runs between year ends (季度监测, issue
// 25) and each unit's line in them, apart from the score runs: a run never
// writes the year's assessment.
var monitorSteps = []*gormigrate.Migration{
	{
		ID: "2026121100_monitoring",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type monitoringRun struct {
				ID            uint      `gorm:"primaryKey"`
				Year          int       `gorm:"not null;index:idx_monitoring_year,priority:1"`
				Label         string    `gorm:"size:64;not null"`
				AsOf          time.Time `gorm:"type:date;not null"`
				SchemeVersion string    `gorm:"size:64;not null"`
				ComputedAt    time.Time `gorm:"not null;index:idx_monitoring_year,priority:2"`
				ComputedBy    string    `gorm:"size:64;not null"`
				BulletinID    uint      `gorm:"not null;default:0"`
			}
			type monitoringLine struct {
				ID           uint    `gorm:"primaryKey"`
				RunID        uint    `gorm:"not null;uniqueIndex:uk_monitoring_line,priority:1"`
				DepartmentID uint    `gorm:"not null;uniqueIndex:uk_monitoring_line,priority:2;index"`
				Name         string  `gorm:"size:128;not null"`
				Kind         string  `gorm:"size:16;not null"`
				Total        float64 `gorm:"type:decimal(7,2);not null"`
				Rank         int     `gorm:"column:rank_no;not null;default:0"`
				KindRated    int     `gorm:"not null;default:0"`
				Missing      int     `gorm:"not null;default:0"`
				Late         int     `gorm:"not null;default:0"`
				Detail       string  `gorm:"type:longtext;not null"`
			}
			if err := tx.Table("monitoring_runs").AutoMigrate(&monitoringRun{}); err != nil {
				return fmt.Errorf("create monitoring_runs: %w", err)
			}
			if err := tx.Table("monitoring_lines").AutoMigrate(&monitoringLine{}); err != nil {
				return fmt.Errorf("create monitoring_lines: %w", err)
			}
			return nil
		},
	},
}
