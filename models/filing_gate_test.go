package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Issue 20 item 6: the filing rules live in Store.FileReport, so the
// command line and the API refuse what the page refuses, each with its
// Chinese reason: a quarter not yet begun, a year not yet over, a
// quarterly report of a department that leads no item.
func TestFileReportRefusesWhatCannotBeFiled(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lead, none := leadAndOther(t, s)
		leadHead := models.Viewer{UserID: 1, Name: "张卫", Role: models.RoleHead, DepartmentID: lead.ID}
		noneHead := models.Viewer{UserID: 2, Name: "曾强", Role: models.RoleHead, DepartmentID: none.ID}
		now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC) // the fourth quarter of 2026
		for _, tc := range []struct {
			name    string
			v       models.Viewer
			in      models.FilingInput
			refusal string // "" when it is filed
		}{
			{"a quarter not yet begun", leadHead, models.FilingInput{Kind: models.FilingQuarterly, Year: 2027, Quarter: 1}, "该期间尚未开始"},
			{"a later quarter of this year", leadHead, models.FilingInput{Kind: models.FilingQuarterly, Year: 2026, Quarter: 5}, "季度须为 1 至 4"},
			{"a department that leads nothing", noneHead, models.FilingInput{Kind: models.FilingQuarterly, Year: 2026, Quarter: 3}, "本部门不牵头任何公开事项"},
			{"this year's annual report", leadHead, models.FilingInput{Kind: models.FilingAnnual, Year: 2026}, "年度报告须在年度结束后报送"},
			{"an unknown kind", leadHead, models.FilingInput{Kind: "monthly", Year: 2025}, "报表类型无效"},
			{"the quarter under way", leadHead, models.FilingInput{Kind: models.FilingQuarterly, Year: 2026, Quarter: 4}, ""},
			{"last year's annual report", noneHead, models.FilingInput{Kind: models.FilingAnnual, Year: 2025}, ""},
		} {
			tc.in.DepartmentID = tc.v.DepartmentID
			_, err := s.FileReport(ctx, tc.v, tc.in, now)
			var ve *models.ValidationError
			switch {
			case tc.refusal == "" && err != nil:
				t.Errorf("%s: %v", tc.name, err)
			case tc.refusal != "" && (!errors.As(err, &ve) || !strings.Contains(ve.Message, tc.refusal)):
				t.Errorf("%s: %v, want the refusal %q", tc.name, err, tc.refusal)
			}
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.ReportFiling{}).Count(&n).Error)
		if n != 2 {
			t.Errorf("%d reports filed, want the 2 allowed", n)
		}
	})
}

// leadAndOther makes 治安支队, which leads a catalog item (and so files
// quarterly reports), and 刑警支队, which leads none.
func leadAndOther(t *testing.T, s *models.Store) (lead, other models.Department) {
	t.Helper()
	lead = models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept}
	other = models.Department{Code: "SJ16", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&lead).Error)
	modelstest.Must(t, s.DB.Create(&other).Error)
	modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件办理情况(典型案例)",
		Channels: "网站", Cadence: "及时公开", Lead: "治安支队"}).Error)
	return lead, other
}
