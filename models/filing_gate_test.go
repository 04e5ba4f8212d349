package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// Issue 20 item 6: the filing rules live in Store.FileReport, so the
// command line and the API refuse what the page refuses, each with its
// Chinese reason: a quarter not yet begun, a year not yet over, a
// quarterly report of a department that leads no item, a signature
// missing or malformed, a reason too long (issue 22).
func TestFileReportRefusesWhatCannotBeFiled(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lead, none := leadAndOther(t, s)
		leadHead := models.Viewer{UserID: 1, Name: "张卫", Role: models.RoleHead, DepartmentID: lead.ID}
		noneHead := models.Viewer{UserID: 2, Name: "曾强", Role: models.RoleHead, DepartmentID: none.ID}
		now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC) // the fourth quarter of 2026
		signed := reports.FilingSignature{Head: "张卫", Filler: "何军", Phone: "0527-84361234"}
		q3 := func(sig reports.FilingSignature, reason string) reports.FilingInput {
			return reports.FilingInput{Kind: reports.FilingQuarterly, Year: 2026, Quarter: 3, Signature: sig, Reason: reason}
		}
		for _, tc := range []struct {
			name    string
			v       models.Viewer
			in      reports.FilingInput
			refusal string // "" when it is filed
		}{
			{"a quarter not yet begun", leadHead, reports.FilingInput{Kind: reports.FilingQuarterly, Year: 2027, Quarter: 1}, "该期间尚未开始"},
			{"a later quarter of this year", leadHead, reports.FilingInput{Kind: reports.FilingQuarterly, Year: 2026, Quarter: 5}, "季度须为 1 至 4"},
			{"a department that leads nothing", noneHead, reports.FilingInput{Kind: reports.FilingQuarterly, Year: 2026, Quarter: 3}, "本部门不牵头任何公开事项"},
			{"this year's annual report", leadHead, reports.FilingInput{Kind: reports.FilingAnnual, Year: 2026}, "年度报告须在年度结束后报送"},
			{"an unknown kind", leadHead, reports.FilingInput{Kind: "monthly", Year: 2025}, "报表类型无效"},
			{"no head of unit", leadHead, q3(reports.FilingSignature{Filler: "何军", Phone: "0527-84361234"}, ""), "此项必填"},
			{"a filler's name too long", leadHead, q3(reports.FilingSignature{Head: "张卫", Filler: strings.Repeat("何", 65), Phone: "0527-84361234"}, ""), "姓名不超过 64 个字符"},
			{"no phone", leadHead, q3(reports.FilingSignature{Head: "张卫", Filler: "何军"}, ""), "此项必填"},
			{"a phone of letters", leadHead, q3(reports.FilingSignature{Head: "张卫", Filler: "何军", Phone: "call me"}, ""), "电话号码只能包含"},
			{"a reason too long", leadHead, q3(signed, strings.Repeat("因", 501)), "不超过 500 个字符"},
			{"the quarter under way", leadHead, reports.FilingInput{Kind: reports.FilingQuarterly, Year: 2026, Quarter: 4, Signature: signed}, ""},
			{"last year's annual report", noneHead, reports.FilingInput{Kind: reports.FilingAnnual, Year: 2025, Signature: signed}, ""},
			{"last year's annual report again, without a reason", noneHead, reports.FilingInput{Kind: reports.FilingAnnual, Year: 2025, Signature: signed}, "更正"},
		} {
			tc.in.DepartmentID = tc.v.DepartmentID
			_, err := reports.New(s).FileReport(ctx, tc.v, tc.in, now)
			var ve *models.ValidationError
			switch {
			case tc.refusal == "" && err != nil:
				t.Errorf("%s: %v", tc.name, err)
			case tc.refusal != "" && (!errors.As(err, &ve) || !strings.Contains(ve.Message, tc.refusal)):
				t.Errorf("%s: %v, want the refusal %q", tc.name, err, tc.refusal)
			}
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&reports.ReportFiling{}).Count(&n).Error)
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
