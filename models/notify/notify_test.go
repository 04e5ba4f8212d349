package notify_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/scoring"
)

// The schedule of a deadline's reminders, with the working-day calendar:
// 3 working days before (a weekend does not count), on the day, the first
// working day late, then every 5 working days.
func TestStage(t *testing.T) {
	t.Parallel()
	cal, err := scoring.NewCalendar()
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) scoring.Date {
		t.Helper()
		v, err := scoring.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	due := d("2026-12-09") // a Wednesday
	for _, tc := range []struct {
		today string
		stage string
		week  int
	}{
		{"2026-12-01", "", 0},          // 6 working days ahead
		{"2026-12-03", "", 0},          // Thursday: 4 working days ahead
		{"2026-12-04", "before", 0},    // Friday: Mon, Tue, Wed
		{"2026-12-06", "before", 0},    // Sunday
		{"2026-12-08", "before", 0},    // the day before
		{"2026-12-09", "due", 0},       // the day
		{"2026-12-10", "overdue", 0},   // 1 working day late
		{"2026-12-16", "overdue", 0},   // 5 working days late
		{"2026-12-17", "overdue.1", 1}, // 6: the second week
		{"2026-12-24", "overdue.2", 2}, // 11: the third
		{"2026-12-12", "overdue", 0},   // Saturday, 2 late
	} {
		stage, week := notify.Stage(cal, d(tc.today), due)
		if stage != tc.stage || week != tc.week {
			t.Errorf("Stage(%s, due %s) = %q, %d; want %q, %d", tc.today, due, stage, week, tc.stage, tc.week)
		}
	}
	if s, _ := notify.Stage(cal, d("2026-12-01"), 0); s != "" {
		t.Errorf("a deadline without a date earns %q", s)
	}
}

// bureau stores the calendar, the default scheme, a department with its
// head and clerk, and the office; it returns the department.
func bureau(t *testing.T, s *models.Store) (dept uint, head, clerk, office uint) {
	t.Helper()
	ctx := context.Background()
	modelstest.SaveHolidays(t, s, 2024)
	body, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	d := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&d).Error)
	mk := func(username, name string, role models.Role, dept *uint) uint {
		u := models.User{Username: username, Name: name, Role: role, DepartmentID: dept, PasswordHash: "x"}
		modelstest.Must(t, s.DB.Create(&u).Error)
		return u.ID
	}
	return d.ID, mk("za.head", "王队长", models.RoleHead, &d.ID), mk("za.clerk", "李承办", models.RoleClerk, &d.ID), mk("office", "赵主任", models.RoleOffice, nil)
}

// inboxOf reads an account's notifications.
func inboxOf(t *testing.T, s *models.Store, user uint) []notify.Notification {
	t.Helper()
	in, err := notify.New(s).Inbox(context.Background(), models.Viewer{UserID: user}, false, 1)
	modelstest.Must(t, err)
	return in.Rows
}

