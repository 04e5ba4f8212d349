package scoring

import (
	"strings"
	"testing"
)

func TestCalendar2024Days(t *testing.T) {
	cal := calendar(t)
	for _, tc := range []struct {
		date    string
		working bool
		why     string
	}{
		{"2024-02-04", true, "Sunday, make-up day for Spring Festival"},
		{"2024-02-09", true, "Friday, New Year's Eve, not in the notice"},
		{"2024-02-10", false, "Spring Festival"},
		{"2024-02-14", false, "Spring Festival, a Wednesday"},
		{"2024-02-17", false, "Spring Festival, last day"},
		{"2024-02-18", true, "Sunday, make-up day"},
		{"2024-09-29", true, "Sunday, make-up day for National Day"},
		{"2024-10-01", false, "National Day"},
		{"2024-10-07", false, "National Day, a Monday"},
		{"2024-10-08", true, "Tuesday after National Day"},
		{"2024-10-12", true, "Saturday, make-up day"},
		{"2024-10-13", false, "ordinary Sunday"},
		{"2007-12-29", true, "Saturday made a working day by the 2008 notice"},
		{"2007-12-31", false, "Monday off by the 2008 notice"},
		{"2027-01-01", true, "Friday of 2027: no notice, weekdays only"},
		{"1999-10-01", true, "before any notice: weekdays only"},
	} {
		if got := cal.IsWorkingDay(day(tc.date)); got != tc.working {
			t.Errorf("IsWorkingDay(%s) = %v, want %v (%s)", tc.date, got, tc.working, tc.why)
		}
	}
	if !cal.HasYear(2024) || !cal.HasYear(2007) || cal.HasYear(2027) || cal.HasYear(2006) {
		t.Error("HasYear must report exactly the years of the notices, 2007-2026")
	}
}

func TestCalendarDue(t *testing.T) {
	cal := calendar(t)
	for _, tc := range []struct {
		from string
		n    int
		want string
		why  string
	}{
		// Working days after Thu 8 Feb 2024: Fri 9, then 10-17 off, Sun 18
		// (make-up), Mon 19.
		{"2024-02-08", 1, "2024-02-09", "next day"},
		{"2024-02-08", 2, "2024-02-18", "the Sunday make-up day, across Spring Festival"},
		{"2024-02-08", 3, "2024-02-19", ""},
		{"2024-02-02", 1, "2024-02-04", "Fri → the Sunday make-up day; Saturday 3rd is off"},
		{"2024-02-12", 1, "2024-02-18", "from inside the holiday"},
		// Fri 27 Sep: Sun 29 (make-up), Mon 30, then 1-7 Oct off, Tue 8.
		{"2024-09-27", 1, "2024-09-29", ""},
		{"2024-09-27", 3, "2024-10-08", "across National Day"},
		// Mon 30 Sep: 8, 9, 10, 11 Oct, then Saturday 12 (make-up) is the 5th.
		{"2024-09-30", 5, "2024-10-12", "the Saturday make-up day"},
		// A request received Fri 20 Sep, 15 working days: 23-27 (5), 29,
		// 30 (7), 8-12 Oct (12), 14-16 (15).
		{"2024-09-20", 15, "2024-10-16", "request clock across National Day"},
		// 20 working days after Thu 8 Feb: 9, 18, 19-23 (7), 26-29, 1 Mar
		// (12), 4-8 (17), 11-13 (20).
		{"2024-02-08", 20, "2024-03-13", "publication clock across Spring Festival"},
		// Fri 20 Dec 2024 + 15: 23-27 (5), 30, 31 (7), 1 Jan 2025 is off,
		// 2, 3 (9), 6-10 (14), 13 (15). Needs the 2025 notice.
		{"2024-12-20", 15, "2025-01-13", "across New Year"},
		{"2024-02-08", 0, "2024-02-08", "n < 1 returns the date"},
	} {
		if got := cal.Due(day(tc.from), tc.n); got.String() != tc.want {
			t.Errorf("Due(%s, %d) = %s, want %s %s", tc.from, tc.n, got, tc.want, tc.why)
		}
	}
}

