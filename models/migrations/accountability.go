package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// accountabilitySteps add the discipline office's workspace (issue 10):
// cases, persons, evidence, notes, attachments, statements, sanctions,
// appeals and the proposals dealt with. Paper decisions imported before
// become cases in state "decided", so there is one list; the import writes
// to the cases from then on.
var accountabilitySteps = []*gormigrate.Migration{
	{
		ID: "2026120201_accountability_cases",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&acCase{}, &acPerson{}, &acCasePerson{}, &acSanction{}, &acEvidence{},
				&acNote{}, &acAttachment{}, &acAppeal{}, &acDisposition{}); err != nil {
				return fmt.Errorf("create accountability tables: %w", err)
			}
			if !tx.Migrator().HasTable("accountability_decisions") {
				return nil
			}
			err := tx.Exec("INSERT INTO accountability_cases (case_no, department_id, decided, sanctions, persons, `trigger`, summary, status, origin, updated_at) " +
				"SELECT case_no, department_id, decided, sanctions, COALESCE(persons, ''), COALESCE(`trigger`, ''), summary, 'decided', 'import', updated_at FROM accountability_decisions").Error
			if err != nil {
				return fmt.Errorf("move imported decisions to cases: %w", err)
			}
			return tx.Migrator().DropTable("accountability_decisions")
		},
	},
}

// The shapes step 2026120201 creates. Columns an import does not write have
// defaults, so a paper decision loads as a decided case.
type acCase struct {
	ID            uint       `gorm:"primaryKey"`
	CaseNo        string     `gorm:"size:64;not null;uniqueIndex:uk_accountability_case_no"`
	Year          int        `gorm:"not null;default:0;index:idx_accountability_case_year"`
	Seq           int        `gorm:"not null;default:0"`
	DepartmentID  uint       `gorm:"not null;index:idx_accountability_case_dept"`
	Status        string     `gorm:"size:16;not null;default:decided"`
	Origin        string     `gorm:"size:16;not null;default:import"`
	TriggerKind   int        `gorm:"not null;default:0"`
	Trigger       string     `gorm:"size:256;not null;default:''"`
	Persons       string     `gorm:"size:256;not null;default:''"`
	Summary       string     `gorm:"type:text"`
	ActReviewed   bool       `gorm:"not null;default:false"`
	ActApproved   bool       `gorm:"not null;default:false"`
	ActInstructed bool       `gorm:"not null;default:false"`
	ActObjected   bool       `gorm:"not null;default:false"`
	ActCollective bool       `gorm:"not null;default:false"`
	Severity      int        `gorm:"not null;default:0"`
	Decided       *time.Time `gorm:"type:date;index:idx_accountability_case_decided"`
	Sanctions     string     `gorm:"size:256;not null;default:''"`
	Decision      string     `gorm:"type:text"`
	NoticeNo      string     `gorm:"size:64;not null;default:''"`
	NoticeSeq     int        `gorm:"not null;default:0"`
	NoticeDate    *time.Time `gorm:"type:date"`
	ProposalKey   string     `gorm:"size:128;not null;default:''"`
	OpenedBy      string     `gorm:"size:64;not null;default:''"`
	OpenedAt      *time.Time
	DecidedAt     *time.Time
	RevokedAt     *time.Time
	UpdatedAt     time.Time
}

func (acCase) TableName() string { return "accountability_cases" }

type acPerson struct {
	ID           uint   `gorm:"primaryKey"`
	Name         string `gorm:"size:64;not null;index:idx_accountability_person_name"`
	PoliceNo     string `gorm:"size:32;not null;uniqueIndex:uk_accountability_police_no"`
	DepartmentID uint   `gorm:"not null"`
	Post         string `gorm:"size:16;not null"`
	CreatedAt    time.Time
}

func (acPerson) TableName() string { return "accountability_persons" }

