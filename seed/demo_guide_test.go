package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The demo issues the guide and the catalog, and holds one document let
// through despite an ID number and one still blocked by a mobile number.
func TestDemoGuideAndCopies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		g, cat, err := guide.New(s).Current(ctx)
		if err != nil || g == nil || cat == nil {
			t.Fatalf("current guide %v, catalog %v: %v", g, cat, err)
		}
		var hits []guard.FileHit
		modelstest.Must(t, s.DB.Order("id").Find(&hits).Error)
		if len(hits) != 2 || hits[0].Kind != guard.IDNo || hits[1].Kind != guard.Mobile {
			t.Fatalf("demo findings: %+v", hits)
		}
		if err := guard.CheckPublishable(ctx, s.DB, hits[0].PublicationID); err != nil {
			t.Errorf("the overridden document is blocked: %v", err)
		}
		if err := guard.CheckPublishable(ctx, s.DB, hits[1].PublicationID); err == nil {
			t.Error("the document with a mobile number is not blocked")
		}
	})
}
