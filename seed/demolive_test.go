package seed_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// beijing is an hour in Beijing on a day: the demo's clock, pinned.
func beijing(y int, m time.Month, d, hour int) time.Time {
	return time.Date(y, m, d, hour, 0, 0, 0, time.FixedZone("CST", 8*60*60))
}

// demoToday is the day the demo tests open the demo on.
var demoToday = beijing(2026, time.December, 7, 9)

// demo loads the demo as it stands on today.
func demo(t *testing.T, s *models.Store, today time.Time) {
	t.Helper()
	if loaded, err := seed.Demo(context.Background(), s, today); err != nil || !loaded {
		t.Fatalf("demo on %s: loaded=%v err=%v", today.Format(time.DateOnly), loaded, err)
	}
}

// The closed year is the last one whose assessment the demo publishes
// (and re-opens and corrects, on 10 April) before today.
func TestClosedYearFollowsTheClock(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		today time.Time
		want  int
	}{
		{beijing(2026, time.December, 7, 9), 2025},
		{beijing(2027, time.January, 15, 9), 2025},
		{beijing(2026, time.March, 10, 9), 2024},
		{beijing(2026, time.April, 10, 9), 2024},
		{beijing(2026, time.April, 10, 11), 2025},
		{beijing(2027, time.June, 1, 9), 2026},
	} {
		if got := seed.ClosedYear(c.today); got != c.want {
			t.Errorf("ClosedYear(%s) = %d, want %d", c.today, got, c.want)
		}
	}
}

// uncovered is 15 January of the first year the shipped holiday calendar
// does not cover (2027 while it ends in 2026).
func uncovered(t *testing.T) time.Time {
	files := seed.HolidayFiles()
	last, err := strconv.Atoi(strings.TrimSuffix(files[len(files)-1].Name, ".json"))
	modelstest.Must(t, err)
	return beijing(last+1, time.January, 15, 9)
}

// A demo opened on any day looks like a bureau at work on that day: the
// closed year published with its 更正, the current year's records up to
// today and none after it, reports filed on time, and the office's and the
// heads' to-do lists with a few late items at most, never a flood. Early
// in a year without a holiday notice the demo still loads: its working days
// there are Monday to Friday, as the product counts any such year.
func TestDemoLivesInToday(t *testing.T) {
	t.Parallel()
	for _, today := range []time.Time{demoToday, uncovered(t), beijing(2026, time.March, 10, 9)} {
		t.Run(today.Format(time.DateOnly), func(t *testing.T) {
			t.Parallel()
			modelstest.Each(t, func(t *testing.T, s *models.Store) {
				demo(t, s, today)
				checkDemoOn(t, s, today)
				cal, err := s.Calendar(context.Background())
				modelstest.Must(t, err)
				if today.Equal(uncovered(t)) && cal.HasYear(today.Year()) {
					t.Errorf("the calendar has %d: the day does not test a year without a notice", today.Year())
				}
			})
		})
	}
}

// maxOverdue is the most overdue rows a demo's to-do list may show: a few
// just late, no flood.
const maxOverdue = 3

