package frozen

import "time"

// The tables as step 2026112202_ingestion creates them. Never edit: a change of shape is a new step.

// ImportRun is one import, whatever its road (file upload, CLI, API, pull,
// seed): who, when, what, and what came of it. It is written when the import
// starts and finished when it ends, so the history shows running and failed
// imports too.
type ImportRun struct {
	ID           uint      `gorm:"primaryKey"`
	StartedAt    time.Time `gorm:"not null;index"`
	FinishedAt   *time.Time
	UserID       uint   `gorm:"index"` // 0: the system or an API token
	UserName     string `gorm:"size:64;not null"`
	Source       string `gorm:"size:16;not null"` // file, api, pull, seed, cli
	SourceID     *uint  `gorm:"index"`            // the registered source of a pull or an API token
	DepartmentID *uint  `gorm:"index"`            // set when the import was scoped to one department
	Kind         string `gorm:"size:32;not null"`
	FileName     string `gorm:"size:255"`
	Format       string `gorm:"size:8"` // csv, xlsx, json
	SHA256       string `gorm:"size:64"`
	Read         int    `gorm:"not null;default:0"`
	Inserted     int    `gorm:"not null;default:0"`
	Updated      int    `gorm:"not null;default:0"`
	Unchanged    int    `gorm:"not null;default:0"`
	Rejected     int    `gorm:"not null;default:0"`
	DurationMS   int64  `gorm:"not null;default:0"`
	Status       string `gorm:"size:16;not null;index"`
	Message      string `gorm:"type:text"` // a Chinese sentence: the outcome, or why it failed
}

// Source is where one department's records of one kind come from: a URL the
// app pulls (CSV, XLSX or JSON) on demand and every EveryMinutes, and the
// API tokens that let the department push the same records. Every pull is
// an ImportRun with SourceID set.
type Source struct {
	ID           uint   `gorm:"primaryKey"`
	Name         string `gorm:"size:128;not null"`
	DepartmentID uint   `gorm:"not null;index"`
	Department   *Department
	Kind         string     `gorm:"size:32;not null"`
	URL          string     `gorm:"size:1024"`          // empty: the source only pushes through the API
	PullToken    string     `gorm:"size:512" json:"-"`  // bearer token sent when pulling; kept because it must be sent
	EveryMinutes int        `gorm:"not null;default:0"` // 0: pulled on demand only
	NextPullAt   *time.Time `gorm:"index"`
	LastPullAt   *time.Time
	LastStatus   string `gorm:"size:16"` // an ImportRun status
	LastMessage  string `gorm:"type:text"`
	LastRunID    *uint
	Disabled     bool `gorm:"not null;default:false"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// APIToken lets a source push records through POST /api/v1/import/{kind}.
// Only a hash is stored: the token is shown once, when it is issued.
type APIToken struct {
	ID         uint `gorm:"primaryKey"`
	SourceID   uint `gorm:"not null;index"`
	Source     *Source
	Hash       string `gorm:"size:64;not null;uniqueIndex" json:"-"` // SHA-256 of the token, hex
	Hint       string `gorm:"size:16;not null"`                      // the token's first characters, to tell tokens apart
	CreatedBy  string `gorm:"size:64;not null"`
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}
