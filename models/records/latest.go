package records

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
)

// LatestRecord is the date of the newest publication, request or complaint
// on or before today, and whether there is any: pages that show a period
// open on the latest one with data, not on an empty future quarter.
func (s *Store) LatestRecord(ctx context.Context, today time.Time) (time.Time, bool, error) {
	var latest time.Time
	for _, q := range []struct {
		model any
		col   string
	}{{&models.Publication{}, "published"}, {&models.Request{}, "received"}, {&models.Complaint{}, "received"}} {
		var d []time.Time
		err := s.DB.WithContext(ctx).Model(q.model).Where(q.col+" <= ?", today).Order(q.col+" desc").Limit(1).Pluck(q.col, &d).Error
		if err != nil {
			return time.Time{}, false, fmt.Errorf("read latest record: %w", err)
		}
		if len(d) > 0 && d[0].After(latest) {
			latest = d[0]
		}
	}
	return latest, !latest.IsZero(), nil
}
