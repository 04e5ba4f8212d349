package columns

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Upkeep is how a column keeps up with its cadence on a day.
type Upkeep struct {
	Column
	Department string       // the owning department's name
	Posts      int          // publications posted in it on or before the day
	Last       scoring.Date // its last post on or before the day; zero for none
	FreshUntil scoring.Date // the last day that post keeps it up to date
	State      scoring.ColumnState
}

// Upkeep lists every column with its posts and state on day, by channel
// and name. The office's (ActManageColumns). A withheld record (不予公开)
// is no post.
func (s *Store) Upkeep(ctx context.Context, v models.Viewer, day scoring.Date) ([]Upkeep, error) {
	if !v.Can(models.ActManageColumns) {
		return nil, models.ErrForbidden
	}
	cols, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	db := s.DB.WithContext(ctx)
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	var posts []models.Publication
	// In column order, so that SQLite too reads the few posts by their
	// column's index instead of a million publications by date (issue 27).
	err = db.Select("column_id", "published").
		Where("column_id IS NOT NULL AND published <= ? AND (attribute IS NULL OR attribute <> ?)", day.Time(), scoring.AttrWithheld).
		Order("column_id").Find(&posts).Error
	if err != nil {
		return nil, fmt.Errorf("read column posts: %w", err)
	}
	type seen struct {
		n    int
		last scoring.Date
	}
	by := map[uint]seen{}
	for _, p := range posts {
		s := by[*p.ColumnID]
		s.n++
		s.last = max(s.last, scoring.DateOf(p.Published))
		by[*p.ColumnID] = s
	}
	out := make([]Upkeep, 0, len(cols))
	for _, c := range cols {
		got := by[c.ID]
		out = append(out, Upkeep{
			Column: c, Department: names[c.DepartmentID], Posts: got.n, Last: got.last,
			FreshUntil: scoring.ColumnFreshUntil(c.Cadence, got.last),
			State:      scoring.ColumnStateOn(c.Cadence, got.last, day),
		})
	}
	return out, nil
}

// Lapsed lists the columns not up to date on day: the empty ones (no post
// ever) first, then the stale ones (栏目不更新), longest out of date first.
func (s *Store) Lapsed(ctx context.Context, v models.Viewer, day scoring.Date) ([]Upkeep, error) {
	all, err := s.Upkeep(ctx, v, day)
	if err != nil {
		return nil, err
	}
	var out []Upkeep
	for _, u := range all {
		if u.State != scoring.ColumnFresh {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b Upkeep) int { return int(a.FreshUntil) - int(b.FreshUntil) })
	return out, nil
}
