package frozen

import "time"

// The tables as step 2026112201_initial creates them. Never edit: a change of shape is a new step.

// Department is a unit that the catalog obligates: a city-bureau department
// (支队, 处, 室), a county sub-bureau (分县局) or a police station (派出所).
// The liaison fields are Annex 3's 联络表.
type Department struct {
	ID       uint   `gorm:"primaryKey"`
	Code     string `gorm:"size:64;not null;uniqueIndex"`
	Name     string `gorm:"size:128;not null;uniqueIndex"`
	Kind     string `gorm:"size:16;not null"`
	ParentID *uint  `gorm:"index"`
	Parent   *Department
	Head     string  `gorm:"size:64"` // 负责人
	Leader   string  `gorm:"size:64"` // 分管领导
	Liaison  string  `gorm:"size:64"` // 具体责任人员
	Phone    string  `gorm:"size:32"` // 联系电话
	Mobile   string  `gorm:"size:32"` // 手机号码
	Groups   []Group `gorm:"many2many:group_members;constraint:OnDelete:CASCADE"`

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Group is a name in the catalog that stands for a set of departments
// (各分县局, 市局各部门, 相关警种部门 ...).
type Group struct {
	ID      uint         `gorm:"primaryKey"`
	Name    string       `gorm:"size:128;not null;uniqueIndex"`
	Note    string       `gorm:"size:512"`
	Members []Department `gorm:"many2many:group_members;constraint:OnDelete:CASCADE"`

	CreatedAt time.Time
	UpdatedAt time.Time
}

// User is a person who signs in.
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;not null;uniqueIndex"`
	Name         string `gorm:"size:64;not null"`
	Role         string `gorm:"size:16;not null"`
	DepartmentID *uint  `gorm:"index"` // RoleHead only
	Department   *Department
	PasswordHash string `gorm:"size:100;not null" json:"-"`
	Disabled     bool   `gorm:"not null;default:false"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session is a stored web session. SessionStore implements fiber.Storage on
// it, so sessions survive a restart and several instances can share them.
type Session struct {
	Key       string    `gorm:"primaryKey;size:191"`
	Data      []byte    `gorm:"not null"`
	ExpiresAt time.Time `gorm:"index"` // zero: never
}

// LoginFailure counts failed sign-ins for one key. It lives in the
// database so that every instance enforces the same counts: an instance
// keeps no state of its own.
type LoginFailure struct {
	Key    string    `gorm:"primaryKey;size:191"`
	Count  int       `gorm:"not null"`
	LastAt time.Time `gorm:"not null"`
}

// AuditEntry is one change to data: who, when, what, before and after.
// Entries are written in the same transaction as the change they describe,
// so a change without its entry cannot be committed.
type AuditEntry struct {
	ID       uint      `gorm:"primaryKey"`
	At       time.Time `gorm:"not null;index"`
	UserID   uint      `gorm:"index"` // 0: the system (start-up, CLI)
	UserName string    `gorm:"size:64;not null"`
	Action   string    `gorm:"size:32;not null"` // create, update, delete, import, sign-in ...
	Entity   string    `gorm:"size:64;not null;index:idx_audit_entity"`
	EntityID string    `gorm:"size:64;index:idx_audit_entity"`
	Before   string    `gorm:"type:longtext"` // a score run records every department: more than TEXT's 64 KB on MySQL
	After    string    `gorm:"type:longtext"`
}

// CatalogItem is one row of the responsibility breakdown table (责任分解表).
// Lead and co-responsible names are kept as written and resolved against
// departments and groups when read, so that defining a group later fixes
// every item that names it.
type CatalogItem struct {
	ID       uint   `gorm:"primaryKey"`
	Seq      int    `gorm:"not null;uniqueIndex"` // 序号
	Level1   string `gorm:"size:32;not null"`     // 一级目录: 对外公开 / 对内公开
	Level2   string `gorm:"size:64;not null"`     // 二级目录: category
	Title    string `gorm:"size:512;not null"`    // 三级目录: what must be published
	Channels string `gorm:"size:256;not null"`    // 公开形式, 、-separated
	Scope    string `gorm:"size:128"`             // 公开范围
	Cadence  string `gorm:"size:64;not null"`     // 公开时限
	Lead     string `gorm:"size:256;not null"`    // 牵头责任部门, 、-separated
	Co       string `gorm:"size:512"`             // 相关责任主体, 、-separated
	Note     string `gorm:"size:512"`             // 备注

	CreatedAt time.Time
	UpdatedAt time.Time
}

// HolidayYear is one year's State Council holiday notice in the holiday-cn
// JSON format, kept whole (Papers cites the notice). The office adds a new
// year by importing the same format.
type HolidayYear struct {
	Year      int    `gorm:"primaryKey;autoIncrement:false"`
	Papers    string `gorm:"type:text"` // JSON array of notice URLs
	Days      string `gorm:"type:text;not null"`
	UpdatedAt time.Time
}

// Publication is one published piece of information (公开记录).
type Publication struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_publication,priority:1"`
	IndexNo      string     `gorm:"size:64;not null;uniqueIndex:uk_publication,priority:2"` // 索引号
	Seq          int        `gorm:"not null;index"`                                         // catalog 序号, or Uncatalogued
	Title        string     `gorm:"size:512;not null"`
	Channel      string     `gorm:"size:32;not null"`
	Formed       *time.Time `gorm:"type:date"` // 生成日期: formed or changed
	Published    time.Time  `gorm:"type:date;not null;index"`
	DocNo        string     `gorm:"size:128"` // 文号
	Attribute    string     `gorm:"size:128"` // 公开属性: 主动公开 / 依申请公开 / 不予公开
	// AttributeReason is why a record is 不予公开 (seed 003 审核制度 art. 5).
	AttributeReason string     `gorm:"size:512"`
	Review          string     `gorm:"size:16"` // 保密审查意见: 公开 / 免于公开 / 需报审
	ReviewDate      *time.Time `gorm:"type:date"`
	URL             string     `gorm:"size:1024"`
	UpdatedAt       time.Time
}

