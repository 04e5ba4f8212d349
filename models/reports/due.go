package reports

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// statutory are the limits of an information request in working days (seed
// 004 art. 24): 15 to answer, and up to 15 more when an extension is approved.
var statutory = scoring.TimeLimits{Request: 15, Extension: 15}

// requestDue is when an answered request was due, by the same rule as the
// scores (scoring.RequestDue), with the extension when withExtension; the
// pauses count up to the answer.
func requestDue(cal *scoring.Calendar, r models.Request, withExtension bool) scoring.Date {
	q := scoring.Request{
		Received: scoring.DateOf(r.Received), Extended: withExtension,
		PauseStart: dateOf(r.PauseStart), PauseEnd: dateOf(r.PauseEnd),
		CorrectionStart: dateOf(r.CorrectionStart), CorrectionEnd: dateOf(r.CorrectionEnd),
	}
	return scoring.RequestDue(cal, statutory, q, dateOf(r.Answered))
}

// dateOf is the civil date of an optional date column; zero when unset.
func dateOf(t *time.Time) scoring.Date {
	if t == nil {
		return 0
	}
	return scoring.DateOf(*t)
}

// AnnualDue is when a unit's annual report of a year is owed: by 31 January
// of the next year for a department, 31 March for the bureau's own report
// (条例 art. 49); for a department also the date the scheme's D3 scores
// (seed 004: 10 January), when an approved scheme sets one.
type AnnualDue struct {
	Year      int
	Statutory scoring.Date
	Scheme    scoring.Date // zero for the bureau, or without an approved scheme
	Final     *AnnualFinal
	Overdue   bool // not final and the earlier date has passed
}

// AnnualDueOf is the annual report a unit owes on today: the report of the
// year before. deptID 0 is the bureau.
func AnnualDueOf(ctx context.Context, s *models.Store, v models.Viewer, deptID uint, today time.Time) (*AnnualDue, error) {
	if err := v.CanReadReport(deptID); err != nil {
		return nil, err
	}
	y := today.Year() - 1
	d := &AnnualDue{Year: y, Statutory: scoring.NewDate(y+1, time.January, 31)}
	if deptID == 0 {
		d.Statutory = scoring.NewDate(y+1, time.March, 31)
	} else {
		sc, err := s.CurrentScheme(ctx)
		if err != nil {
			return nil, err
		}
		if sc != nil {
			d.Scheme = sc.Params.AnnualDue(y)
		}
	}
	var err error
	if d.Final, err = New(s).AnnualFinalOf(ctx, y, deptID); err != nil {
		return nil, err
	}
	first := d.Statutory
	if !d.Scheme.IsZero() && d.Scheme < first {
		first = d.Scheme
	}
	d.Overdue = d.Final == nil && scoring.DateOf(today) > first
	return d, nil
}
