package publications_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
)

// The breaches of more works than one read holds (a year's publications
// worked in the app) are found a batch at a time, each work with its own
// review steps: 2,500 works published, every second one without its
// approval (step 5), give 1,250 breaches, those of exactly those works.
func TestViolationsOfManyWorks(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		const n = 2500
		formed := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
		published := time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC)
		works := make([]publications.Work, n)
		for i := range works {
			works[i] = publications.Work{DepartmentID: b.clerk.DepartmentID, IndexNo: fmt.Sprintf("ZA-2025-%05d", i), Title: fmt.Sprintf("文件%d", i),
				Seq: 1, Formed: formed, Attribute: "主动公开", PublicationID: uint(i + 1), Published: &published, CreatedBy: "测试"}
		}
		modelstest.Must(t, s.DB.CreateInBatches(works, 500).Error)
		var steps []publications.Step
		approved := map[uint]bool{}
		for i, w := range works {
			if i%2 == 0 {
				steps = append(steps, publications.Step{WorkID: w.ID, N: publications.Steps, UserID: 1, By: "审批人", Day: formed.AddDate(0, 0, 10), Opinion: "公开"})
				approved[w.ID] = true
			}
		}
		modelstest.Must(t, s.DB.CreateInBatches(steps, 500).Error)

		vs, err := publications.New(s).Violations(ctx, models.System)
		modelstest.Must(t, err)
		seen := map[uint]bool{}
		for _, v := range vs {
			if v.Kind != publications.VioReviewPending || approved[v.WorkID] || seen[v.WorkID] {
				t.Fatalf("breach %s of work %d (approved %v, seen %v)", v.Kind, v.WorkID, approved[v.WorkID], seen[v.WorkID])
			}
			seen[v.WorkID] = true
		}
		if len(seen) != n/2 {
			t.Fatalf("%d works published without approval found, want %d", len(seen), n/2)
		}
	})
}
