package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// demoNotify runs the inboxes' pass on today, as the server's ticker would
// on its first minutes: the live year's requests and clocks near or past
// their deadlines remind their departments (the heads and clerks; the
// office for those a second week late). With the assessment's steps, which
// told the leading group, the bureau-wide readers and the heads as they
// happened, every demo role finds unread notifications.
func demoNotify(ctx context.Context, store *models.Store, today time.Time) error {
	if _, err := notify.New(store).Pass(ctx, nil, today); err != nil {
		return fmt.Errorf("demo notifications: %w", err)
	}
	return nil
}
