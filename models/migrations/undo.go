package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// undoSteps let a large SQLite import write its new rows in chunks, each
// committed on its own so that signing in and other small writes get
// through between them (issue 11): import_undo remembers which rows each
// chunk added until the import's last transaction settles them, so that a
// failed, cancelled or interrupted import takes them out again. A job's
// page says when its rows are being written.
var undoSteps = []*gormigrate.Migration{
	{
		ID: "2026120701_import_undo",
		Migrate: func(tx *gorm.DB) error {
			// The table as this step made it.
			type importUndo struct {
				ID        uint   `gorm:"primaryKey"`
				RunID     uint   `gorm:"not null;index"`
				TableName string `gorm:"size:64;not null"`
				FirstID   int64  `gorm:"not null"`
				LastID    int64  `gorm:"not null"`
			}
			if err := tx.Table("import_undo").AutoMigrate(&importUndo{}); err != nil {
				return err
			}
			type importJob struct {
				Writing bool `gorm:"not null;default:false"`
			}
			return tx.Table("import_jobs").AutoMigrate(&importJob{})
		},
	},
}
