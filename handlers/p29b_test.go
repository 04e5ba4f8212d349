package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// demoBureau opens the demo on SQLite with the app over it.
func demoBureau(t *testing.T) *bureau {
	t.Helper()
	s := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return &bureau{store: s, app: handlers.New(s, handlers.Options{})}
}

// A finding is named by its number within its plan and department (问题1,
// 问题2 …), never by its database id (issue 29).
func TestFindingsAreNumberedWithinTheirDepartment(t *testing.T) {
	b := demoBureau(t)
	var p assessment.Plan
	modelstest.Must(t, b.store.DB.Omit("catalog").First(&p).Error)
	var dept models.Department
	modelstest.Must(t, b.store.DB.Where("code = ?", "FJ01").First(&dept).Error)
	var f assessment.Finding
	modelstest.Must(t, b.store.DB.Where("plan_id = ? AND department_id = ?", p.ID, dept.ID).First(&f).Error)
	if f.ID == 1 {
		t.Fatal("the demo's first finding of FJ01 has id 1: the test cannot tell a number from an id")
	}
	office := b.client(t)
	office.signIn("office", seed.DemoPassword)
	plan := "/assessment/" + itoa(p.ID)
	for _, path := range []string{plan + "/departments/" + itoa(dept.ID), plan} {
		_, body := office.get(path)
		if !strings.Contains(body, "问题1："+f.Text) {
			t.Errorf("%s does not name FJ01's first finding 问题1", path)
		}
		if strings.Contains(body, "问题"+itoa(f.ID)+"："+f.Text) {
			t.Errorf("%s names a finding by its database id %d", path, f.ID)
		}
	}
}
