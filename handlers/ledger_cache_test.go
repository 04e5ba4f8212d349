package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
)

// The request ledger keeps its pages until something changes (issue 27): a
// request registered in the app and one imported each show on the next view.
func TestRequestLedgerFollowsWorkAndImports(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		ledger := func() string {
			t.Helper()
			resp, body := c.get("/requests")
			if resp.StatusCode != 200 {
				t.Fatalf("/requests: %d", resp.StatusCode)
			}
			return body
		}
		ledger()
		ledger() // served from the cache
		clerk := models.Viewer{UserID: 99, Name: "李静", Role: models.RoleClerk, DepartmentID: b.own.ID}
		today := scoring.DateOf(b.clock.Now())
		q, err := requests.New(s).Register(context.Background(), clerk, requests.Registration{Department: b.own.ID, Received: today, Channel: "当面",
			Applicant: "自然人", Name: "张三丰", Content: "某信息"}, today)
		modelstest.Must(t, err)
		if !strings.Contains(ledger(), q.RequestNo) {
			t.Errorf("a request registered in the app is missing from the ledger: %s", q.RequestNo)
		}
		c.uploadImport("requests", "申请.csv", "部门,申请编号,收到日期,申请方式\nSJ09,YSDR-0427,2026-03-01,当面\n", false)
		if !strings.Contains(ledger(), "YSDR-0427") {
			t.Error("an imported request is missing from the ledger")
		}
	})
}
