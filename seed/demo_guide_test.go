package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
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
		var let, blocked publications.Work
		modelstest.Must(t, s.DB.First(&let, hits[0].WorkID).Error)
		modelstest.Must(t, s.DB.First(&blocked, hits[1].WorkID).Error)
		if err := guard.CheckPublishable(s.DB, let.Doc()); err != nil || let.Published == nil {
			t.Errorf("the overridden document is blocked (%v) or not published (%v)", err, let.Published)
		}
		if err := guard.CheckPublishable(s.DB, blocked.Doc()); err == nil || blocked.Published != nil {
			t.Error("the document with a mobile number is not blocked")
		}
	})
}
