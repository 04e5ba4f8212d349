package reports

import (
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
