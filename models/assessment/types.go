package assessment

import (
	"math/big"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// Plan is an assessment plan (考核方案) and, once approved, the assessment
// it governs. It keeps the scheme version, the score run and the catalog as
// it stood when the plan was made, so that later imports, recomputations
// and catalog edits leave the assessment alone.
type Plan struct {
	ID               uint      `gorm:"primaryKey"`
	Year             int       `gorm:"not null;index:idx_assessment_plan_year"`
	FullScope        bool      `gorm:"not null"` // 全面考核; false: 重点考核 of the listed departments
	SchemeVersion    string    `gorm:"size:64;not null"`
	RunID            uint      `gorm:"not null"`
	Catalog          string    `gorm:"type:longtext;not null"` // JSON snapshot of the responsibility table
	AsOf             time.Time `gorm:"type:date;not null"`
	NoticeDate       time.Time `gorm:"type:date;not null"`
	SelfDue          time.Time `gorm:"type:date;not null"`
	ObjectionDue     time.Time `gorm:"type:date;not null"`
	ReviewDate       time.Time `gorm:"type:date;not null"`
	Team             string    `gorm:"type:text"`
	Status           Status    `gorm:"size:16;not null"`
	Reason           string    `gorm:"type:text"` // the last reason given: sent back, re-opening
	EarlyReason      string    `gorm:"type:text"` // why the grades were proposed before the windows closed; "" when they were not
	CreatedBy        string    `gorm:"size:64;not null"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
	ApprovedAt       *time.Time // plan approved by the leading group
	GradesApprovedAt *time.Time // grades approved and frozen
	PublishedAt      *time.Time // results notice published
}

// TableName names the table.
func (Plan) TableName() string { return "assessment_plans" }

// Dates returns the plan's dates.
func (p *Plan) Dates() Dates {
	return Dates{AsOf: scoring.DateOf(p.AsOf), Notice: scoring.DateOf(p.NoticeDate), SelfDue: scoring.DateOf(p.SelfDue),
		ObjectionDue: scoring.DateOf(p.ObjectionDue), Review: scoring.DateOf(p.ReviewDate)}
}

// Member is an assessed department of a plan, and when its head signed for
// the notice (签收).
type Member struct {
	ID           uint       `gorm:"primaryKey"`
	PlanID       uint       `gorm:"not null;uniqueIndex:uk_assessment_member,priority:1"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_assessment_member,priority:2;index:idx_assessment_member_dept"`
	NoticeReadAt *time.Time // first read: the head signed for it
	NoticeReadBy string     `gorm:"size:64"`
	RemindedAt   *time.Time // the office's last reminder (催办) to sign
	RemindedBy   string     `gorm:"size:64"`

	// NoticeReadByID is the account that signed (签收), beside its name
	// (NoticeReadBy); nil for a receipt before issue 26.
	NoticeReadByID *uint
}

// TableName names the table.
func (Member) TableName() string { return "assessment_members" }

// SelfInspection is a department's written self-inspection (自查书面材料).
type SelfInspection struct {
	ID           uint      `gorm:"primaryKey"`
	PlanID       uint      `gorm:"not null;uniqueIndex:uk_assessment_self,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_assessment_self,priority:2"`
	Text         string    `gorm:"type:longtext;not null"`
	FiledBy      string    `gorm:"size:64;not null"`
	FiledAt      time.Time `gorm:"not null"`
}

// TableName names the table.
func (SelfInspection) TableName() string { return "assessment_self_inspections" }

// Owners of attachments.
const (
	OwnerSelf      = "self"      // a self-inspection
	OwnerObjection = "objection" // an objection's evidence
	OwnerFinding   = "finding"   // a rectification's evidence
)

// Attachment is a file filed with a self-inspection, an objection or a
// rectification report. It is stored in the database, so every instance of
// the app serves it.
type Attachment struct {
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

// TableName names the table.
func (Attachment) TableName() string { return "assessment_attachments" }

// Objection states.
const (
	ObjectionOpen     = "open"
	ObjectionAccepted = "accepted"
	ObjectionRejected = "rejected"
)

// Objection is a department's objection (异议) to one deduction of the
// plan's score run, and the office's answer.
type Objection struct {
	ID           uint   `gorm:"primaryKey"`
	PlanID       uint   `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:1"`
	DepartmentID uint   `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:2"`
	Indicator    string `gorm:"size:8;not null;uniqueIndex:uk_assessment_objection,priority:3"`
	Position     int    `gorm:"not null;uniqueIndex:uk_assessment_objection,priority:4"` // index in the indicator's deductions
	Deduction    string `gorm:"type:text;not null"`                                      // the deduction as the department saw it
	Points       string `gorm:"size:64;not null"`                                        // exact points it took
	Reason       string `gorm:"type:text;not null"`
	FiledBy      string `gorm:"size:64;not null"`
	FiledAt      time.Time
	Status       string `gorm:"size:16;not null"`
	Answer       string `gorm:"type:text"`
	AnsweredBy   string `gorm:"size:64"`
	AnsweredAt   *time.Time
}

// TableName names the table.
func (Objection) TableName() string { return "assessment_objections" }

// PointsRat returns the points contested.
func (o Objection) PointsRat() *big.Rat { return ratOf(o.Points) }

// Adjustment is the office's change by hand to an indicator, with its reason.
type Adjustment struct {
	ID           uint      `gorm:"primaryKey"`
	PlanID       uint      `gorm:"not null;index:idx_assessment_adjustment"`
	DepartmentID uint      `gorm:"not null;index:idx_assessment_adjustment"`
	Indicator    string    `gorm:"size:8;not null"`
	Points       string    `gorm:"size:64;not null"` // exact, may be negative
	Reason       string    `gorm:"type:text;not null"`
	By           string    `gorm:"column:made_by;size:64;not null"`
	At           time.Time `gorm:"column:made_at;not null"`
}

// TableName names the table.
func (Adjustment) TableName() string { return "assessment_adjustments" }

// PointsRat returns the points added (negative: taken).
func (a Adjustment) PointsRat() *big.Rat { return ratOf(a.Points) }

// Finding states.
const (
	FindingNoted    = "noted"    // recorded, no rectification asked
	FindingOpen     = "open"     // rectification due
	FindingReported = "reported" // the head reports it done
	FindingClosed   = "closed"   // the office verified and closed it
)

// Finding is a problem the team found on site (问题), and its
// rectification (整改) if one is required.
type Finding struct {
	ID           uint       `gorm:"primaryKey"`
	PlanID       uint       `gorm:"not null;index:idx_assessment_finding"`
	DepartmentID uint       `gorm:"not null;index:idx_assessment_finding"`
	Text         string     `gorm:"type:text;not null"`
	Due          *time.Time `gorm:"type:date"` // rectification due; nil: none required
	Status       string     `gorm:"size:16;not null"`
	Report       string     `gorm:"type:text"`
	ReportedBy   string     `gorm:"size:64"`
	ReportedAt   *time.Time
	Verification string `gorm:"type:text"`
	ClosedBy     string `gorm:"size:64"`
	ClosedAt     *time.Time
	CreatedBy    string `gorm:"size:64;not null"`
	CreatedAt    time.Time
	No           int `gorm:"-"` // its number within its plan and department (问题1, 问题2 …): FindingNumbers
}

// TableName names the table.
func (Finding) TableName() string { return "assessment_findings" }

// Overdue reports whether a rectification is past its due date on today.
func (f Finding) Overdue(today scoring.Date) bool {
	return f.Due != nil && (f.Status == FindingOpen) && today > scoring.DateOf(*f.Due)
}

// Grade is a department's preliminary, then approved, grade in a plan,
// from its adjusted total. Once the plan's grades are approved it is never
// recomputed.
type Grade struct {
	ID           uint    `gorm:"primaryKey"`
	PlanID       uint    `gorm:"not null;uniqueIndex:uk_assessment_grade,priority:1"`
	DepartmentID uint    `gorm:"not null;uniqueIndex:uk_assessment_grade,priority:2"`
	Unrated      bool    `gorm:"not null"`
	AutoTotal    string  `gorm:"size:64;not null"` // exact automatic total
	Total        string  `gorm:"size:64;not null"` // exact adjusted total
	Rounded      float64 `gorm:"type:decimal(7,2);not null"`
	Grade        string  `gorm:"size:16;not null"`
	Rank         int     `gorm:"column:rank_no;not null"`
	Veto         bool    `gorm:"not null"`
	CapReason    string  `gorm:"size:16;not null"`
	// Ineligible: an accountability decision of the year took the unit's
	// eligibility for 优秀 and awards, whether or not its total reached 优秀.
	Ineligible bool   `gorm:"not null"`
	Criticised string `gorm:"size:64;not null"` // Criticism reasons, 、-separated
}

// TableName names the table.
func (Grade) TableName() string { return "assessment_grades" }

// Commendation is a unit or a named person the office proposes for
// commendation (表彰) in the results notice.
type Commendation struct {
	ID           uint   `gorm:"primaryKey"`
	PlanID       uint   `gorm:"not null;index:idx_assessment_commendation"`
	DepartmentID uint   `gorm:"not null"`
	Person       string `gorm:"size:64;not null"` // empty: the unit itself
	Reason       string `gorm:"type:text;not null"`
	ProposedBy   string `gorm:"size:64;not null"`
	ProposedAt   time.Time
	// Withdrawn when the grades, approved again after a re-opening, no
	// longer hold the unit's commendation up (results_issue.go).
	WithdrawnAt     *time.Time
	WithdrawnReason string
}

// TableName names the table.
func (Commendation) TableName() string { return "assessment_commendations" }

// Event is one step of an assessment, for its timeline; the audit log has
// the same change with its before and after.
type Event struct {
	ID     uint      `gorm:"primaryKey"`
	PlanID uint      `gorm:"not null;index:idx_assessment_event"`
	At     time.Time `gorm:"not null"`
	By     string    `gorm:"size:64;not null"`
	Action string    `gorm:"size:32;not null"`
	Note   string    `gorm:"type:text"`
}

// TableName names the table.
func (Event) TableName() string { return "assessment_events" }

func ratOf(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return new(big.Rat)
	}
	return r
}
