package clocks

import (
	"slices"

	"github.com/gongkai/gongkai/scoring"
)

// Deadline is something a department must do by a date.
type Deadline struct {
	DepartmentID uint
	Kind         string // request, quarterly_report, annual_report, or a clock's (clocks_store.go)
	Title        string // request number, the report's period, a review's or coordination's title
	RecordID     uint   // the record behind it (its kind is Kind's); 0 for a report not yet filed
	Due          scoring.Date
	URL          string // where the department acts, when not the record's page: a report's filing form, an assessment
}

// The kinds of clock deadline, as Deadline.Kind.
const (
	DeadlineReview           = "secrecy_review"    // a review to decide
	DeadlineCoordination     = "coordination"      // a reply the department owes
	DeadlineCoordinationSent = "coordination_sent" // a reply the department awaits
)

// RecordKind is the kind of record page the deadline links to.
func (d Deadline) RecordKind() string {
	switch d.Kind {
	case DeadlineReview:
		return string(scoring.RecordSecrecyReview)
	case DeadlineCoordination, DeadlineCoordinationSent:
		return string(scoring.RecordCoordination)
	}
	return "request"
}

// SortByDue orders deadlines by due date, stably.
func SortByDue(ds []Deadline) {
	slices.SortStableFunc(ds, func(a, b Deadline) int { return int(a.Due - b.Due) })
}

// SplitDeadlines adds to overdue what was due before today and to upcoming
// what falls due from today to horizon; later deadlines are left out.
func SplitDeadlines(ds []Deadline, today, horizon scoring.Date, overdue, upcoming *[]Deadline) {
	for _, d := range ds {
		switch {
		case d.Due < today:
			*overdue = append(*overdue, d)
		case d.Due <= horizon:
			*upcoming = append(*upcoming, d)
		}
	}
}

// UpcomingWorkDays is how far ahead the overview looks: a deadline within
// the next 5 working days is upcoming (即将到期).
const UpcomingWorkDays = 5

// UpcomingHorizon is the last day counted as upcoming from today.
func UpcomingHorizon(cal *scoring.Calendar, today scoring.Date) scoring.Date {
	return cal.Due(today, UpcomingWorkDays)
}
