package monitoring_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/monitoring"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

var (
	ctx     = context.Background()
	office  = models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
	leader  = models.Viewer{UserID: 2, Name: "领导", Role: models.RoleLeader}
	demoDay = time.Date(2026, time.December, 7, 9, 0, 0, 0, time.FixedZone("CST", 8*60*60))
	now     = time.Date(2026, time.December, 7, 10, 0, 0, 0, time.UTC)
)

func refusal(err error) string {
	var v *models.ValidationError
	if errors.As(err, &v) {
		return v.Message
	}
	return ""
}

// snapshot is what the year's assessment stands on: the score runs and
// their department scores.
func snapshot(t *testing.T, s *models.Store) [2]int64 {
	t.Helper()
	var runs, scores int64
	modelstest.Must(t, s.DB.Model(&scoreruns.ScoreRun{}).Count(&runs).Error)
	modelstest.Must(t, s.DB.Model(&scoreruns.DepartmentScore{}).Count(&scores).Error)
	return [2]int64{runs, scores}
}

// A monitoring run at the end of the second quarter of the demo's current
// year stores a line for every unit, ranked among the units of its kind,
// and leaves the score runs (the assessment's) as they were; a head reads
// only the own unit's line; only the office runs; a cut-off outside the
// year or after today is refused in Chinese.
func TestMonitoringRunLeavesTheAssessmentAlone(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		_, err := seed.Demo(ctx, s, demoDay)
		modelstest.Must(t, err)
		ms := monitoring.New(s, accountability.Decisions(s))
		before := snapshot(t, s)
		cut := scoring.NewDate(2026, time.June, 30)
		run, err := ms.Compute(ctx, office, monitoring.Request{Year: 2026, AsOf: cut}, now)
		modelstest.Must(t, err)
		if run.Label != "2026年第二季度" {
			t.Errorf("label %q", run.Label)
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("score runs and scores %v before, %v after a monitoring run", before, after)
		}
		lines, err := ms.Lines(ctx, office, run.ID, true)
		modelstest.Must(t, err)
		depts, err := s.Departments(ctx, models.System)
		modelstest.Must(t, err)
		if len(lines) != len(depts) {
			t.Fatalf("%d lines for %d units", len(lines), len(depts))
		}
		perKind := map[string]int{}
		var head models.Viewer
		for _, l := range lines {
			if !l.Rated() {
				continue
			}
			perKind[l.Kind]++
			if l.Rank < 1 || l.Rank > perKind[l.Kind] || l.KindRated < l.Rank {
				t.Errorf("%s (%s): rank %d of %d after %d of its kind", l.Name, l.Kind, l.Rank, l.KindRated, perKind[l.Kind])
			}
			res, err := l.Result()
			modelstest.Must(t, err)
			for _, slot := range res.NotDue {
				if scoring.SlotDue(slot.Period, cut) {
					t.Errorf("%s: a slot due set aside: %+v", l.Name, slot)
				}
			}
			head = models.Viewer{UserID: 9, Name: "负责人", Role: models.RoleHead, DepartmentID: l.DepartmentID}
		}
		if len(perKind) < 2 {
			t.Errorf("units rated in %d kinds, want the demo's kinds", len(perKind))
		}
		own, err := ms.Lines(ctx, head, run.ID, false)
		modelstest.Must(t, err)
		if len(own) != 1 || own[0].DepartmentID != head.DepartmentID {
			t.Errorf("a head reads %d lines", len(own))
		}
		if _, err := ms.Compute(ctx, leader, monitoring.Request{Year: 2026, AsOf: cut}, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the leader computed a run: %v", err)
		}
		for _, c := range []struct {
			asOf scoring.Date
			want string
		}{
			{scoring.NewDate(2025, time.December, 31), "须在2026年之内"},
			{scoring.NewDate(2026, time.December, 20), "晚于今天"},
		} {
			_, err := ms.Compute(ctx, office, monitoring.Request{Year: 2026, AsOf: c.asOf}, now)
			if msg := refusal(err); !strings.Contains(msg, c.want) {
				t.Errorf("cut-off %s: %v, want a refusal saying %q", c.asOf, err, c.want)
			}
		}
	})
}

