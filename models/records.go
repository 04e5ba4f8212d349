package models

import "time"

// The records the departments produce. Each kind has a natural key
// (docs/FORMATS.md) as a unique index, so loading the same rows twice updates in
// place. Dates are civil dates stored at midnight UTC; optional ones are nil.

// Uncatalogued is the Seq of a publication outside the catalog (目录外),
// such as a 工作动态 news post: it fills no slot but counts for timeliness,
// channels, website cadence and secrecy review. No catalog item has it,
// since catalog 序号 start at 1.
const Uncatalogued = 0

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
	ColumnID        *uint      `gorm:"index"` // 栏目 (models/columns); nil for none
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
	// What a request worked in the app records beyond the ledger's columns
	// (seed 004 art. 19-25; 条例 art. 29-45). Kind is RequestKindDisclosure
	// or RequestKindCorrection (更正申请, art. 25). The applicant's identity
	// is personal data: shown only to the handling department and the office.
	Kind             string     `gorm:"size:16;not null;default:''"`
	ApplicantName    string     `gorm:"size:128;not null;default:''"`
	ApplicantIDNo    string     `gorm:"size:32;not null;default:''"` // 证件号码
	ApplicantContact string     `gorm:"size:256;not null;default:''"`
	Content          string     `gorm:"type:text"`                   // 申请内容
	DeliveryWanted   string     `gorm:"size:32;not null;default:''"` // 获取信息方式
	Exemption        string     `gorm:"size:32;not null;default:''"` // 不予公开的理由, the fixed list
	Delivered        *time.Time `gorm:"type:date"`                   // 送达日期
	DeliveryMethod   string     `gorm:"size:32;not null;default:''"`
	// Origin says where the request is worked: RequestOriginImport (a
	// ledger loaded from a file) or RequestOriginApp (registered and worked
	// in gongkai; an import never overwrites it silently).
	Origin    string `gorm:"size:8;not null;default:''"`
	UpdatedAt time.Time
}

// A request's kind and origin.
const (
	RequestKindDisclosure = ""    // 政府信息公开申请
	RequestKindCorrection = "更正"  // 更正申请 (seed 004 art. 25)
	RequestOriginImport   = ""    // loaded from a ledger file or the API
	RequestOriginApp      = "app" // registered and worked in gongkai
)

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

// Outcomes of a reconsideration or a lawsuit (table 四).
const (
	OutcomeUpheld    = "维持"
	OutcomeCorrected = "纠正"
	OutcomeOther     = "其他"
	OutcomePending   = "尚未审结"
)

// LegacyCorrected is the older word for 纠正 (Annex 2 §5).
const LegacyCorrected = "被依法纠错"