func TestCalendarCounts(t *testing.T) {
	cal := calendar(t)
	for _, tc := range []struct {
		from, to string
		want     int
		why      string
	}{
		{"2024-02-10", "2024-02-17", 0, "Spring Festival"},
		{"2024-10-01", "2024-10-07", 0, "National Day"},
		// 21 weekdays in February 2024, minus 12-16 off, plus Sundays 4 and 18.
		{"2024-02-01", "2024-02-29", 18, "February 2024"},
		{"2024-09-30", "2024-10-08", 2, "a pause across National Day: Mon 30 Sep and Tue 8 Oct"},
		{"2024-10-12", "2024-10-12", 1, "one make-up day, both ends included"},
		{"2024-10-13", "2024-10-12", 0, "reversed"},
	} {
		if got := cal.WorkingDays(day(tc.from), day(tc.to)); got != tc.want {
			t.Errorf("WorkingDays(%s, %s) = %d, want %d (%s)", tc.from, tc.to, got, tc.want, tc.why)
		}
	}
	for _, tc := range []struct {
		due, done string
		want      int
	}{
		{"2024-02-08", "2024-02-19", 3}, // 9, 18, 19
		{"2024-02-08", "2024-02-08", 0},
		{"2024-02-08", "2024-02-01", 0},
		{"2024-06-20", "2024-06-21", 1},
	} {
		if got := cal.WorkingDaysLate(day(tc.due), day(tc.done)); got != tc.want {
			t.Errorf("WorkingDaysLate(%s, %s) = %d, want %d", tc.due, tc.done, got, tc.want)
		}
	}
}

// Due and WorkingDays must agree with a day-by-day walk, inside the notices,
// across their edges and in the fallback years on both sides.
func TestCalendarMatchesWalk(t *testing.T) {
	cal := calendar(t)
	walkDue := func(d Date, n int) Date {
		for n > 0 {
			d++
			if cal.IsWorkingDay(d) {
				n--
			}
		}
		return d
	}
	for d := day("2005-12-01"); d <= day("2028-01-31"); d += 3 {
		for _, n := range []int{1, 5, 15, 30} {
			if got, want := cal.Due(d, n), walkDue(d, n); got != want {
				t.Fatalf("Due(%s, %d) = %s, walk gives %s", d, n, got, want)
			}
		}
		if got, want := cal.WorkingDays(d, d+40), cal.WorkingDaysLate(d-1, d+40); got != want {
			t.Fatalf("WorkingDays(%s, +40) = %d, WorkingDaysLate from the day before = %d", d, got, want)
		}
	}
}

func TestNewCalendarRefusesBadNotices(t *testing.T) {
	for _, tc := range []struct {
		name  string
		years []HolidayYear
		want  string
	}{
		{"bad date", []HolidayYear{{Year: 2024, Days: []HolidayDay{{Date: "2024-02-30"}}}}, "日期“2024-02-30”无效"},
		{"date of another year", []HolidayYear{{Year: 2024, Days: []HolidayDay{{Date: "2022-12-31"}}}}, "不属于该年或上一年"},
		{"year twice", []HolidayYear{{Year: 2024}, {Year: 2024}}, "重复提供"},
		{"date twice", []HolidayYear{{Year: 2024, Days: []HolidayDay{{Date: "2024-10-01", IsOffDay: true}, {Date: "2024-10-01"}}}}, "出现了两次"},
	} {
		if _, err := NewCalendar(tc.years...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// A December date declared by both notices takes the later notice's word.
func TestNewCalendarLaterNoticeWins(t *testing.T) {
	cal, err := NewCalendar(
		HolidayYear{Year: 2031, Days: []HolidayDay{{Date: "2030-12-30", IsOffDay: true}}},
		HolidayYear{Year: 2030, Days: []HolidayDay{{Date: "2030-12-30", IsOffDay: false}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if cal.IsWorkingDay(day("2030-12-30")) {
		t.Error("2030-12-30: the 2031 notice made it a day off")
	}
}
