package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// requestWorkSteps hold what a request worked in the app records beyond
// the imported ledger: its kind, the applicant's identity, the content and
// the delivery, the exemption ground, and where it is worked.
var requestWorkSteps = []*gormigrate.Migration{
	{
		ID: "2026120801_request_work",
		Migrate: func(tx *gorm.DB) error {
			// The columns as this step made them.
			type request struct {
				Kind             string     `gorm:"size:16;not null;default:''"`
				ApplicantName    string     `gorm:"size:128;not null;default:''"`
				ApplicantIDNo    string     `gorm:"size:32;not null;default:''"`
				ApplicantContact string     `gorm:"size:256;not null;default:''"`
				Content          string     `gorm:"type:text"`
				DeliveryWanted   string     `gorm:"size:32;not null;default:''"`
				Exemption        string     `gorm:"size:32;not null;default:''"`
				Delivered        *time.Time `gorm:"type:date"`
				DeliveryMethod   string     `gorm:"size:32;not null;default:''"`
				Origin           string     `gorm:"size:8;not null;default:''"`
			}
			return tx.Table("requests").AutoMigrate(&request{})
		},
	},
}
