package notify

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/scoring"
)

// Result counts what one pass did.
type Result struct {
	Reminded, Digests, Mailed int
}

// MailBatch bounds the e-mails one pass sends.
const MailBatch = 100

// Pass is the background work of the inboxes on now, run by the server's
// ticker and by `gongkai notify`: the deadline reminders due (each once,
// whichever instance runs first), the digests of the days past, and the
// e-mails due (none without a sender). Safe to run on several instances at
// once.
func (s *Store) Pass(ctx context.Context, sender Sender, now time.Time) (Result, error) {
	var r Result
	sch, err := s.CurrentScheme(ctx)
	if err != nil {
		return r, err
	}
	if sch != nil {
		cal, err := s.Calendar(ctx)
		if err != nil {
			return r, err
		}
		ds, err := overview.New(s.Store).OpenDeadlines(ctx, scoring.DateOf(now), sch)
		if err != nil {
			return r, err
		}
		if r.Reminded, err = s.Remind(ctx, cal, ds, now); err != nil {
			return r, err
		}
	}
	if r.Digests, err = s.Digest(ctx, now); err != nil {
		return r, err
	}
	r.Mailed, err = s.Drain(ctx, sender, now, MailBatch)
	return r, err
}