// Request is an information request (依申请公开).
type Request struct {
	ID              uint       `gorm:"primaryKey"`
	DepartmentID    uint       `gorm:"not null;uniqueIndex:uk_request,priority:1"`
	RequestNo       string     `gorm:"size:64;not null;uniqueIndex:uk_request,priority:2"`
	Received        time.Time  `gorm:"type:date;not null;index"`
	Channel         string     `gorm:"size:16;not null"` // 当面, 传真, 网络, 信函
	Extended        bool       `gorm:"not null"`         // extension approved
	PauseStart      *time.Time `gorm:"type:date"`        // third-party consultation
	PauseEnd        *time.Time `gorm:"type:date"`
	CorrectionStart *time.Time `gorm:"type:date"` // 补正
	CorrectionEnd   *time.Time `gorm:"type:date"`
	Answered        *time.Time `gorm:"type:date"`
	Answer          string     `gorm:"size:32"` // Annex 2 §4 answer type
	Fee             float64    `gorm:"type:decimal(12,2);not null;default:0"`
	FeeBasis        string     `gorm:"size:256"`               // 收费依据 (seed 004 art. 27)
	FeeWaived       bool       `gorm:"not null;default:false"` // 减免
	Forwarded       *time.Time `gorm:"type:date"`              // online requests: forwarded to the department
	// The national annual report's categories (ANNUAL-REPORT.md): the
	// applicant type (申请人情况) and the result (办理结果), both as the
	// vocabularies in national.go write them; empty when the record does not
	// say (the office categorises it, see RequestCategory).
	Applicant string `gorm:"size:16"`
	Result    string `gorm:"size:64"`
	// The reconsideration (行政复议) and the lawsuit (行政诉讼) about the
	// request, each with its filing date, outcome (维持 / 纠正 / 其他 /
	// 尚未审结) and the date of the outcome.
	ReconFiled   *time.Time `gorm:"type:date"`
	ReconOutcome string     `gorm:"size:8"`
	ReconDecided *time.Time `gorm:"type:date"`
	SuitKind     string     `gorm:"size:8"` // 直接起诉 / 复议后起诉
	SuitFiled    *time.Time `gorm:"type:date"`
	SuitOutcome  string     `gorm:"size:8"`
	SuitDecided  *time.Time `gorm:"type:date"`
	UpdatedAt    time.Time
}

// Complaint is a complaint or inquiry (群众投诉, 咨询).
type Complaint struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_complaint,priority:1"`
	ComplaintNo  string     `gorm:"size:64;not null;uniqueIndex:uk_complaint,priority:2"`
	Line         string     `gorm:"size:32"` // 渠道
	Received     time.Time  `gorm:"type:date;not null;index"`
	Replied      *time.Time `gorm:"type:date"`
	Closed       *time.Time `gorm:"type:date"`
	UpdatedAt    time.Time
}

// QuarterlyReport is Annex 2's 季度报表 as filed; Figures holds its numbers
// by their Annex 2 names, as JSON.
type QuarterlyReport struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_quarterly,priority:1"`
	Year         int        `gorm:"not null;uniqueIndex:uk_quarterly,priority:2"`
	Quarter      int        `gorm:"not null;uniqueIndex:uk_quarterly,priority:3"`
	Submitted    *time.Time `gorm:"type:date"`
	Figures      string     `gorm:"type:text"`
	UpdatedAt    time.Time
}

// AnnualReport is a unit's 年度报告 filing.
type AnnualReport struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_annual,priority:1"`
	Year         int        `gorm:"not null;uniqueIndex:uk_annual,priority:2"`
	Submitted    *time.Time `gorm:"type:date"`
	UpdatedAt    time.Time
}

// Incident is a leak, a publication of what must not be published, or a
// falsification: any of them vetoes the year's grade.
type Incident struct {
	ID           uint      `gorm:"primaryKey"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_incident,priority:1"`
	Date         time.Time `gorm:"type:date;not null;uniqueIndex:uk_incident,priority:2"`
	Kind         string    `gorm:"size:32;not null;uniqueIndex:uk_incident,priority:3"` // 泄密 / 不应公开而公开 / 弄虚作假
	Description  string    `gorm:"type:text"`
	UpdatedAt    time.Time
}

// AccountabilityDecision is the shape of the accountability_decisions table
// the first migration step created. Step 2026120201 moved its rows into
// the discipline office's cases (models/accountability) and dropped it.
type AccountabilityDecision struct {
	ID           uint      `gorm:"primaryKey"`
	CaseNo       string    `gorm:"size:64;not null;uniqueIndex"` // 案号
	DepartmentID uint      `gorm:"not null;index"`
	Decided      time.Time `gorm:"type:date;not null"`
	Sanctions    string    `gorm:"size:256;not null"` // 、-separated
	Persons      string    `gorm:"size:256"`
	Trigger      string    `gorm:"size:256"`
	Summary      string    `gorm:"type:text"`
	UpdatedAt    time.Time
}
