package seed_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/monitoring"
)

// On 7 December the demo holds the monitoring of the third quarter (cut
// off 30 September), its 通报 issued and posted on the public site.
func TestDemoMonitoringBulletinIsPosted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		runs, err := monitoring.New(s, nil).Runs(ctx, models.System, 0)
		modelstest.Must(t, err)
		if len(runs) != 1 || runs[0].Label != "2026年第三季度" || runs[0].Cut().String() != "2026-09-30" || runs[0].BulletinID == 0 {
			t.Fatalf("demo runs %+v", runs)
		}
		posted, err := documents.Postings(ctx, s.DB, monitoring.BulletinKind)
		modelstest.Must(t, err)
		if len(posted) != 1 || posted[0].ID != runs[0].BulletinID || !strings.Contains(posted[0].Title, "2026年第三季度") {
			t.Errorf("posted 通报 %+v", posted)
		}
	})
}