func checkDemoOn(t *testing.T, s *models.Store, today time.Time) {
	ctx := context.Background()
	closed, day := seed.ClosedYear(today), scoring.DateOf(today)
	published, err := assessment.New(s).Published(ctx)
	modelstest.Must(t, err)
	if len(published) != 2 || published[0].Assessed != closed || published[0].Kind != assessment.KindResultsCorrection {
		t.Errorf("want the %d results and their 更正 published, got %d notices", closed, len(published))
	}
	years, err := scoreruns.New(s).Years(ctx)
	modelstest.Must(t, err)
	if len(years) != 1 || years[0] != closed {
		t.Errorf("scored years %v, want %d", years, closed)
	}

	// Nothing after today; the current year present up to it.
	end := day.Time().AddDate(0, 0, 1)
	for _, c := range []struct {
		model  any
		column string
	}{
		{&models.Publication{}, "published"}, {&models.Request{}, "received"}, {&models.Request{}, "answered"},
		{&models.Request{}, "forwarded"}, {&models.Complaint{}, "replied"}, {&models.Complaint{}, "closed"},
		{&models.QuarterlyReport{}, "submitted"}, {&models.AnnualReport{}, "submitted"}, {&clocks.SecrecyReview{}, "decided"},
		{&clocks.Coordination{}, "replied"}, {&clocks.PressConference{}, "held"}, {&accountability.Case{}, "decided"}, {&accountability.Case{}, "opened_at"},
		{&scoreruns.ScoreRun{}, "computed_at"}, {&assessment.Event{}, "at"},
	} {
		var n int64
		modelstest.Must(t, s.DB.Model(c.model).Where(c.column+" >= ?", end).Count(&n).Error)
		if n > 0 {
			t.Errorf("%d rows of %T dated after today by %s", n, c.model, c.column)
		}
	}
	var pubs, reqs int64
	jan1 := scoring.NewDate(today.Year(), time.January, 1).Time()
	modelstest.Must(t, s.DB.Model(&models.Publication{}).Where("published >= ?", jan1).Count(&pubs).Error)
	modelstest.Must(t, s.DB.Model(&models.Request{}).Where("received >= ?", jan1).Count(&reqs).Error)
	if pubs < int64(5*today.YearDay()/7) || reqs == 0 {
		t.Errorf("this year to date: %d publications, %d requests", pubs, reqs)
	}
	var recent int64
	modelstest.Must(t, s.DB.Model(&models.Publication{}).Where("published >= ?", day.Time().AddDate(0, 0, -7)).Count(&recent).Error)
	if recent == 0 {
		t.Error("nothing published in the last week")
	}

	// The discipline office at work: cases of the last two months at each stage.
	var live []accountability.Case
	modelstest.Must(t, s.DB.Where("opened_at >= ?", day.Time().AddDate(0, 0, -61)).Find(&live).Error)
	states := map[accountability.Status]bool{}
	for _, c := range live {
		states[c.Status] = true
	}
	if !states[accountability.Investigating] || !states[accountability.Heard] || !states[accountability.Notified] {
		t.Errorf("cases opened in the last two months: %v, want one under investigation, one heard, one notified", states)
	}

	// The to-do lists: the office's reports overdue, each demo head's agenda.
	office := models.Viewer{Role: models.RoleOffice}
	sch, err := s.CurrentScheme(ctx)
	modelstest.Must(t, err)
	late, err := overview.New(s).NotFiled(ctx, office, day, sch)
	modelstest.Must(t, err)
	if len(late) > maxOverdue {
		t.Errorf("the office's home lists %d reports overdue, want at most %d: %+v", len(late), maxOverdue, late)
	}
	names, err := s.LoadNames(ctx)
	modelstest.Must(t, err)
	for _, code := range []string{"", "SJ09", "FJ01", "SJ11"} {
		id := names.Departments[code] // 0: the bureau
		due, err := reports.AnnualDueOf(ctx, s, office, id, today)
		modelstest.Must(t, err)
		if due.Overdue {
			t.Errorf("%q: the annual report of %d is overdue", code, due.Year)
		}
		if id == 0 {
			continue
		}
		lead, err := reports.New(s).LeadsAnItem(ctx, office, id)
		modelstest.Must(t, err)
		a, err := overview.New(s).AgendaOf(ctx, office, id, lead, day, sch, overview.HeadHorizon, nil)
		modelstest.Must(t, err)
		if len(a.Overdue) > maxOverdue {
			t.Errorf("%s's agenda has %d overdue, want at most %d: %+v", code, len(a.Overdue), maxOverdue, a.Overdue)
		}
		// On 7 December 治安支队's fourth quarterly report falls due on 20 December.
		if today.Equal(demoToday) && code == "SJ09" && !slices.ContainsFunc(a.Upcoming, func(d clocks.Deadline) bool { return d.Kind == "quarterly_report" }) {
			t.Errorf("SJ09's agenda on %s: nothing due soon among %+v", day, a.Upcoming)
		}
	}
}
