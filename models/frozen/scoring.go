package frozen

import "time"

// The tables as step 2026112203_scoring creates them. Never edit: a change of shape is a new step.

// SchemeVersion is a stored scoring scheme (考核方案). Body is the scheme's
// JSON; Version repeats its version for lookups.
type SchemeVersion struct {
	ID         uint   `gorm:"primaryKey"`
	Version    string `gorm:"size:64;not null;uniqueIndex"`
	Name       string `gorm:"size:128;not null"`
	Body       string `gorm:"type:text;not null"`
	Status     string `gorm:"size:16;not null"`
	BasedOn    string `gorm:"size:64"`
	ApprovedBy string `gorm:"size:64"`
	ApprovedAt *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ScoreRun is one explicit computation of a year's scores: which scheme
// version, which as-of date, who asked and when. Pages read stored runs;
// nothing is recomputed behind the user's back.
type ScoreRun struct {
	ID            uint      `gorm:"primaryKey"`
	Year          int       `gorm:"not null;index:idx_run_year,priority:1"`
	AsOf          time.Time `gorm:"type:date;not null"`
	SchemeVersion string    `gorm:"size:64;not null"`
	ComputedAt    time.Time `gorm:"not null;index:idx_run_year,priority:2"`
	ComputedBy    string    `gorm:"size:64;not null"`
	CalendarGaps  string    `gorm:"size:256"`  // JSON list of years scored weekends-only
	Unresolved    string    `gorm:"type:text"` // JSON list of catalog names that bound nobody
}

// DepartmentScore is one department's result in a run. Detail is the whole
// scoring.DepartmentResult as JSON (exact fractions as text), so pages can
// show every deduction in either language.
type DepartmentScore struct {
	ID           uint    `gorm:"primaryKey"`
	RunID        uint    `gorm:"not null;uniqueIndex:uk_run_dept,priority:1"`
	DepartmentID uint    `gorm:"not null;uniqueIndex:uk_run_dept,priority:2;index"`
	Total        float64 `gorm:"type:decimal(7,2);not null"` // rounded half up, for sorting and charts; 0 when not rated
	Grade        string  `gorm:"size:16;not null"`           // empty when not rated
	// Rank is the department's place among the run's rated departments,
	// decided once with the run (scoring.Rate); 0: not rated (不参评).
	Rank   int    `gorm:"column:rank_no;not null;default:0"`
	Veto   bool   `gorm:"not null"`
	Capped bool   `gorm:"not null"`
	Detail string `gorm:"type:longtext;not null"`
}
