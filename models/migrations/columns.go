package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// columnSteps hold the website columns (栏目, models/columns) and the
// column a publication names.
var columnSteps = []*gormigrate.Migration{
	{
		ID: "2026120850_columns",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type column struct {
				ID           uint   `gorm:"primaryKey"`
				Name         string `gorm:"size:64;not null;uniqueIndex:uk_column,priority:2"`
				Channel      string `gorm:"size:32;not null;uniqueIndex:uk_column,priority:1"`
				DepartmentID uint   `gorm:"not null;index"`
				Cadence      string `gorm:"size:16;not null"`
				UpdatedAt    time.Time
			}
			type publication struct {
				ColumnID *uint `gorm:"index"`
			}
			if err := tx.Table("publication_columns").AutoMigrate(&column{}); err != nil {
				return err
			}
			return tx.Table("publications").AutoMigrate(&publication{})
		},
	},
}
