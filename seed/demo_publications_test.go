package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
)

// The demo carries a document in every state of its work, one published
// against a disagreement is flagged, and a late 不同意 shows as late.
func TestDemoPublicationsInEveryState(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		ps := publications.New(s)
		ids, err := ps.List(ctx, models.System, 0)
		modelstest.Must(t, err)
		ws, err := ps.Works(ctx, models.System, ids)
		modelstest.Must(t, err)
		states := map[string]int{}
		late := false
		for _, w := range ws {
			switch {
			case w.Withdrawn != nil:
				states["withdrawn"]++
			case w.Published != nil:
				states["published"]++
			case w.Deferred():
				states["deferred"]++
			default:
				states[w.AttrStatus]++
			}
			v, err := ps.Work(ctx, models.System, w.ID, scoring.DateOf(demoToday))
			modelstest.Must(t, err)
			for _, c := range v.Consultations {
				late = late || c.State == scoring.ReplyLate && c.Holds == publications.Disagree
			}
			if w.Published == nil && w.AttrStatus == publications.AttrAgreed && len(v.Steps) > 0 && len(v.Steps) < publications.Steps {
				states["reviewing"]++
			}
		}
		for _, st := range []string{"withdrawn", "published", "deferred", publications.AttrPending, publications.AttrRedetermine, publications.AttrDisputed, publications.AttrAgreed, "reviewing"} {
			if states[st] == 0 {
				t.Errorf("no demo document in state %q: %v", st, states)
			}
		}
		if !late {
			t.Error("no demo consultation answered 不同意 late")
		}
		vs, err := ps.Violations(ctx, models.System)
		modelstest.Must(t, err)
		unsettled := false
		for _, v := range vs {
			unsettled = unsettled || v.Kind == publications.VioUnsettled
		}
		if !unsettled {
			t.Errorf("no demo document published against a disagreement: %+v", vs)
		}
	})
}
