package reports

import (
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The statutory limits of an information request in working days (seed 004
// art. 24): 15 to answer, and up to 15 more when an extension is approved.
const (
	answerLimit    = 15
	extensionLimit = 15
)

// requestDue is when an answered request was due: the answer limit, plus the
// extension when withExtension, plus the working days of the third-party
// consultation and correction pauses, counted after the day of receipt as
// scoring counts them. A pause without an end runs to the answer.
func requestDue(cal *scoring.Calendar, r models.Request, withExtension bool) scoring.Date {
	answered := dateOf(r.Answered)
	days := answerLimit
	if withExtension {
		days += extensionLimit
	}
	days += pauseDays(cal, r.PauseStart, r.PauseEnd, answered) + pauseDays(cal, r.CorrectionStart, r.CorrectionEnd, answered)
	return cal.Due(scoring.DateOf(r.Received), days)
}

// pauseDays counts the working days of a pause, both ends included, up to
// the answer at the latest; 0 for a pause that never started.
func pauseDays(cal *scoring.Calendar, start, end *time.Time, answered scoring.Date) int {
	to := dateOf(end)
	if to.IsZero() || to > answered {
		to = answered
	}
	return cal.WorkingDays(dateOf(start), to)
}

// dateOf is the civil date of an optional date column; zero when unset.
func dateOf(t *time.Time) scoring.Date {
	if t == nil {
		return 0
	}
	return scoring.DateOf(*t)
}