type acCasePerson struct {
	ID             uint       `gorm:"primaryKey"`
	CaseID         uint       `gorm:"not null;uniqueIndex:uk_accountability_case_person,priority:1"`
	PersonID       uint       `gorm:"not null;uniqueIndex:uk_accountability_case_person,priority:2;index:idx_accountability_cp_person"`
	Override       string     `gorm:"size:16;not null;default:''"`
	OverrideReason string     `gorm:"type:text"`
	Statement      string     `gorm:"size:16;not null;default:''"`
	StatementText  string     `gorm:"type:text"`
	StatementDate  *time.Time `gorm:"type:date"`
	StatementBy    string     `gorm:"size:64;not null;default:''"`
}

func (acCasePerson) TableName() string { return "accountability_case_persons" }

type acSanction struct {
	ID        uint       `gorm:"primaryKey"`
	CaseID    uint       `gorm:"not null;index:idx_accountability_sanction_case"`
	PersonID  uint       `gorm:"not null;default:0"`
	Name      string     `gorm:"size:32;not null"`
	Due       *time.Time `gorm:"type:date"`
	Completed *time.Time `gorm:"type:date"`
}

func (acSanction) TableName() string { return "accountability_sanctions" }

type acEvidence struct {
	ID     uint   `gorm:"primaryKey"`
	CaseID uint   `gorm:"not null;index:idx_accountability_evidence_case"`
	Kind   string `gorm:"size:32;not null"`
	RefID  uint   `gorm:"not null;default:0"`
	Label  string `gorm:"size:512;not null"`
}

func (acEvidence) TableName() string { return "accountability_evidence" }

type acNote struct {
	ID     uint      `gorm:"primaryKey"`
	CaseID uint      `gorm:"not null;index:idx_accountability_note_case"`
	Text   string    `gorm:"type:text;not null"`
	By     string    `gorm:"size:64;not null"`
	At     time.Time `gorm:"not null"`
}

func (acNote) TableName() string { return "accountability_notes" }

type acAttachment struct {
	ID         uint      `gorm:"primaryKey"`
	CaseID     uint      `gorm:"not null;index:idx_accountability_attachment_case"`
	Name       string    `gorm:"size:255;not null"`
	MIME       string    `gorm:"column:mime;size:128;not null"`
	Size       int64     `gorm:"not null"`
	SHA256     string    `gorm:"column:sha256;size:64;not null"`
	Data       []byte    `gorm:"not null"`
	UploadedBy string    `gorm:"size:64;not null"`
	UploadedAt time.Time `gorm:"not null"`
}

func (acAttachment) TableName() string { return "accountability_attachments" }

type acAppeal struct {
	ID            uint       `gorm:"primaryKey"`
	CaseID        uint       `gorm:"not null;index:idx_accountability_appeal_case"`
	Kind          string     `gorm:"size:8;not null"`
	Filed         time.Time  `gorm:"type:date;not null"`
	Appellant     string     `gorm:"size:128;not null"`
	Grounds       string     `gorm:"type:text"`
	FiledBy       string     `gorm:"size:64;not null"`
	Outcome       string     `gorm:"size:8;not null;default:''"`
	OutcomeDate   *time.Time `gorm:"type:date"`
	OutcomeReason string     `gorm:"type:text"`
	OutcomeBy     string     `gorm:"size:64;not null;default:''"`
}

func (acAppeal) TableName() string { return "accountability_appeals" }

type acDisposition struct {
	ID     uint      `gorm:"primaryKey"`
	Key    string    `gorm:"column:proposal_key;size:128;not null;uniqueIndex:uk_accountability_disposition"`
	Action string    `gorm:"size:16;not null"` // accepted, dismissed
	Reason string    `gorm:"type:text"`
	CaseID uint      `gorm:"not null;default:0"`
	By     string    `gorm:"size:64;not null"`
	At     time.Time `gorm:"not null"`
}

func (acDisposition) TableName() string { return "accountability_proposals_handled" }
