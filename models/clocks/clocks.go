package clocks

import "time"

// The records of seed 003's procedures and seed 000's press conferences:
// secrecy reviews (保密审查), coordinations between departments (发布协调)
// and press conferences (新闻发布会). They arrive like the other records
// (file, API, pull), keyed as FORMATS.md says; their clocks live in scoring.

// SecrecyReview is the secrecy review of a publication, or of a draft not
// yet published, with the five-step sign-off of seed 003 art. 7: each step's
// person (By) and date. The publication is found by the department and its
// 索引号, so a review may be loaded before or after its publication.
type SecrecyReview struct {
	ID           uint       `gorm:"primaryKey"`
	DepartmentID uint       `gorm:"not null;uniqueIndex:uk_secrecy_review,priority:1"`
	ReviewNo     string     `gorm:"size:64;not null;uniqueIndex:uk_secrecy_review,priority:2"` // 审查编号
	IndexNo      string     `gorm:"size:64;not null;index"`                                    // the publication's 索引号; empty for a draft
	Title        string     `gorm:"size:512;not null"`
	Requested    time.Time  `gorm:"type:date;not null;index"` // 送审日期
	UnitBy       string     `gorm:"size:64"`                  // (一) 信息产生部门初步意见
	UnitDate     *time.Time `gorm:"type:date"`
	HeadBy       string     `gorm:"size:64"` // (二) 部门负责人审查意见
	HeadDate     *time.Time `gorm:"type:date"`
	LeaderBy     string     `gorm:"size:64"` // (三) 分管领导审核意见
	LeaderDate   *time.Time `gorm:"type:date"`
	SecrecyBy    string     `gorm:"size:64"` // (四) 保密委员会办公室复审意见
	SecrecyDate  *time.Time `gorm:"type:date"`
	ApproverBy   string     `gorm:"size:64"` // (五) 保密办分管领导审查批准
	ApproverDate *time.Time `gorm:"type:date"`
	Opinion      string     `gorm:"size:16"`   // 公开 / 免于公开 / 需报审
	Basis        string     `gorm:"size:1024"` // 依据和理由
	Decided      *time.Time `gorm:"type:date"` // 决定日期
	UpdatedAt    time.Time
}

// Coordination asks another department's opinion before publishing
// (发布协调); no reply within the limit counts as consent.
type Coordination struct {
	ID             uint       `gorm:"primaryKey"`
	DepartmentID   uint       `gorm:"not null;uniqueIndex:uk_coordination,priority:1"` // the department asking
	CoordinationNo string     `gorm:"size:64;not null;uniqueIndex:uk_coordination,priority:2"`
	IndexNo        string     `gorm:"size:64;not null;index"` // the publication concerned, if any
	Subject        string     `gorm:"size:512;not null"`
	AskedID        uint       `gorm:"not null;index"` // 被征求意见部门
	Sent           time.Time  `gorm:"type:date;not null;index"`
	Replied        *time.Time `gorm:"type:date"`
	Opinion        string     `gorm:"size:16"` // 同意 / 不同意 / 修改后同意
	Note           string     `gorm:"size:1024"`
	UpdatedAt      time.Time
}

// PressConference is a press conference (新闻发布会) a department held.
type PressConference struct {
	ID                uint      `gorm:"primaryKey"`
	DepartmentID      uint      `gorm:"not null;uniqueIndex:uk_press,priority:1"`
	Held              time.Time `gorm:"type:date;not null;uniqueIndex:uk_press,priority:2"`
	Topic             string    `gorm:"size:191;not null;uniqueIndex:uk_press,priority:3"`
	PrincipalAttended bool      `gorm:"not null"` // 主要负责同志参加
	UpdatedAt         time.Time
}

// DisclosureFlag is a person's decision on a publication that went out
// against its secrecy review (a possible 不应公开而公开): confirmed, which
// records the incident, or dismissed with a reason. A flag with no row here
// is open; flags are found from the records each time they are listed.
type DisclosureFlag struct {
	ID            uint      `gorm:"primaryKey"`
	PublicationID uint      `gorm:"not null;uniqueIndex"`
	Decision      string    `gorm:"size:16;not null"` // confirmed / dismissed
	Note          string    `gorm:"size:1024"`
	UserID        uint      `gorm:"not null"`
	DecidedAt     time.Time `gorm:"not null"`
	IncidentID    uint      `gorm:"not null;default:0"` // the incident a confirmation recorded
}