// A request due in 3 working days earns one reminder to the head and the
// clerk who handle it, sent once: by two instances running the pass at
// the same moment, and again after a restart. On the day and once overdue
// it earns the next ones; the second week overdue reaches the office.
func TestRemindersAreSentOnceAcrossInstances(t *testing.T) {
	t.Parallel()
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		stores := modelstest.Instances(t, engine, 3) // two at once, and the next process
		a, b, restarted := stores[0], stores[1], stores[2]
		dept, head, clerk, office := bureau(t, a)
		received := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, a.DB.Create(&models.Request{DepartmentID: dept, RequestNo: "2024-申-007", Received: received, Channel: "网络"}).Error)

		sch, err := a.CurrentScheme(ctx)
		modelstest.Must(t, err)
		cal, err := a.Calendar(ctx)
		modelstest.Must(t, err)
		due := scoring.RequestDue(cal, sch.TimeLimits, scoring.Request{Received: scoring.DateOf(received)}, scoring.DateOf(received))
		today := due - 1
		for cal.WorkingDays(today+1, due) < 3 {
			today--
		}
		now := today.Time().Add(9 * time.Hour)

		var wg sync.WaitGroup
		results := make([]notify.Result, 2)
		errs := make([]error, 2)
		for i, s := range []*models.Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = notify.New(s).Pass(ctx, nil, now)
			}()
		}
		wg.Wait()
		modelstest.Must(t, errs[0])
		modelstest.Must(t, errs[1])
		if got := results[0].Reminded + results[1].Reminded; got != 1 {
			t.Fatalf("two instances sent %d reminders, want 1", got)
		}
		r, err := notify.New(restarted).Pass(ctx, nil, now.Add(time.Hour))
		modelstest.Must(t, err)
		if r.Reminded != 0 {
			t.Fatalf("after a restart the pass sent %d reminders again", r.Reminded)
		}
		for _, u := range []uint{head, clerk} {
			ns := inboxOf(t, a, u)
			if len(ns) != 1 || ns[0].Subject != "notify.deadline.before" || ns[0].ReadAt != nil || ns[0].Link == "" {
				t.Fatalf("inbox of %d = %+v, want one unread reminder", u, ns)
			}
		}
		if ns := inboxOf(t, a, office); len(ns) != 0 {
			t.Fatalf("the office was told before the request was late: %+v", ns)
		}

		// On the day, then a second week late: the office too.
		for _, day := range []scoring.Date{due, cal.Due(due, 6)} {
			r, err := notify.New(b).Pass(ctx, nil, day.Time().Add(9*time.Hour))
			modelstest.Must(t, err)
			if r.Reminded != 1 {
				t.Fatalf("on %s the pass sent %d reminders, want 1", day, r.Reminded)
			}
		}
		if ns := inboxOf(t, a, office); len(ns) != 1 || ns[0].Subject != "notify.deadline.overdue_weeks" {
			t.Fatalf("the office's inbox = %+v, want the second week's reminder", ns)
		}
		if ns := inboxOf(t, a, head); len(ns) != 3 {
			t.Fatalf("the head got %d reminders, want 3", len(ns))
		}
	})
}

// An unread count, marking read one's own notification only, and who read
// a group of notifications.
func TestInboxReadAndReceipts(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		dept, head, clerk, office := bureau(t, s)
		now := time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
			return notify.ToDepartment(tx, dept, models.ActFileForDepartment, notify.Message{Kind: notify.KindRemind,
				Subject: "notify.remind.notice", Args: []string{"2024", "赵主任"}, Note: "请今天签收", Link: "/assessment/1/notice/1", Ref: "remind:plan:1"}, now)
		}))
		room := notify.New(s)
		headV, clerkV := models.Viewer{UserID: head}, models.Viewer{UserID: clerk}
		if n, _ := room.Unread(ctx, headV); n != 1 {
			t.Fatalf("head's unread = %d, want 1 (the clerk does not file for the department)", n)
		}
		if n, _ := room.Unread(ctx, clerkV); n != 0 {
			t.Fatalf("clerk's unread = %d, want 0", n)
		}
		n := inboxOf(t, s, head)[0]
		if _, err := room.MarkRead(ctx, models.Viewer{UserID: office}, n.ID, now); err != models.ErrNotFound {
			t.Fatalf("another account marked it read: %v", err)
		}
		rs, err := room.Receipts(ctx, "remind:plan:1")
		modelstest.Must(t, err)
		if len(rs) != 1 || rs[0].ReadAt != nil || rs[0].Name != "王队长" || rs[0].Note != "请今天签收" {
			t.Fatalf("receipts = %+v", rs)
		}
		link, err := room.MarkRead(ctx, headV, n.ID, now.Add(time.Hour))
		modelstest.Must(t, err)
		if link != "/assessment/1/notice/1" {
			t.Fatalf("link = %q", link)
		}
		rs, _ = room.Receipts(ctx, "remind:plan:1")
		if rs[0].ReadAt == nil || !rs[0].ReadAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("read at = %v, want %v", rs[0].ReadAt, now.Add(time.Hour))
		}
		if n, _ := room.Unread(ctx, headV); n != 0 {
			t.Fatalf("unread after reading = %d", n)
		}
	})
}
