package ledger_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// ledgerBureau stores the 2025 holiday notice (National Day: 1 to 8
// October off, Sunday 28 September and Saturday 11 October worked), the
// approved default scheme (15 working days, 15 more when extended) and two
// departments.
func ledgerBureau(t *testing.T, s *models.Store) (za, xj models.Department) {
	t.Helper()
	modelstest.SaveHolidays(t, s, 2025)
	body, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	modelstest.Must(t, s.EnsureShippedSchemes(context.Background(), [][]byte{body}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))
	za = models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	xj = models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&za).Error)
	modelstest.Must(t, s.DB.Create(&xj).Error)
	return za, xj
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr(s string) *time.Time { d := day(s); return &d }

// The ledger's due dates are B1's, counted by hand across the 2025 National
// Day holiday: received Friday 26 September, the 15 working days run 28
// September (a worked Sunday), 29, 30 September, 9, 10, 11 (a worked
// Saturday), 13 to 17, 20 to 23 October: due Thursday 23 October. A
// correction from 9 to 10 October (2 working days) moves it to 27 October;
// an approved extension adds 15 more.
func TestRequestLedgerDueDatesStatesAndScope(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		za, xj := ledgerBureau(t, s)
		modelstest.Must(t, s.DB.Create(&[]models.Request{
			{DepartmentID: za.ID, RequestNo: "A-plain", Received: day("2025-09-26"), Channel: "当面"},
			{DepartmentID: za.ID, RequestNo: "A-corrected", Received: day("2025-09-26"), Channel: "信函", CorrectionStart: ptr("2025-10-09"), CorrectionEnd: ptr("2025-10-10")},
			{DepartmentID: za.ID, RequestNo: "A-waiting", Received: day("2025-09-26"), Channel: "网络", PauseStart: ptr("2025-10-20")},
			{DepartmentID: za.ID, RequestNo: "A-late", Received: day("2025-09-24"), Channel: "当面", Answered: ptr("2025-10-22"), Answer: "不同意公开", Result: "不予公开：属于国家秘密", Fee: 5},
			{DepartmentID: za.ID, RequestNo: "A-extended", Received: day("2025-09-26"), Channel: "当面", Extended: true},
			{DepartmentID: xj.ID, RequestNo: "X-1", Received: day("2025-09-26"), Channel: "当面"},
		}).Error)
		today := scoring.DateOf(day("2025-10-22"))
		office := models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
		l, err := ledger.New(s).Requests(ctx, office, ledger.RequestFilter{}, today)
		modelstest.Must(t, err)
		got := map[string]ledger.RequestRow{}
		for _, r := range l.Rows {
			got[r.No] = r
		}
		for _, c := range []struct {
			no, due, state string
			left, late     int
		}{
			{"A-plain", "2025-10-23", ledger.StateOpen, 1, 0},
			{"A-corrected", "2025-10-27", ledger.StateOpen, 3, 0},
			// Waiting for the third party since 20 October: the pause runs
			// through today (3 working days), never overdue while it waits.
			{"A-waiting", "2025-10-28", ledger.StateThirdParty, 4, 0},
			// Received Wednesday 24 September: due 21 October, answered a
			// working day late.
			{"A-late", "2025-10-21", ledger.StateAnswered, 0, 1},
			{"A-extended", "2025-11-13", ledger.StateOpen, 16, 0},
			{"X-1", "2025-10-23", ledger.StateOpen, 1, 0},
		} {
			r := got[c.no]
			if r.Due.String() != c.due || r.State != c.state || r.DaysLeft != c.left || r.Late != c.late {
				t.Errorf("%s: due %s, %s, %d left, %d late; want %s, %s, %d, %d", c.no, r.Due, r.State, r.DaysLeft, r.Late, c.due, c.state, c.left, c.late)
			}
		}
		if len(got["A-late"].Fee) != 2 || len(got["A-plain"].Fee) != 0 {
			t.Errorf("fee warnings: %v, %v", got["A-late"].Fee, got["A-plain"].Fee)
		}
		if l.Rows[0].Due > l.Rows[len(l.Rows)-1].Due {
			t.Error("the ledger is not sorted by due date")
		}

		// On 24 October the plain request is overdue by one working day.
		overdue, err := ledger.New(s).Requests(ctx, office, ledger.RequestFilter{Overdue: true, Department: za.ID}, scoring.DateOf(day("2025-10-24")))
		modelstest.Must(t, err)
		if nos := numbers(overdue.Rows); !slices.Equal(nos, []string{"A-plain"}) || overdue.Rows[0].DaysLeft != -1 {
			t.Errorf("overdue on 24 October: %v", overdue.Rows)
		}
		soon, err := ledger.New(s).Requests(ctx, office, ledger.RequestFilter{DueWithin: 3}, today)
		modelstest.Must(t, err)
		if nos := numbers(soon.Rows); !slices.Equal(nos, []string{"A-plain", "X-1", "A-corrected"}) {
			t.Errorf("due within 3 working days: %v", nos)
		}

		// A head or a clerk reads their own department only, even when
		// asking for another's.
		for _, role := range []models.Role{models.RoleHead, models.RoleClerk} {
			v := models.Viewer{UserID: 2, Name: "何军", Role: role, DepartmentID: xj.ID}
			own, err := ledger.New(s).Requests(ctx, v, ledger.RequestFilter{}, today)
			modelstest.Must(t, err)
			other, err := ledger.New(s).Requests(ctx, v, ledger.RequestFilter{Department: za.ID}, today)
			modelstest.Must(t, err)
			if !slices.Equal(numbers(own.Rows), []string{"X-1"}) || len(other.Rows) != 0 {
				t.Errorf("%s reads %v, and %v of another department", role, numbers(own.Rows), numbers(other.Rows))
			}
		}
	})
}

