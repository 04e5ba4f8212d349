// Package publications is a publication worked in the app (issue 24): it is
// registered at drafting, its disclosure attribute reviewed by the office,
// deferred (暂缓公开) when its secrecy is undetermined, reviewed for secrecy
// in five signed steps, coordinated with the departments it involves, and
// published, changed or withdrawn. Its own tables keep the steps, opinions
// and history; the core rows scoring reads (models.Publication,
// clocks.SecrecyReview, clocks.Coordination) are written as the work goes,
// so A1, A2, D2, D4, D5 and the flags read the in-app dates.
package publications

import "time"

// Work is one document worked in the app, from drafting on.
type Work struct {
	ID           uint      `gorm:"primaryKey"`
	DepartmentID uint      `gorm:"not null;index"`
	IndexNo      string    `gorm:"size:64;not null;uniqueIndex"` // 索引号, given at registration
	Title        string    `gorm:"size:512;not null"`
	DocNo        string    `gorm:"size:128;not null;default:''"` // 文号
	Seq          int       `gorm:"not null"`                     // catalog 序号, or models.Uncatalogued
	Formed       time.Time `gorm:"type:date;not null"`           // 产生日期
	Attribute    string    `gorm:"size:16;not null"`             // 主动公开 / 依申请公开 / 不予公开
	Exemption    string    `gorm:"size:64;not null;default:''"`  // 不予公开的理由, the fixed list
	Channels     string    `gorm:"size:256;not null;default:''"` // planned channels, 、-separated
	ColumnID     uint      `gorm:"not null;default:0"`           // the website column (栏目) planned, 0 for none
	Involved     string    `gorm:"size:512;not null;default:''"` // departments to consult, ids ,-separated
	Signer       string    `gorm:"size:64;not null;default:''"`  // 签发人
	// AttrStatus is the office's review of the attribute (seed 003 审核制度
	// art. 6): AttrPending, AttrAgreed, AttrRedetermine, AttrDisputed or
	// AttrDecided (the signer decided a disagreement).
	AttrStatus string `gorm:"size:16;not null;default:''"`
	// Deferral (暂缓公开): approved by a supervising leader until a date.
	DeferredUntil *time.Time `gorm:"type:date"`
	DeferredBy    string     `gorm:"size:64;not null;default:''"`
	DeferSettled  *time.Time `gorm:"type:date"`
	// PublicationID is the core row once published; Withdrawn its end.
	PublicationID uint       `gorm:"not null;default:0;index"`
	Published     *time.Time `gorm:"type:date"`
	Withdrawn     *time.Time `gorm:"type:date"`
	CreatedBy     string     `gorm:"size:64;not null"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps the table's name fixed whatever the type is called.
func (Work) TableName() string { return "publication_works" }

// The states of the office's attribute review.
const (
	AttrPending     = ""            // registered, waiting for the office
	AttrAgreed      = "agreed"      // the office agrees
	AttrRedetermine = "redetermine" // the office asks the department to re-determine
	AttrDisputed    = "disputed"    // the department keeps it: the signer decides
	AttrDecided     = "decided"     // the signer decided
)

// Event is one line of a work's history: what was done, when, by whom,
// and why (registrations, reviews, deferrals, publishing, changes,
// withdrawals, objections).
type Event struct {
	ID      uint      `gorm:"primaryKey"`
	WorkID  uint      `gorm:"not null;index"`
	Kind    string    `gorm:"size:32;not null"`
	Day     time.Time `gorm:"type:date;not null"`
	By      string    `gorm:"size:64;not null"`
	ByDept  uint      `gorm:"not null;default:0"` // the department acting, for an objection
	Channel string    `gorm:"size:32;not null;default:''"`
	URL     string    `gorm:"size:1024;not null;default:''"`
	Note    string    `gorm:"size:2000;not null;default:''"`
	// AnswerOf is, on the office's answer to an objection, the objection
	// answered; Decision is that answer (ObjectionWithdraw / ObjectionKeep).
	AnswerOf uint      `gorm:"not null;default:0;index"`
	Decision string    `gorm:"size:16;not null;default:''"`
	At       time.Time `gorm:"not null"`
}

// TableName keeps the table's name fixed.
func (Event) TableName() string { return "publication_events" }

// The kinds of event, as Event.Kind (i18n publications.ev.<kind>).
const (
	EvRegistered   = "registered"
	EvAgreed       = "agreed"
	EvRedetermine  = "redetermine"
	EvRedetermined = "redetermined"
	EvDisputed     = "disputed"
	EvSignerDecid  = "signer"
	EvDeferred     = "deferred"
	EvDeferSettled = "defer_settled"
	EvPublished    = "published"
	EvChanged      = "changed"
	EvWithdrawn    = "withdrawn"
	EvObjection    = "objection"
	EvObjectionAns = "objection_answer" // the office's answer to an objection
)

// Step is one signed step of the five-step secrecy review (seed 003 保密审查
// 制度 art. 7): its signer's account, date, opinion, basis and reason.
type Step struct {
	ID       uint      `gorm:"primaryKey"`
	WorkID   uint      `gorm:"not null;uniqueIndex:uk_publication_step,priority:1"`
	N        int       `gorm:"not null;uniqueIndex:uk_publication_step,priority:2"` // 1..5
	UserID   uint      `gorm:"not null"`
	By       string    `gorm:"size:64;not null"`
	Day      time.Time `gorm:"type:date;not null"`
	Opinion  string    `gorm:"size:16;not null"` // 公开 / 免于公开 / 需报审
	Basis    string    `gorm:"size:1024;not null;default:''"`
	Reason   string    `gorm:"size:2000;not null;default:''"`
	Referred string    `gorm:"size:256;not null;default:''"`  // 需报审: where referred
	Answer   string    `gorm:"size:2000;not null;default:''"` // 需报审: the answer
	Redacted string    `gorm:"size:2000;not null;default:''"` // 非密处理: what was removed
}

// TableName keeps the table's name fixed.
func (Step) TableName() string { return "publication_review_steps" }

// Consultation is the letter to one involved department (seed 003 发布协调
// 制度 art. 9), its answer and, on a disagreement, the office's settlement
// (art. 11). Its dates are also the core coordination row's.
type Consultation struct {
	ID             uint       `gorm:"primaryKey"`
	WorkID         uint       `gorm:"not null;uniqueIndex:uk_publication_consult,priority:1"`
	AskedID        uint       `gorm:"not null;uniqueIndex:uk_publication_consult,priority:2;index"`
	CoordinationID uint       `gorm:"not null"`
	Sent           time.Time  `gorm:"type:date;not null"`
	Letter         string     `gorm:"size:4000;not null"` // art. 9: the matter, its basis, what is asked, the limit
	Contact        string     `gorm:"size:128;not null;default:''"`
	Answered       *time.Time `gorm:"type:date"`
	Opinion        string     `gorm:"size:16;not null;default:''"` // 同意 / 不同意
	Reason         string     `gorm:"size:2000;not null;default:''"`
	AnsweredBy     string     `gorm:"size:64;not null;default:''"`
	Settled        *time.Time `gorm:"type:date"`
	Decision       string     `gorm:"size:16;not null;default:''"` // SettlePublish / SettleWithhold
	SettleNote     string     `gorm:"size:2000;not null;default:''"`
	SettledBy      string     `gorm:"size:64;not null;default:''"`
}

// TableName keeps the table's name fixed.
func (Consultation) TableName() string { return "publication_consultations" }

// The office's settlements of a disagreement.
const (
	SettlePublish  = "同意发布" // may be published (as proposed or amended)
	SettleWithhold = "不予发布" // must not be published
)

// The answers of a consulted department.
const (
	Agree    = "同意"
	Disagree = "不同意"
)
