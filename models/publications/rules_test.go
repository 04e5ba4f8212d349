package publications

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// The breaches a work shows, from its steps and consultations: a table of
// the cases seed 003 names (保密审查制度 art. 10, 发布协调制度 art. 12-13).
// Formed Friday 26 September 2025, its letters are due by 10 October
// (the National Day holiday between).
func TestViolations(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../seed/holidays/2025.json")
	if err != nil {
		t.Fatal(err)
	}
	var notice scoring.HolidayYear
	if err := json.Unmarshal(raw, &notice); err != nil {
		t.Fatal(err)
	}
	cal, err := scoring.NewCalendar(notice)
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) time.Time {
		x, err := scoring.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x.Time()
	}
	ptr := func(s string) *time.Time { x := d(s); return &x }
	approved := func(on, opinion string) []Step {
		return []Step{{N: 1, Day: d("2025-09-29")}, {N: 2}, {N: 3}, {N: 4}, {N: 5, Day: d(on), Opinion: opinion}}
	}
	consulted := func(sent string) Consultation { return Consultation{AskedID: 7, Sent: d(sent)} }
	for _, tc := range []struct {
		name      string
		published string
		involved  string
		steps     []Step
		cs        []Consultation
		want      []string
	}{
		{"by the rules", "2025-10-20", "7", approved("2025-10-15", "公开"), []Consultation{consulted("2025-09-30")}, nil},
		{"not yet published: nothing but a late letter", "", "7", nil, []Consultation{consulted("2025-10-13")}, []string{VioConsultLate}},
		{"published before step 5", "2025-10-14", "", approved("2025-10-15", "公开"), nil, []string{VioReviewPending}},
		{"published with no review at all", "2025-10-14", "", nil, nil, []string{VioReviewPending}},
		{"published against step 5's 免于公开", "2025-10-20", "", approved("2025-10-15", "免于公开"), nil, []string{VioReviewAgainst}},
		{"an involved department never consulted", "2025-10-20", "7", approved("2025-10-15", "公开"), nil, []string{VioNoConsultation}},
		{"consulted only after publishing", "2025-10-20", "7", approved("2025-10-15", "公开"), []Consultation{consulted("2025-10-21")}, []string{VioConsultLate, VioNoConsultation}},
		{"against a 不同意 not settled", "2025-10-20", "7", approved("2025-10-15", "公开"),
			[]Consultation{{AskedID: 7, Sent: d("2025-09-30"), Opinion: Disagree, Answered: ptr("2025-10-09")}}, []string{VioUnsettled}},
		{"a 不同意 settled 同意发布 before publishing", "2025-10-20", "7", approved("2025-10-15", "公开"),
			[]Consultation{{AskedID: 7, Sent: d("2025-09-30"), Opinion: Disagree, Answered: ptr("2025-10-09"), Settled: ptr("2025-10-10"), Decision: SettlePublish}}, nil},
		{"against the settlement 不予发布", "2025-10-20", "7", approved("2025-10-15", "公开"),
			[]Consultation{{AskedID: 7, Sent: d("2025-09-30"), Opinion: Disagree, Answered: ptr("2025-10-09"), Settled: ptr("2025-10-10"), Decision: SettleWithhold}}, []string{VioAgainstSettled}},
		{"a 不同意 that came after publishing", "2025-10-08", "7", approved("2025-10-07", "公开"),
			[]Consultation{{AskedID: 7, Sent: d("2025-09-30"), Opinion: Disagree, Answered: ptr("2025-10-09")}}, nil},
	} {
		w := Work{ID: 1, Formed: d("2025-09-26"), Involved: tc.involved}
		if tc.published != "" {
			w.Published = ptr(tc.published)
		}
		var got []string
		for _, v := range violations(w, tc.steps, tc.cs, cal) {
			got = append(got, v.Kind)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}
