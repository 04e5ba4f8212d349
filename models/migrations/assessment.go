package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// assessmentSteps add the year-end assessment (issue 9, models/assessment).
// Each step creates the tables as they were when it was written: the
// structs below are this step's own and never change.
var assessmentSteps = []*gormigrate.Migration{
	{
		ID: "2026120116_assessment",
		Migrate: func(tx *gorm.DB) error {
			return tx.AutoMigrate(&asmtPlan1{}, &asmtMember1{}, &asmtSelf1{}, &asmtAttachment1{}, &asmtObjection1{},
				&asmtAdjustment1{}, &asmtFinding1{}, &asmtGrade1{}, &asmtCommendation1{}, &asmtEvent1{})
		},
	},
}

type asmtPlan1 struct {
	ID               uint      `gorm:"primaryKey"`
	Year             int       `gorm:"not null;index:idx_assessment_plan_year"`
	FullScope        bool      `gorm:"not null"`
	SchemeVersion    string    `gorm:"size:64;not null"`
	RunID            uint      `gorm:"not null"`
	Catalog          string    `gorm:"type:longtext;not null"`
	AsOf             time.Time `gorm:"type:date;not null"`
	NoticeDate       time.Time `gorm:"type:date;not null"`
	SelfDue          time.Time `gorm:"type:date;not null"`
	ObjectionDue     time.Time `gorm:"type:date;not null"`
	ReviewDate       time.Time `gorm:"type:date;not null"`
	Team             string    `gorm:"type:text"`
	Status           string    `gorm:"size:16;not null"`
	Reason           string    `gorm:"type:text"`
	CreatedBy        string    `gorm:"size:64;not null"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
	ApprovedAt       *time.Time
	GradesApprovedAt *time.Time
	PublishedAt      *time.Time
}

func (asmtPlan1) TableName() string { return "assessment_plans" }

type asmtMember1 struct {
	ID           uint `gorm:"primaryKey"`
	PlanID       uint `gorm:"not null;uniqueIndex:uk_assessment_member,priority:1"`
	DepartmentID uint `gorm:"not null;uniqueIndex:uk_assessment_member,priority:2;index:idx_assessment_member_dept"`
	NoticeReadAt *time.Time
	NoticeReadBy string `gorm:"size:64"`
}

func (asmtMember1) TableName() string { return "assessment_members" }

type asmtSelf1 struct {
	ID           uint      `gorm:"primaryKey"`
	PlanID       uint      `gorm:"not null;uniqueIndex:uk_assessment_self,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_assessment_self,priority:2"`
	Text         string    `gorm:"type:longtext;not null"`
	FiledBy      string    `gorm:"size:64;not null"`
	FiledAt      time.Time `gorm:"not null"`
}

func (asmtSelf1) TableName() string { return "assessment_self_inspections" }

type asmtAttachment1 struct {
	ID           uint      `gorm:"primaryKey"`
	PlanID       uint      `gorm:"not null;index:idx_assessment_attachment_owner,priority:1"`
	DepartmentID uint      `gorm:"not null"`
	Owner        string    `gorm:"size:16;not null;index:idx_assessment_attachment_owner,priority:2"`
	OwnerID      uint      `gorm:"not null;index:idx_assessment_attachment_owner,priority:3"`
	Name         string    `gorm:"size:255;not null"`
	MIME         string    `gorm:"column:mime;size:128;not null"`
	Size         int64     `gorm:"not null"`
	SHA256       string    `gorm:"column:sha256;size:64;not null"`
	Data         []byte    `gorm:"not null"`
	UploadedBy   string    `gorm:"size:64;not null"`
	UploadedAt   time.Time `gorm:"not null"`
}

func (asmtAttachment1) TableName() string { return "assessment_attachments" }

type asmtObjection1 struct {
	ID           uint   `gorm:"primaryKey"`
	PlanID       uint   `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:1"`
	DepartmentID uint   `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:2"`
	Indicator    string `gorm:"size:8;not null;uniqueIndex:uk_assessment_objection,priority:3"`
	Position     int    `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:4"`
	Deduction    string `gorm:"type:text;not null"`
	Points       string `gorm:"size:64;not null"`
	Reason       string `gorm:"type:text;not null"`
	FiledBy      string `gorm:"size:64;not null"`
	FiledAt      time.Time
	Status       string `gorm:"size:16;not null"`
	Answer       string `gorm:"type:text"`
	AnsweredBy   string `gorm:"size:64"`
	AnsweredAt   *time.Time
}

