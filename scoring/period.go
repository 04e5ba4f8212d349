package scoring

import (
	"time"
)

// PeriodKind names the span of a slot or of a deduction.
type PeriodKind string

// The kinds of period.
const (
	PeriodStanding PeriodKind = "standing" // 长期: anything up to the end of the year
	PeriodYear     PeriodKind = "year"
	PeriodQuarter  PeriodKind = "quarter"
	PeriodMonth    PeriodKind = "month"
	PeriodWeek     PeriodKind = "week" // Monday to Sunday
)

// Period is a span of days, both ends included. A standing period has no
// start: publications of earlier years count.
type Period struct {
	Kind       PeriodKind
	Start, End Date
}

func standingPeriod(year int) Period {
	_, last := YearSpan(year)
	return Period{PeriodStanding, 0, last}
}

func yearPeriod(year int) Period {
	first, last := YearSpan(year)
	return Period{PeriodYear, first, last}
}

func quarterPeriod(year, q int) Period {
	first := time.Month(3*q - 2)
	return Period{PeriodQuarter, NewDate(year, first, 1), NewDate(year, first+3, 1) - 1}
}

func monthPeriod(year int, m time.Month) Period {
	return Period{PeriodMonth, NewDate(year, m, 1), NewDate(year, m+1, 1) - 1}
}

func weekPeriod(monday Date) Period {
	return Period{PeriodWeek, monday, monday + 6}
}

// Contains reports whether d falls in p.
func (p Period) Contains(d Date) bool {
	return !d.IsZero() && d >= p.Start && d <= p.End
}

// Text names the period for people: "2024年第2季度", "2024年3月", "长期",
// "2024年度", "2024-01-29至2024-02-04"; in English "2024 Q2", "2024-03",
// "standing", "2024", "week of 2024-01-29".
func (p Period) Text() Text {
	y := p.End.Year()
	switch p.Kind {
	case PeriodStanding:
		return text("period.standing")
	case PeriodYear:
		return text("period.year", y)
	case PeriodQuarter:
		return text("period.quarter", y, p.Start.Quarter())
	case PeriodMonth:
		return text("period.month", y, int(p.Start.Month()))
	case PeriodWeek:
		return text("period.week", p.Start, p.End)
	}
	return Text{}
}
