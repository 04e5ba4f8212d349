package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// demoNotifyDays is how many days back the demo runs the inboxes' pass.
const demoNotifyDays = 21

// demoNotify runs the inboxes' pass once a day over the last three weeks up
// to today, at nine, as the server's ticker would have: the live year's
// requests, reviews and coordinations near or past their deadlines on each
// day remind their departments (the heads and the clerks; the office for
// those a second week late). With the assessment's steps, which told the
// leading group, the bureau-wide readers and the heads as they happened,
// every demo role finds unread notifications.
func demoNotify(ctx context.Context, store *models.Store, today time.Time) error {
	room := notify.New(store)
	for d := demoNotifyDays; d >= 0; d-- {
		day := today.AddDate(0, 0, -d)
		at := time.Date(day.Year(), day.Month(), day.Day(), 1, 0, 0, 0, time.UTC) // 09:00 in Beijing
		if d == 0 {
			at = today
		}
		if _, err := room.Pass(ctx, nil, at); err != nil {
			return fmt.Errorf("demo notifications: %w", err)
		}
	}
	return nil
}
