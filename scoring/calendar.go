package scoring

import (
	"fmt"
	"slices"
	"time"
)

// HolidayDay is one day of a State Council holiday notice (国务院办公厅关于
// 节假日安排的通知), in the format of the holiday-cn data set.
type HolidayDay struct {
	Name string `json:"name"`
	Date string `json:"date"`
	// IsOffDay is true for an official day off and false for a make-up
	// working day (调休) that falls on a weekend.
	IsOffDay bool `json:"isOffDay"`
}

// HolidayYear is the notice for one year: its days and the papers it cites.
type HolidayYear struct {
	Year   int          `json:"year"`
	Papers []string     `json:"papers"`
	Days   []HolidayDay `json:"days"`
}

// Calendar answers working-day questions: Monday to Friday that is not an
// official day off, plus every make-up working day. Years without a notice
// fall back to weekends only; HasYear tells which years had one.
//
// Every working day has an ordinal (its rank among all working days since
// 0001-01-01), so counting and stepping are O(1): a table covers the span
// of the notices and plain weekday arithmetic covers the rest.
type Calendar struct {
	years map[int]bool

	lo, hi  Date    // span of the table; lo > hi when no day was given
	working []bool  // working[d-lo]
	ord     []int32 // ord[d-lo]: ordinal of the last working day on or before d
	nth     []Date  // nth[k-base-1]: the working day with ordinal k
	base    int     // ordinal of the last working day before lo
	shift   int     // how far notices moved ordinals after hi from weekday counting
}

// NewCalendar merges the given notices. A notice may declare days of the
// previous December (the 2008 notice moves 2007-12-29..31); where two
// notices disagree on a date, the later year's notice wins, because it is the
// one that changed it. Dates must parse and belong to the notice's year or
// the year before, and each year may be given once.
func NewCalendar(years ...HolidayYear) (*Calendar, error) {
	sorted := slices.Clone(years)
	slices.SortStableFunc(sorted, func(a, b HolidayYear) int { return a.Year - b.Year })

	c := &Calendar{years: make(map[int]bool, len(sorted)), lo: 1, hi: 0}
	days := make(map[Date]bool)
	for _, y := range sorted {
		if y.Year < 2 || y.Year > 9999 {
			return nil, fmt.Errorf("节假日安排的年份 %d 无效", y.Year)
		}
		if c.years[y.Year] {
			return nil, fmt.Errorf("%d 年的节假日安排重复提供", y.Year)
		}
		c.years[y.Year] = true
		seen := make(map[Date]bool, len(y.Days))
		for _, day := range y.Days {
			d, err := ParseDate(day.Date)
			if err != nil {
				return nil, fmt.Errorf("%d 年节假日安排：%w", y.Year, err)
			}
			if dy := d.Year(); dy != y.Year && dy != y.Year-1 {
				return nil, fmt.Errorf("%d 年节假日安排中的日期 %s 不属于该年或上一年", y.Year, d)
			}
			if seen[d] {
				return nil, fmt.Errorf("%d 年节假日安排中日期 %s 出现了两次", y.Year, d)
			}
			seen[d] = true
			days[d] = !day.IsOffDay
		}
	}
	c.build(days)
	return c, nil
}

// build lays out the tables over the span of the declared days.
func (c *Calendar) build(days map[Date]bool) {
	if len(days) == 0 {
		return
	}
	c.lo, c.hi = daySpan(days)
	n := int(c.hi-c.lo) + 1
	c.working = make([]bool, n)
	c.ord = make([]int32, n)
	c.base = weekdayOrdinal(c.lo - 1)
	k := c.base
	for i := range n {
		d := c.lo + Date(i)
		w, declared := days[d]
		if !declared {
			w = isWeekday(d)
		}
		if w {
			k++
			c.nth = append(c.nth, d)
		}
		c.working[i] = w
		c.ord[i] = int32(k)
	}
	c.shift = k - weekdayOrdinal(c.hi)
}

// daySpan returns the earliest and the latest declared day.
func daySpan(days map[Date]bool) (lo, hi Date) {
	for d := range days {
		if lo == 0 || d < lo {
			lo = d
		}
		if d > hi {
			hi = d
		}
	}
	return lo, hi
}

// HasYear reports whether a notice for year y was given. Working days of a
// year without one are weekdays only, which the score must disclose.
func (c *Calendar) HasYear(y int) bool { return c.years[y] }

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if d >= c.lo && d <= c.hi {
		return c.working[d-c.lo]
	}
	return isWeekday(d)
}

// Due returns due(d, n): the n-th working day strictly after d; d itself
// never counts, even when it is a working day. A thing done on or before
// its due date is on time. For n < 1, or the zero Date, Due returns d.
func (c *Calendar) Due(d Date, n int) Date {
	if d.IsZero() || n < 1 {
		return d
	}
	return c.dateOf(c.ordinal(d) + n)
}

// WorkingDays counts the working days in [from, to], both ends included,
// as a consultation or correction pause is counted. It is 0 when either
// date is zero or to is before from.
func (c *Calendar) WorkingDays(from, to Date) int {
	if from.IsZero() || to.IsZero() || to < from {
		return 0
	}
	return c.ordinal(to) - c.ordinal(from-1)
}

// WorkingDaysLate counts the working days after due up to and including
// done: how late a thing done on done was. It is 0 when done is on time.
func (c *Calendar) WorkingDaysLate(due, done Date) int {
	if due.IsZero() || done <= due {
		return 0
	}
	return c.ordinal(done) - c.ordinal(due)
}

// ordinal returns the rank of the last working day on or before d.
func (c *Calendar) ordinal(d Date) int {
	switch {
	case d < c.lo:
		return weekdayOrdinal(d)
	case d > c.hi:
		return weekdayOrdinal(d) + c.shift
	}
	return int(c.ord[d-c.lo])
}

// dateOf returns the working day whose ordinal is k.
func (c *Calendar) dateOf(k int) Date {
	switch {
	case k <= c.base:
		return nthWeekday(k)
	case k > c.base+len(c.nth):
		return nthWeekday(k - c.shift)
	}
	return c.nth[k-c.base-1]
}

// isWeekday reports whether d falls Monday to Friday.
func isWeekday(d Date) bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday
}

// weekdayOrdinal counts Mondays to Fridays in [0001-01-01, d]; that first
// day was a Monday, so whole weeks contribute five each.
func weekdayOrdinal(d Date) int {
	t := int(d) - 1
	if t < 0 {
		return 0
	}
	return 5*(t/7) + min(t%7+1, 5)
}

// nthWeekday is the inverse of weekdayOrdinal on weekdays: the k-th Monday
// to Friday since 0001-01-01.
func nthWeekday(k int) Date {
	k--
	return Date(7*(k/5)+k%5) + 1
}
