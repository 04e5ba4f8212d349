package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// publicationWorkSteps hold a publication worked in the app (issue 24):
// the work from drafting on, its history, the five signed steps of its
// secrecy review, its consultations, and the mark of the department that
// is the secrecy committee office.
var publicationWorkSteps = []*gormigrate.Migration{
	{
		ID: "2026120830_publication_work",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type department struct {
				SecrecyOffice bool `gorm:"not null;default:false"`
			}
			type work struct {
				ID            uint       `gorm:"primaryKey"`
				DepartmentID  uint       `gorm:"not null;index"`
				IndexNo       string     `gorm:"size:64;not null;uniqueIndex"`
				Title         string     `gorm:"size:512;not null"`
				DocNo         string     `gorm:"size:128;not null;default:''"`
				Seq           int        `gorm:"not null"`
				Formed        time.Time  `gorm:"type:date;not null"`
				Attribute     string     `gorm:"size:16;not null"`
				Exemption     string     `gorm:"size:64;not null;default:''"`
				Channels      string     `gorm:"size:256;not null;default:''"`
				ColumnID      uint       `gorm:"not null;default:0"`
				Involved      string     `gorm:"size:512;not null;default:''"`
				Signer        string     `gorm:"size:64;not null;default:''"`
				AttrStatus    string     `gorm:"size:16;not null;default:''"`
				DeferredUntil *time.Time `gorm:"type:date"`
				DeferredBy    string     `gorm:"size:64;not null;default:''"`
				DeferSettled  *time.Time `gorm:"type:date"`
				PublicationID uint       `gorm:"not null;default:0;index"`
				Published     *time.Time `gorm:"type:date"`
				Withdrawn     *time.Time `gorm:"type:date"`
				CreatedBy     string     `gorm:"size:64;not null"`
				CreatedAt     time.Time
				UpdatedAt     time.Time
			}
			type event struct {
				ID       uint      `gorm:"primaryKey"`
				WorkID   uint      `gorm:"not null;index"`
				Kind     string    `gorm:"size:32;not null"`
				Day      time.Time `gorm:"type:date;not null"`
				By       string    `gorm:"size:64;not null"`
				ByDept   uint      `gorm:"not null;default:0"`
				Channel  string    `gorm:"size:32;not null;default:''"`
				URL      string    `gorm:"size:1024;not null;default:''"`
				Note     string    `gorm:"size:2000;not null;default:''"`
				AnswerOf uint      `gorm:"not null;default:0;index"`
				Decision string    `gorm:"size:16;not null;default:''"`
				At       time.Time `gorm:"not null"`
			}
			type step struct {
				ID       uint      `gorm:"primaryKey"`
				WorkID   uint      `gorm:"not null;uniqueIndex:uk_publication_step,priority:1"`
				N        int       `gorm:"not null;uniqueIndex:uk_publication_step,priority:2"`
				UserID   uint      `gorm:"not null"`
				By       string    `gorm:"size:64;not null"`
				Day      time.Time `gorm:"type:date;not null"`
				Opinion  string    `gorm:"size:16;not null"`
				Basis    string    `gorm:"size:1024;not null;default:''"`
				Reason   string    `gorm:"size:2000;not null;default:''"`
				Referred string    `gorm:"size:256;not null;default:''"`
				Answer   string    `gorm:"size:2000;not null;default:''"`
				Redacted string    `gorm:"size:2000;not null;default:''"`
			}
			type consultation struct {
				ID             uint       `gorm:"primaryKey"`
				WorkID         uint       `gorm:"not null;uniqueIndex:uk_publication_consult,priority:1"`
				AskedID        uint       `gorm:"not null;uniqueIndex:uk_publication_consult,priority:2;index"`
				CoordinationID uint       `gorm:"not null"`
				Sent           time.Time  `gorm:"type:date;not null"`
				Letter         string     `gorm:"size:4000;not null"`
				Contact        string     `gorm:"size:128;not null;default:''"`
				Answered       *time.Time `gorm:"type:date"`
				Opinion        string     `gorm:"size:16;not null;default:''"`
				Reason         string     `gorm:"size:2000;not null;default:''"`
				AnsweredBy     string     `gorm:"size:64;not null;default:''"`
				Settled        *time.Time `gorm:"type:date"`
				Decision       string     `gorm:"size:16;not null;default:''"`
				SettleNote     string     `gorm:"size:2000;not null;default:''"`
				SettledBy      string     `gorm:"size:64;not null;default:''"`
			}
			if err := tx.Table("departments").AutoMigrate(&department{}); err != nil {
				return err
			}
			for table, shape := range map[string]any{"publication_works": &work{}, "publication_events": &event{},
				"publication_review_steps": &step{}, "publication_consultations": &consultation{}} {
				if err := tx.Table(table).AutoMigrate(shape); err != nil {
					return err
				}
			}
			return nil
		},
	},
}
