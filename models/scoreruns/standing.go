package scoreruns

import (
	"context"
	"math/big"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// StandingSource is where a department's standing in a year comes from.
type StandingSource string

// The sources of a standing, strongest first.
const (
	// StandingApproved (已审定): the grades the leading group approved in
	// the year's assessment, with its objections and adjustments.
	StandingApproved StandingSource = "approved"
	// StandingProposed (待审定): the grades the office proposed, waiting
	// for the leading group.
	StandingProposed StandingSource = "proposed"
	// StandingProvisional (暂定): computed, not yet proposed: the adjusted
	// score of the assessment under way, or else the year's newest run.
	StandingProvisional StandingSource = "provisional"
)

// Standing is a department's standing in a year: the one answer to "what
// is this department's grade for this year" (issue 20). The year-end
// assessment works it out (assessment.Store.Standing); every page, export
// and rule that shows or reads a grade takes it from there, so that none
// shows a grade another contradicts.
type Standing struct {
	Year         int
	DepartmentID uint
	Source       StandingSource
	PlanID       uint       // the assessment it comes from; 0: the year's newest run alone
	ApprovedAt   *time.Time // when the leading group approved it (已审定)
	RunID        uint       // the score run its deductions come from
	// Hidden: proposed grades a head may not see before the leading group
	// approves them; Total, Grade and Rank are then empty.
	Hidden     bool
	Unrated    bool     // 不参评
	Total      *big.Rat // exact; nil when not rated or hidden
	Grade      string
	Rank       int // place among the units of the same standing (the plan's, or the run's)
	Count      int // how many units of that standing are rated: what Rank is out of
	Veto       bool
	Ineligible bool // held below 优秀 by an accountability decision
}

// Rated reports whether the standing has a total, grade and rank to show.
func (s *Standing) Rated() bool { return s != nil && !s.Unrated && !s.Hidden && s.Total != nil }

// Rounded is the total to two places, as every page shows it.
func (s *Standing) Rounded() string {
	if !s.Rated() {
		return ""
	}
	return scoring.Round2(s.Total)
}

// Float is the total to two places as a number, for charts and sheets.
func (s *Standing) Float() float64 {
	if !s.Rated() {
		return 0
	}
	return scoring.Float2(s.Total)
}

// Standings answers the standing of departments in a year for a viewer:
// one department's (nil when it has none that year) or every one the
// viewer may see. The year-end assessment implements it; the discipline
// office's proposals and caps read it.
type Standings interface {
	Standing(ctx context.Context, v models.Viewer, year int, dept uint) (*Standing, error)
	Standings(ctx context.Context, v models.Viewer, year int) ([]Standing, error)
}

// RankScope says among which units Rank is counted: "plan", the units the
// year's assessment grades, or "run", those its score run rates.
func (s *Standing) RankScope() string {
	if s.PlanID != 0 {
		return "plan"
	}
	return "run"
}

// SourceKey is the catalog key of the standing's source: 已审定, 待审定, 暂定.
func (s *Standing) SourceKey() string { return "standing." + string(s.Source) }
