package models_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Heads saving their own liaison forms at the same instant all succeed:
// on SQLite the writes queue for the one writer, none is refused as
// "database is locked".
func TestConcurrentHeadsSaveTheirLiaisonForms(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		for _, heads := range []int{10, 50} {
			t.Run(fmt.Sprint(heads), func(t *testing.T) {
				viewers := make([]models.Viewer, heads)
				for i := range viewers {
					d := models.Department{Code: fmt.Sprintf("C%d-%d", heads, i), Name: fmt.Sprintf("部门%d-%d", heads, i), Kind: models.KindCityDept}
					modelstest.Must(t, s.DB.Create(&d).Error)
					viewers[i] = models.Viewer{UserID: uint(100 + i), Name: fmt.Sprintf("负责人%d", i), Role: models.RoleHead, DepartmentID: d.ID}
				}
				start := make(chan struct{})
				errs := make([]error, heads)
				var wg sync.WaitGroup
				for i, v := range viewers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						errs[i] = s.UpdateLiaison(ctx, v, v.DepartmentID, models.LiaisonUpdate{Liaison: fmt.Sprintf("联络员%d", i), Phone: "0527-1234"}, time.Now())
					}()
				}
				close(start)
				wg.Wait()
				failed := 0
				for i, err := range errs {
					if err != nil {
						failed++
						if failed <= 3 {
							t.Errorf("head %d: %v", i, err)
						}
					}
				}
				if failed > 0 {
					t.Fatalf("%d of %d concurrent saves failed", failed, heads)
				}
				for i, v := range viewers {
					d, err := s.Department(ctx, v, v.DepartmentID)
					modelstest.Must(t, err)
					if d.Liaison != fmt.Sprintf("联络员%d", i) {
						t.Errorf("department %d liaison = %q, want 联络员%d", i, d.Liaison, i)
					}
				}
			})
		}
	})
}
