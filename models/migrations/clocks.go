package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// clockSteps add what issue 14 needs: secrecy reviews, coordinations, press
// conferences and decisions on disclosure flags; a publication's reason for
// 不予公开; a request's forwarded date, fee basis and waiver. Each step
// declares its own table shapes, so a later change to the models never
// changes what a released step did.
var clockSteps = []*gormigrate.Migration{
	{
		ID: "2026120114_clocks",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&secrecyReviewV1{}, &coordinationV1{}, &pressConferenceV1{}, &disclosureFlagV1{}); err != nil {
				return err
			}
			// A database created by the first step from today's models has
			// these columns already.
			for _, c := range []struct {
				model any
				field string
			}{
				{&publicationAttributeV1{}, "AttributeReason"},
				{&requestForwardingV1{}, "Forwarded"},
				{&requestForwardingV1{}, "FeeBasis"},
				{&requestForwardingV1{}, "FeeWaived"},
			} {
				if tx.Migrator().HasColumn(c.model, c.field) {
					continue
				}
				if err := tx.Migrator().AddColumn(c.model, c.field); err != nil {
					return err
				}
			}
			return nil
		},
	},
}

type secrecyReviewV1 struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_secrecy_review,priority:1"`
	ReviewNo     string     `gorm:"size:64;not null;uniqueIndex:uk_secrecy_review,priority:2"`
	IndexNo      string     `gorm:"size:64;not null;index"`
	Title        string     `gorm:"size:512;not null"`
	Requested    time.Time  `gorm:"type:date;not null;index"`
	UnitBy       string     `gorm:"size:64"`
	UnitDate     *time.Time `gorm:"type:date"`
	HeadBy       string     `gorm:"size:64"`
	HeadDate     *time.Time `gorm:"type:date"`
	LeaderBy     string     `gorm:"size:64"`
	LeaderDate   *time.Time `gorm:"type:date"`
	SecrecyBy    string     `gorm:"size:64"`
	SecrecyDate  *time.Time `gorm:"type:date"`
	ApproverBy   string     `gorm:"size:64"`
	ApproverDate *time.Time `gorm:"type:date"`
	Opinion      string     `gorm:"size:16"`
	Basis        string     `gorm:"size:1024"`
	Decided      *time.Time `gorm:"type:date"`
	UpdatedAt    time.Time
}

func (secrecyReviewV1) TableName() string { return "secrecy_reviews" }

type coordinationV1 struct {
	ID             uint       `gorm:"primaryKey"`
	DepartmentID   uint       `gorm:"not null;uniqueIndex:uk_coordination,priority:1"`
	CoordinationNo string     `gorm:"size:64;not null;uniqueIndex:uk_coordination,priority:2"`
	IndexNo        string     `gorm:"size:64;not null;index"`
	Subject        string     `gorm:"size:512;not null"`
	AskedID        uint       `gorm:"not null;index"`
	Sent           time.Time  `gorm:"type:date;not null;index"`
	Replied        *time.Time `gorm:"type:date"`
	Opinion        string     `gorm:"size:16"`
	Note           string     `gorm:"size:1024"`
	UpdatedAt      time.Time
}

func (coordinationV1) TableName() string { return "coordinations" }

type pressConferenceV1 struct {
	ID                uint      `gorm:"primaryKey"`
	DepartmentID      uint      `gorm:"not null;uniqueIndex:uk_press,priority:1"`
	Held              time.Time `gorm:"type:date;not null;uniqueIndex:uk_press,priority:2"`
	Topic             string    `gorm:"size:191;not null;uniqueIndex:uk_press,priority:3"`
	PrincipalAttended bool      `gorm:"not null"`
	UpdatedAt         time.Time
}

func (pressConferenceV1) TableName() string { return "press_conferences" }

type disclosureFlagV1 struct {
	ID            uint      `gorm:"primaryKey"`
	PublicationID uint      `gorm:"not null;uniqueIndex"`
	Decision      string    `gorm:"size:16;not null"`
	Note          string    `gorm:"size:1024"`
	UserID        uint      `gorm:"not null"`
	DecidedAt     time.Time `gorm:"not null"`
	IncidentID    uint      `gorm:"not null;default:0"`
}

func (disclosureFlagV1) TableName() string { return "disclosure_flags" }

type publicationAttributeV1 struct {
	AttributeReason string `gorm:"size:512"`
}

func (publicationAttributeV1) TableName() string { return "publications" }

type requestForwardingV1 struct {
	Forwarded *time.Time `gorm:"type:date"`
	FeeBasis  string     `gorm:"size:256"`
	FeeWaived bool       `gorm:"not null;default:false"`
}

func (requestForwardingV1) TableName() string { return "requests" }
