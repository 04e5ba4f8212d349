package scoring

import (
	"encoding/json"
	"slices"
	"testing"
)

// Scoring a year one department at a time, from the frame with every
// column's posts and each department's own records, gives Score's result;
// a post in a department's column by another department counts.
func TestScorerInBatchesEqualsScore(t *testing.T) {
	t.Parallel()
	in := perfectInput(t)
	withColumns(t, true)(&in)
	publish(&in, sc, 0, "网站", day("2024-12-23")).Column = 2 // 治安支队's 警务资讯, posted by another department
	whole := mustScore(t, in)

	frame := in
	frame.Publications, frame.Requests, frame.Complaints = nil, nil, nil
	for _, p := range in.Publications {
		if p.Column != 0 && !p.Withheld {
			frame.ColumnPosts = append(frame.ColumnPosts, ColumnPost{Column: p.Column, Published: p.Published})
		}
	}
	s, err := NewScorer(frame)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]DepartmentResult, len(in.Departments))
	for i, d := range in.Departments {
		own := func(dept uint) bool { return dept == d.ID }
		res, err := s.Batch([]uint{d.ID},
			filter(in.Publications, func(p Publication) bool { return own(p.Dept) }),
			filter(in.Requests, func(r Request) bool { return own(r.Dept) }),
			filter(in.Complaints, func(c Complaint) bool { return own(c.Dept) }))
		if err != nil {
			t.Fatal(err)
		}
		got[i] = res[0]
	}
	Rate(in.Scheme, got)
	if a, b := mustEncode(t, got, s.CalendarGaps(), s.Unresolved()), mustEncode(t, whole.Departments, whole.CalendarGaps, whole.Unresolved); a != b {
		t.Errorf("in batches:\n%s\nwhole:\n%s", a, b)
	}
	if a6 := indicator(t, whole, za, "A6"); a6.Score.Cmp(a6.Max) != 0 {
		t.Errorf("A6 %s of %s: the other department's post should keep 警务资讯 up to date", a6.Score.RatString(), a6.Max.RatString())
	}

	// A batch is given its own departments' records only.
	if _, err := s.Batch([]uint{za}, filter(in.Publications, func(p Publication) bool { return p.Dept == sc }), nil, nil); err == nil {
		t.Error("a batch scored another department's publications")
	}
}

func filter[T any](records []T, keep func(T) bool) []T {
	return slices.DeleteFunc(slices.Clone(records), func(r T) bool { return !keep(r) })
}

func mustEncode(t *testing.T, v ...any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