func numbers(rows []ledger.RequestRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.No
	}
	return out
}

// The complaint ledger: each complaint's state on today, the line filter,
// the open ones first (oldest first) with the working days they waited, and
// a head's own department only.
func TestComplaintLedger(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		za, xj := ledgerBureau(t, s)
		modelstest.Must(t, s.DB.Create(&[]models.Complaint{
			{DepartmentID: za.ID, ComplaintNo: "T-closed", Line: "12389", Received: day("2025-09-01"), Replied: ptr("2025-09-02"), Closed: ptr("2025-09-10")},
			{DepartmentID: za.ID, ComplaintNo: "T-replied", Line: "网上问政", Received: day("2025-09-29"), Replied: ptr("2025-09-30")},
			{DepartmentID: za.ID, ComplaintNo: "T-waiting", Line: "12389", Received: day("2025-09-26")},
			{DepartmentID: xj.ID, ComplaintNo: "X-waiting", Line: "12389", Received: day("2025-09-26")},
		}).Error)
		today := scoring.DateOf(day("2025-10-09"))
		head := models.Viewer{UserID: 2, Name: "张卫", Role: models.RoleHead, DepartmentID: za.ID}
		l, err := ledger.New(s).Complaints(ctx, head, ledger.ComplaintFilter{}, today)
		modelstest.Must(t, err)
		var got []string
		for _, c := range l.Rows {
			got = append(got, c.No+" "+c.State)
		}
		if want := []string{"T-waiting waiting", "T-replied replied", "T-closed closed"}; !slices.Equal(got, want) {
			t.Errorf("the head's complaints: %v, want %v", got, want)
		}
		// Received Friday 26 September: 28, 29, 30 September and 9 October.
		if l.Rows[0].Waiting != 4 || !slices.Equal(l.Lines, []string{"12389", "网上问政"}) {
			t.Errorf("waited %d working days; lines %v", l.Rows[0].Waiting, l.Lines)
		}
		byLine, err := ledger.New(s).Complaints(ctx, models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}, ledger.ComplaintFilter{Line: "12389", State: ledger.ComplaintWaiting}, today)
		modelstest.Must(t, err)
		if byLine.Total != 2 {
			t.Errorf("the office's waiting 12389 complaints: %d, want 2", byLine.Total)
		}
	})
}
