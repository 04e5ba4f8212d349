package scoreruns

import (
	"context"

	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/scoring"
)

// ScoringInput reads what scoring needs for year y: departments, groups, the
// catalog, and the year's records (publications up to the end of the last
// website week of y, scoring.LastWebsiteDay, since earlier years fill
// standing slots and A4's last week runs into January of y+1; scoring
// counts those January days for A4 only). The caller sets Scheme, Calendar and AsOf.
// Rows are streamed into compact values, the whole year at once, as
// ComputeScores reads a year of up to 1.5 million publications (a larger
// one it reads a batch of departments at a time: batches.go). It reads no
// import halfway written (imports' SettledInput).
func (s *Store) ScoringInput(ctx context.Context, y int) (*scoring.Input, error) {
	return imports.New(s.Store).SettledInput(ctx, y, s.readInput)
}

// readInput is the core's read of the records with the clocks' and the
// columns' added.
func (s *Store) readInput(ctx context.Context, y int) (*scoring.Input, error) {
	in, err := s.ReadScoringInput(ctx, y)
	if err != nil {
		return nil, err
	}
	if err := clocks.New(s.Store).AddInput(ctx, in, y); err != nil {
		return nil, err
	}
	if err := columns.New(s.Store).AddInput(ctx, in); err != nil {
		return nil, err
	}
	return in, nil
}
