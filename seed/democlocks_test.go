package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// The demo shows issue 14's processes in a realistic state: a publication
// reviewed 免于公开 and published anyway waits for the office, a silent
// coordination counts as consent, a draft review is pending, online
// requests carry their forwarding.
func TestDemoShowsTheClocks(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		if _, err := seed.Demo(ctx, s); err != nil {
			t.Fatal(err)
		}
		office := models.Viewer{Role: models.RoleOffice}
		flags, err := s.Flags(ctx, office, 0)
		modelstest.Must(t, err)
		if len(flags) != 1 || flags[0].Title != "娱乐场所专项整治行动情况通报" || flags[0].Decision != nil {
			t.Errorf("demo flags %+v, want the one publication reviewed 免于公开, open", flags)
		}
		var c models.Coordination
		modelstest.Must(t, s.DB.Where("subject = ?", "辖区治安重点地区排查整治公告").First(&c).Error)
		rv, err := s.Record(ctx, office, "coordination", c.ID, scoring.NewDate(2026, 2, 2))
		modelstest.Must(t, err)
		if rv.Coordinations[0].Holds != "视为同意" {
			t.Errorf("silent coordination holds %q", rv.Coordinations[0].Holds)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Request{}).Where("channel = ? AND forwarded IS NOT NULL", "网络").Count(&n).Error)
		if n == 0 {
			t.Error("no online request was forwarded")
		}
		modelstest.Must(t, s.DB.Model(&models.PressConference{}).Count(&n).Error)
		if n != 13 {
			t.Errorf("%d press conferences, want 13", n)
		}
		modelstest.Must(t, s.DB.Model(&models.SecrecyReview{}).Where("decided IS NULL").Count(&n).Error)
		if n != 1 {
			t.Errorf("%d pending reviews, want the one draft", n)
		}
		modelstest.Must(t, s.DB.Model(&models.Publication{}).Where("attribute = ? AND attribute_reason <> ''", "不予公开").Count(&n).Error)
		if n != 1 {
			t.Errorf("%d records 不予公开 with a reason, want 1", n)
		}
	})
}
