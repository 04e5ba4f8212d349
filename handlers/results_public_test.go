package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// The demo's results of its closed year, published on 10 March and corrected on 10 April
// after a re-opening, stay on /public with their own dates, the 更正
// naming the notice it corrects, also while the year is re-opened again
// (issue 20 item 4).
func TestPublicKeepsResultsNoticesWhileReopened(t *testing.T) {
	ctx := context.Background()
	s := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(ctx, s, demoDay); err != nil {
		t.Fatal(err)
	}
	b := &bureau{store: s}
	check := func(when string) {
		t.Helper()
		b.app = handlers.New(s, handlers.Options{Now: demoNow}) // a fresh instance: no page kept from before
		_, body := b.client(t).get("/public")
		y, next := demoYear, demoYear+1
		for _, want := range []string{fmt.Sprintf("关于%d年度政府信息公开工作考核结果的通报", y), fmt.Sprintf("关于更正%d年度政府信息公开工作考核结果的通报", y),
			fmt.Sprintf("公开办〔%d〕", next), fmt.Sprintf("%d年3月10日", next), fmt.Sprintf("%d年4月10日", next), "撤销警保处“先进单位”称号"} {
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
