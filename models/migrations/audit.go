package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models/frozen"
)

// auditSteps widen the audit log's before and after to LONGTEXT: the entry
// of a province's score run lists every department's grade, more than
// MySQL's TEXT holds. SQLite's TEXT has no such limit.
var auditSteps = []*gormigrate.Migration{
	{
		ID: "2026112205_audit_longtext",
		Migrate: func(tx *gorm.DB) error {
			if tx.Dialector.Name() != "mysql" {
				return nil
			}
			for _, col := range []string{"Before", "After"} {
				if err := tx.Migrator().AlterColumn(&frozen.AuditEntry{}, col); err != nil {
					return err
				}
			}
			return nil
		},
	},
}

// auditDepartmentSteps give each audit entry the department it is about,
// so that the log filters by department on every entry, not only on those
// whose change names it (issue 12). Entries written before keep 0: their
// hashes were taken without it.
var auditDepartmentSteps = []*gormigrate.Migration{
	{
		ID: "2026120702_audit_department",
		Migrate: func(tx *gorm.DB) error {
			// The column as this step made it.
			type auditEntry struct {
				DepartmentID uint `gorm:"not null;default:0;index"`
			}
			return tx.Table("audit_entries").AutoMigrate(&auditEntry{})
		},
	},
}
