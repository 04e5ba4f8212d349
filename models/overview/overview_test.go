package overview_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/scoring"
)

// The overview's figures for a small 2024, as of Monday 16 December, worked
// out by hand with the 2024 notice (National Day 1-7 Oct off, Sat 12 Oct worked).
func TestOverviewFiguresAndDeadlines(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		modelstest.SaveHolidays(t, s, 2024)
		body, err := os.ReadFile("../../seed/schemes/default-1.json")
		modelstest.Must(t, err)
		scheme, err := scoring.ParseScheme(body)
		modelstest.Must(t, err)

		d := models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&d).Error)
		for q, day := range []string{"2024-03-20", "2024-06-20", "2024-09-20"} {
			modelstest.Must(t, s.DB.Create(&models.QuarterlyReport{DepartmentID: d.ID, Year: 2024, Quarter: q + 1, Submitted: ptr(day)}).Error)
		}
		modelstest.Must(t, s.DB.Create(&[]models.Request{
			// Fri 1 Mar → Fri 8 Mar: 5 working days, due 22 Mar, on time.
			{DepartmentID: d.ID, RequestNo: "r1", Received: date("2024-03-01"), Channel: "网络", Answered: ptr("2024-03-08")},
			// Mon 30 Sep → Fri 25 Oct: 15 working days (8-12*, 14-18, 21-25), due 25 Oct, on time.
			{DepartmentID: d.ID, RequestNo: "r2", Received: date("2024-09-30"), Channel: "网络", Answered: ptr("2024-10-25")},
			// Fri 1 Nov → Tue 10 Dec: 27 working days, due 22 Nov, late.
			{DepartmentID: d.ID, RequestNo: "r3", Received: date("2024-11-01"), Channel: "网络", Answered: ptr("2024-12-10")},
			// Mon 25 Nov, open: due 16 Dec, today: due soon, not overdue.
			{DepartmentID: d.ID, RequestNo: "r4", Received: date("2024-11-25"), Channel: "网络"},
			// Tue 8 Oct, open: due 28 Oct: overdue.
			{DepartmentID: d.ID, RequestNo: "r5", Received: date("2024-10-08"), Channel: "网络"},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]models.Complaint{
			{DepartmentID: d.ID, ComplaintNo: "c1", Received: date("2024-05-06"), Replied: ptr("2024-05-07")},
			{DepartmentID: d.ID, ComplaintNo: "c2", Received: date("2024-06-03")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]models.Publication{
			{DepartmentID: d.ID, IndexNo: "p1", Seq: 1, Title: "a", Channel: "网站", Published: date("2024-03-04")},
			{DepartmentID: d.ID, IndexNo: "p2", Seq: 1, Title: "b", Channel: "网站", Published: date("2024-03-28")},
			{DepartmentID: d.ID, IndexNo: "p3", Seq: 1, Title: "c", Channel: "微博", Published: date("2024-12-02")},
		}).Error)

		o, err := overview.New(s).Overview(ctx, 2024, scoring.NewDate(2024, 12, 16), scheme, map[uint]bool{d.ID: true})
		modelstest.Must(t, err)
		r := o.Requests
		if r.Received != 5 || r.Answered != 3 || r.OnTime != 2 || r.MedianDays != 15 || r.MeanDays < 15.66 || r.MeanDays > 15.67 {
			t.Errorf("requests: %+v, want 5 received, 3 answered, 2 on time, median 15, mean 47/3", r)
		}
		if !slices.Equal(r.Buckets, []int{1, 0, 1, 0, 1, 0}) {
			t.Errorf("histogram %v, want one each in 1-5, 11-15, 21-30", r.Buckets)
		}
		if len(r.OldestOpen) != 2 || r.OldestOpen[0].No != "r5" || r.OldestOpen[1].No != "r4" {
			t.Errorf("oldest open: %+v, want r5 then r4", r.OldestOpen)
		}
		if o.Monthly["网站"][2] != 2 || o.Monthly["微博"][11] != 1 {
			t.Errorf("monthly: 网站 %v 微博 %v", o.Monthly["网站"], o.Monthly["微博"])
		}
		if o.Complaints != (overview.ComplaintStats{Received: 2, Replied: 1, Closed: 0}) {
			t.Errorf("complaints %+v", o.Complaints)
		}
		titles := func(ds []clocks.Deadline) (out []string) {
			for _, d := range ds {
				out = append(out, d.Kind+":"+d.Title+"@"+d.Due.String())
			}
			return out
		}
		if got := titles(o.Overdue); !slices.Equal(got, []string{"request:r5@2024-10-28"}) {
			t.Errorf("overdue %v", got)
		}
		// Due within five working days of 16 Dec (by 23 Dec): r4 today, the Q4 report on the 20th.
		if got := titles(o.Upcoming); !slices.Equal(got, []string{"request:r4@2024-12-16", "quarterly_report:2024年第4季度@2024-12-20"}) {
			t.Errorf("upcoming %v", got)
		}
		// The reports owed are read once per change of units and reports
		// (issue 27): the fourth quarter's, filed, is owed no more.
		modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
			q4 := models.QuarterlyReport{DepartmentID: d.ID, Year: 2024, Quarter: 4, Submitted: ptr("2024-12-13")}
			if err := tx.DB.Create(&q4).Error; err != nil {
				return err
			}
			return tx.Record("create", "quarterly_report", q4.ID, nil, map[string]int{"quarter": 4})
		}))
		o, err = overview.New(s).Overview(ctx, 2024, scoring.NewDate(2024, 12, 16), scheme, map[uint]bool{d.ID: true})
		modelstest.Must(t, err)
		if got := titles(o.Upcoming); !slices.Equal(got, []string{"request:r4@2024-12-16"}) {
			t.Errorf("upcoming after the fourth quarter's report was filed: %v", got)
		}
	})
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(s string) *time.Time { t := date(s); return &t }
