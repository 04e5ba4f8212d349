package overview

import (
	"context"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// What every home page reads of the whole bureau to list the reports owed
// (the departments, their groups and filed reports, and which of them lead
// an item) is read once per change of those (keptEntities), not on each
// view: at 3,000 units it was a third of a home page's work (issue 27's
// mixed load), and a liaison form saved or a case note does not touch it.

// keptEntities are what the frame and the leaders are made of: units,
// groups and the catalog come by import, reports are filed in the app.
var keptEntities = []string{"import_run", "group", "quarterly_report", "annual_report"}

type keptKey struct {
	db      *models.Store
	year    int // 0 for the leaders
	changes int64
}

var (
	keptFrames  = cache.New[keptKey, *scoring.Input](8)
	keptLeaders = cache.New[keptKey, map[uint]bool](4)
)

// frame is scoreruns' ScoringFrame of year y as of the last change of it;
// shared, so only read.
func (s *Store) frame(ctx context.Context, y int) (*scoring.Input, error) {
	changes, err := audit.New(s.Store).ChangesTo(ctx, keptEntities...)
	if err != nil {
		return nil, err
	}
	return keptFrames.Get(keptKey{s.Store, y, changes}, func() (*scoring.Input, error) { return scoreruns.New(s.Store).ScoringFrame(ctx, y) })
}

// leaders is models' Leaders as of the last change of them; shared, so only
// read.
func (s *Store) leaders(ctx context.Context) (map[uint]bool, error) {
	changes, err := audit.New(s.Store).ChangesTo(ctx, keptEntities...)
	if err != nil {
		return nil, err
	}
	return keptLeaders.Get(keptKey{s.Store, 0, changes}, func() (map[uint]bool, error) { return s.Leaders(ctx) })
}
