package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// The demo's departments have requests worked through the Store in every
// state, whatever day the demo is loaded on (their dates follow the clock):
// late in the year, and in the first days of January after the holiday.
func TestDemoRequestsInEveryState(t *testing.T) {
	t.Parallel()
	for _, today := range []time.Time{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)} {
		t.Run(today.Format(time.DateOnly), func(t *testing.T) {
			ctx := context.Background()
			store := modelstest.Open(t, "sqlite")
			if _, err := seed.Demo(ctx, store, today); err != nil {
				t.Fatalf("demo: %v", err)
			}
			var worked []models.Request
			modelstest.Must(t, store.DB.Where("origin = ?", models.RequestOriginApp).Find(&worked).Error)
			states, kinds := map[string]int{}, map[string]int{}
			rs := requests.New(store)
			for _, q := range worked {
				w, err := rs.Get(ctx, models.System, q.ID, scoring.DateOf(today))
				modelstest.Must(t, err)
				states[w.State]++
				kinds[q.Kind]++
				if len(w.Letters) == 0 && w.State != requests.StateOpen && w.State != requests.StateExtension {
					t.Errorf("%s (%s) has no letter", q.RequestNo, w.State)
				}
			}
			for _, s := range []string{requests.StateOpen, requests.StateCorrection, requests.StateThirdParty, requests.StateExtension,
				requests.StateTransfer, requests.StateAnswered, requests.StateAbandoned} {
				if states[s] == 0 {
					t.Errorf("no demo request %s: %v", s, states)
				}
			}
			if kinds[models.RequestKindCorrection] == 0 {
				t.Errorf("no 更正申请 among the demo's requests")
			}
		})
	}
}
