package accountability

import (
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// Origins of a case.
const (
	FromApp    = "app"    // opened in the workspace
	FromImport = "import" // a paper decision loaded by the accountability import
)

// Case is an accountability case (责任追究案件) about one department. A
// paper decision imported from a spreadsheet is a case too, decided, with
// its persons and sanctions as text.
type Case struct {
	ID            uint
	CaseNo        string // 案号, numbered per year: 纪公开〔2026〕3号
	Year          int    // the year the case was opened; 0 for an imported one
	Seq           int
	DepartmentID  uint
	Status        Status
	Origin        string
	TriggerKind   int    // art. 5 situation, 0 for an imported one
	Trigger       string // its label, or the description of 其他
	Persons       string // the persons named by an imported decision
	Summary       string
	ActReviewed   bool
	ActApproved   bool
	ActInstructed bool
	ActObjected   bool
	ActCollective bool
	Severity      Severity
	Decided       *time.Time // the date of the decision
	Sanctions     string     // the department's sanctions, 、-separated: what scoring reads
	Decision      string     // the decision's reasons
	NoticeNo      string     // 书面通知 number
	NoticeSeq     int
	NoticeDate    *time.Time
	ProposalKey   string
	OpenedBy      string
	OpenedAt      *time.Time
	DecidedAt     *time.Time // when the decision was recorded
	RevokedAt     *time.Time // when it was revoked on appeal
	UpdatedAt     time.Time
}

// TableName names the table.
func (Case) TableName() string { return "accountability_cases" }

// Act is how the case's act was taken.
func (c *Case) Act() Act {
	return Act{Reviewed: c.ActReviewed, Approved: c.ActApproved, Instructed: c.ActInstructed, Objected: c.ActObjected, Collective: c.ActCollective}
}

// DecisionYear is the year of the decision, the year whose grade it caps.
func (c *Case) DecisionYear() int {
	if c.Decided == nil {
		return 0
	}
	return c.Decided.Year()
}

// AppealDeadline is the last day of the appeal window, zero before the notice.
func (c *Case) AppealDeadline() scoring.Date {
	if c.NoticeDate == nil {
		return 0
	}
	return AppealDeadline(scoring.DateOf(*c.NoticeDate))
}

// Person is someone concerned by cases, recorded once and reused.
type Person struct {
	ID           uint
	Name         string
	PoliceNo     string // 警号
	DepartmentID uint   // unit
	Post         Post
	CreatedAt    time.Time
}

// TableName names the table.
func (Person) TableName() string { return "accountability_persons" }

// CasePerson is a person concerned by a case: the allocation override and
// their statement and defence (陈述和申辩) or refusal.
type CasePerson struct {
	ID             uint
	CaseID         uint
	PersonID       uint
	Override       Share // empty: the derived share stands
	OverrideReason string
	Statement      string // stated, refused, or empty
	StatementText  string
	StatementDate  *time.Time
	StatementBy    string
}

// TableName names the table.
func (CasePerson) TableName() string { return "accountability_case_persons" }

// Statement kinds.
const (
	Stated  = "stated"  // made a statement and defence
	Refused = "refused" // refused to make one, recorded
)

// SanctionRow is one sanction imposed by a decision, on a person or (PersonID
// 0) on the department, with its time limit where it has one.
type SanctionRow struct {
	ID        uint
	CaseID    uint
	PersonID  uint
	Name      string
	Due       *time.Time
	Completed *time.Time // verified done by the discipline office
	// The department's report that it was done, waiting for verification.
	Reported   *time.Time
	ReportText string
	ReportedBy string
}

// TableName names the table.
func (SanctionRow) TableName() string { return "accountability_sanctions" }

// Evidence is a link from a case to what prompted it.
type Evidence struct {
	ID     uint
	CaseID uint
	Kind   string // grade, deduction, publication, request, complaint, incident, item, finding
	RefID  uint
	Label  string
}

// TableName names the table.
func (Evidence) TableName() string { return "accountability_evidence" }

// Note is an investigation note (调查记录): the discipline office's and
// auditors' only.
type Note struct {
	ID     uint
	CaseID uint
	Text   string
	By     string
	At     time.Time
}

// TableName names the table.
func (Note) TableName() string { return "accountability_notes" }

// Attachment is a file of evidence, stored in the database.
type Attachment struct {
	ID         uint
	CaseID     uint
	Name       string
	MIME       string `gorm:"column:mime"`
	Size       int64
	SHA256     string `gorm:"column:sha256"`
	Data       []byte
	UploadedBy string
	UploadedAt time.Time
	AppealID   uint // a file the department attached to its appeal
	SanctionID uint // a file the department attached to its report of a rectification done
}

// TableName names the table.
func (Attachment) TableName() string { return "accountability_attachments" }

// AppealRow is an appeal for review (复核) or a complaint (申诉) and its outcome.
type AppealRow struct {
	ID            uint
	CaseID        uint
	Kind          string
	Filed         time.Time
	Appellant     string
	Grounds       string
	FiledBy       string
	Outcome       string
	OutcomeDate   *time.Time
	OutcomeReason string
	OutcomeBy     string
}

// TableName names the table.
func (AppealRow) TableName() string { return "accountability_appeals" }

// disposition records a proposal accepted or dismissed, so that it is never
// proposed again.
type disposition struct {
	ID     uint
	Key    string `gorm:"column:proposal_key"`
	Action string
	Reason string
	CaseID uint
	By     string
	At     time.Time
}

func (disposition) TableName() string { return "accountability_proposals_handled" }