// The office issues a run's 通报 once: a second is refused in Chinese
// naming the first, a correction is a new document that corrects it, and
// posting puts the one in force on the public site, once. A run of the
// same cut-off is refused once its 通报 is out.
func TestBulletinOnceThenCorrectedAndPosted(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		_, err := seed.Demo(ctx, s, demoDay)
		modelstest.Must(t, err)
		ms := monitoring.New(s, accountability.Decisions(s))
		cut := scoring.NewDate(2026, time.March, 31)
		run, err := ms.Compute(ctx, office, monitoring.Request{Year: 2026, AsOf: cut}, now)
		modelstest.Must(t, err)
		on := scoring.NewDate(2026, time.April, 10)
		if _, err := ms.IssueBulletin(ctx, leader, run.ID, on); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the leader issued a 通报: %v", err)
		}
		first, err := ms.IssueBulletin(ctx, office, run.ID, on)
		modelstest.Must(t, err)
		if first.Kind != monitoring.BulletinKind || first.Subject != monitoring.BulletinSubject || first.SubjectID != run.ID ||
			!strings.Contains(first.Title, "2026年第一季度") || !strings.Contains(first.HTML, "表扬") || len(first.DOCX) == 0 {
			t.Errorf("通报 %s %q kind %s subject %s/%d", first.Number, first.Title, first.Kind, first.Subject, first.SubjectID)
		}
		if _, err := ms.IssueBulletin(ctx, office, run.ID, on); !strings.Contains(refusal(err), first.Number) {
			t.Errorf("second 通报: %v, want a refusal naming %s", err, first.Number)
		}
		if _, err := ms.Compute(ctx, office, monitoring.Request{Year: 2026, AsOf: cut}, now); refusal(err) == "" {
			t.Errorf("a run of a cut-off whose 通报 is out: %v", err)
		}
		if _, err := ms.CorrectBulletin(ctx, office, run.ID, on+1, " "); refusal(err) == "" {
			t.Errorf("a correction without a reason: %v", err)
		}
		fixed, err := ms.CorrectBulletin(ctx, office, run.ID, on+1, "个别单位的逾期项数统计有误")
		modelstest.Must(t, err)
		if fixed.RefID != first.ID || fixed.Relation != documents.Corrects || !strings.Contains(fixed.Title, first.Number) {
			t.Errorf("correction %s refers to %d (%s)", fixed.Number, fixed.RefID, fixed.Relation)
		}
		modelstest.Must(t, ms.PostBulletin(ctx, office, run.ID, now))
		if err := ms.PostBulletin(ctx, office, run.ID, now); refusal(err) == "" {
			t.Errorf("second posting: %v", err)
		}
		posted, err := documents.Postings(ctx, s.DB, monitoring.BulletinKind)
		modelstest.Must(t, err)
		found := false
		for _, p := range posted {
			if p.ID == first.ID {
				t.Errorf("the corrected 通报 %s is posted", first.Number)
			}
			found = found || p.ID == fixed.ID
		}
		if !found {
			t.Errorf("postings %+v lack %s", posted, fixed.Number)
		}
		all, err := ms.Bulletins(ctx, office, run.ID)
		modelstest.Must(t, err)
		if len(all) != 2 {
			t.Errorf("%d 通报 of the run, want 2", len(all))
		}

		// Two offices issuing another run's 通报 at once: one is issued,
		// the other refused in Chinese.
		other, err := ms.Compute(ctx, office, monitoring.Request{Year: 2026, AsOf: scoring.NewDate(2026, time.April, 30)}, now)
		modelstest.Must(t, err)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := ms.IssueBulletin(ctx, office, other.ID, scoring.NewDate(2026, time.May, 8))
				errs <- err
			}()
		}
		var issued, refused int
		for range 2 {
			switch err := <-errs; {
			case err == nil:
				issued++
			case refusal(err) != "":
				refused++
			default:
				t.Errorf("a concurrent 通报: %v", err)
			}
		}
		if issued != 1 || refused != 1 {
			t.Errorf("concurrent 通报: %d issued, %d refused; want 1 and 1", issued, refused)
		}
	})
}

func TestLabel(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2026-09-30": "2026年第三季度",
		"2026-12-31": "2026年第四季度",
		"2026-08-31": "2026年8月",
		"2026-02-28": "2026年2月",
		"2026-09-15": "2026年1月1日至9月15日",
	} {
		d, err := scoring.ParseDate(in)
		modelstest.Must(t, err)
		if got := monitoring.Label(d); got != want {
			t.Errorf("Label(%s) = %q, want %q", in, got, want)
		}
	}
}

// Tally counts the duties due and not done and those done late; a thin
// week, a publication without its review and an act overturned are
// neither.
func TestTally(t *testing.T) {
	t.Parallel()
	done := scoring.NewDate(2026, time.May, 6)
	var ds []scoring.Deduction
	for _, k := range []scoring.DeductionKind{scoring.DeductSlotUnfilled, scoring.DeductSlotVoidQuarter, scoring.DeductQuarterlyMissing,
		scoring.DeductRequestOverdueOpen, scoring.DeductComplaintUnclosed, scoring.DeductChannelMissing} {
		ds = append(ds, scoring.Deduction{Kind: k}) // 6 missing
	}
	ds = append(ds, scoring.Deduction{Kind: scoring.DeductPublicationLate}, scoring.Deduction{Kind: scoring.DeductRequestLate, Done: done},
		scoring.Deduction{Kind: scoring.DeductQuarterlyLate, Done: done}) // 3 late
	ds = append(ds, scoring.Deduction{Kind: scoring.DeductWebsiteWeekThin}, scoring.Deduction{Kind: scoring.DeductReviewMissing},
		scoring.Deduction{Kind: scoring.DeductOverturned}) // neither
	res := scoring.DepartmentResult{Indicators: []scoring.IndicatorResult{{Deductions: ds[:5]}, {Deductions: ds[5:]}}}
	if missing, late := monitoring.Tally(&res); missing != 6 || late != 3 {
		t.Errorf("Tally = %d missing, %d late; want 6, 3", missing, late)
	}
}
