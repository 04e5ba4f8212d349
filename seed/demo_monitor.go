package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/monitoring"
	"github.com/gongkai/gongkai/scoring"
)

// demoMonitorLag is how many days after its cut-off the office runs a
// quarter's monitoring and issues its 通报 (posted the day after), at most
// up to today.
const demoMonitorLag = 8

// demoMonitor has the office monitor the last quarter of the current year
// that has ended by today, issue its 通报 and post it on the public site,
// through the pages' Store calls; in the first quarter there is none.
func demoMonitor(ctx context.Context, store *models.Store, users map[string]models.Viewer, today time.Time) error {
	cut, ok := monitoring.LastQuarterEnd(scoring.DateOf(today))
	if !ok {
		return nil
	}
	office := users["office"]
	on := min(cut+demoMonitorLag, scoring.DateOf(today))
	at := on.Time().Add(2 * time.Hour) // 10:00 in China
	if at.After(today) {
		at = today
	}
	ms := monitoring.New(store, accountability.Decisions(store))
	run, err := ms.Compute(ctx, office, monitoring.Request{Year: cut.Year(), AsOf: cut}, at)
	if err != nil {
		return fmt.Errorf("demo monitoring: %w", err)
	}
	if _, err := ms.IssueBulletin(ctx, office, run.ID, on); err != nil {
		return fmt.Errorf("demo monitoring bulletin: %w", err)
	}
	posted := at.Add(24 * time.Hour)
	if posted.After(today) {
		posted = today
	}
	if err := ms.PostBulletin(ctx, office, run.ID, posted); err != nil {
		return fmt.Errorf("demo monitoring posting: %w", err)
	}
	return nil
}
