package accountability_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// A paper decision loaded by the import has no notice: its department's
// head does not see it (README: heads see a case once its notice is
// issued), by id or in the list, until the discipline office issues the
// notice here.
func TestHeadSeesAPaperDecisionOnlyOnceNotified(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&d).Error)
		decided := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
		paper := accountability.Case{CaseNo: "ZJ2025-7", DepartmentID: d.ID, Status: accountability.Decided, Origin: accountability.FromImport,
			Trigger: "不依法履行公开义务", Persons: "李四", Decided: &decided, Sanctions: "通报批评"}
		modelstest.Must(t, s.DB.Create(&paper).Error)
		cs := accountability.New(s, assessment.New(s))
		head := models.Viewer{Name: "张卫", Role: models.RoleHead, DepartmentID: d.ID}

		sees := func() (byID, listed bool) {
			_, getErr := cs.Get(ctx, head, paper.ID)
			if getErr != nil && !errors.Is(getErr, models.ErrNotFound) {
				t.Fatal(getErr)
			}
			list, err := cs.Cases(ctx, head, accountability.Filter{})
			modelstest.Must(t, err)
			for _, c := range list {
				listed = listed || c.ID == paper.ID
			}
			return getErr == nil, listed
		}
		if byID, listed := sees(); byID || listed {
			t.Errorf("before any notice the head sees the paper decision: by id %v, listed %v", byID, listed)
		}
		modelstest.Must(t, cs.Notify(ctx, discipline, paper.ID, scoring.NewDate(2025, 11, 10), now))
		if byID, listed := sees(); !byID || !listed {
			t.Errorf("after its notice the head does not see the paper decision: by id %v, listed %v", byID, listed)
		}
	})
}