func (asmtObjection1) TableName() string { return "assessment_objections" }

type asmtAdjustment1 struct {
	ID           uint      `gorm:"primaryKey"`
	PlanID       uint      `gorm:"not null;index:idx_assessment_adjustment"`
	DepartmentID uint      `gorm:"not null;index:idx_assessment_adjustment"`
	Indicator    string    `gorm:"size:8;not null"`
	Points       string    `gorm:"size:64;not null"`
	Reason       string    `gorm:"type:text;not null"`
	By           string    `gorm:"column:made_by;size:64;not null"`
	At           time.Time `gorm:"column:made_at;not null"`
}

func (asmtAdjustment1) TableName() string { return "assessment_adjustments" }

type asmtFinding1 struct {
	ID           uint       `gorm:"primaryKey"`
	PlanID       uint       `gorm:"not null;index:idx_assessment_finding"`
	DepartmentID uint       `gorm:"not null;index:idx_assessment_finding"`
	Text         string     `gorm:"type:text;not null"`
	Due          *time.Time `gorm:"type:date"`
	Status       string     `gorm:"size:16;not null"`
	Report       string     `gorm:"type:text"`
	ReportedBy   string     `gorm:"size:64"`
	ReportedAt   *time.Time
	Verification string `gorm:"type:text"`
	ClosedBy     string `gorm:"size:64"`
	ClosedAt     *time.Time
	CreatedBy    string `gorm:"size:64;not null"`
	CreatedAt    time.Time
}

func (asmtFinding1) TableName() string { return "assessment_findings" }

type asmtGrade1 struct {
	ID           uint    `gorm:"primaryKey"`
	PlanID       uint    `gorm:"not null;uniqueIndex:uk_assessment_grade,priority:1"`
	DepartmentID uint    `gorm:"not null;uniqueIndex:uk_assessment_grade,priority:2"`
	Unrated      bool    `gorm:"not null"`
	AutoTotal    string  `gorm:"size:64;not null"`
	Total        string  `gorm:"size:64;not null"`
	Rounded      float64 `gorm:"type:decimal(7,2);not null"`
	Grade        string  `gorm:"size:16;not null"`
	RankNo       int     `gorm:"not null"`
	Veto         bool    `gorm:"not null"`
	CapReason    string  `gorm:"size:16;not null"`
	Ineligible   bool    `gorm:"not null"`
	Criticised   string  `gorm:"size:64;not null"`
}

func (asmtGrade1) TableName() string { return "assessment_grades" }

type asmtCommendation1 struct {
	ID           uint   `gorm:"primaryKey"`
	PlanID       uint   `gorm:"not null;index:idx_assessment_commendation"`
	DepartmentID uint   `gorm:"not null"`
	Person       string `gorm:"size:64;not null"`
	Reason       string `gorm:"type:text;not null"`
	ProposedBy   string `gorm:"size:64;not null"`
	ProposedAt   time.Time
}

func (asmtCommendation1) TableName() string { return "assessment_commendations" }

type asmtEvent1 struct {
	ID     uint      `gorm:"primaryKey"`
	PlanID uint      `gorm:"not null;index:idx_assessment_event"`
	At     time.Time `gorm:"not null"`
	By     string    `gorm:"size:64;not null"`
	Action string    `gorm:"size:32;not null"`
	Note   string    `gorm:"type:text"`
}

func (asmtEvent1) TableName() string { return "assessment_events" }
