package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// The demo's 2025 results, published on 10 March and corrected on 10 April
// after a re-opening, stay on /public with their own dates, the 更正
// naming the notice it corrects, also while the year is re-opened again
// (issue 20 item 4).
func TestPublicKeepsResultsNoticesWhileReopened(t *testing.T) {
	ctx := context.Background()
	s := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(ctx, s); err != nil {
		t.Fatal(err)
	}
	b := &bureau{store: s}
	check := func(when string) {
		t.Helper()
		b.app = handlers.New(s, handlers.Options{}) // a fresh instance: no page kept from before
		_, body := b.client(t).get("/public")
		for _, want := range []string{"关于2025年度政府信息公开工作考核结果的通报", "关于更正2025年度政府信息公开工作考核结果的通报",
			"公开办〔2026〕", "2026年3月10日", "2026年4月10日", "撤销警保处“先进单位”称号"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: /public lacks %q", when, want)
			}
		}
	}
	check("published")
	var p assessment.Plan
	modelstest.Must(t, s.DB.Omit("catalog").First(&p).Error)
	a := assessment.New(s)
	office, leader := models.Viewer{Name: "吴良亮", Role: models.RoleOffice}, models.Viewer{Name: "江海", Role: models.RoleLeader}
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.RequestReopen, "复核投诉数据", time.Now()))
	check("re-opening requested")
	modelstest.Must(t, a.Take(ctx, leader, p.ID, assessment.ApproveReopen, "", time.Now()))
	check("re-opened")
}
