package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// The demo's forwarded parts are the receiving units' work: 交警支队's home
// lists the part waiting for it, and the part forwarded to 法制支队 was
// answered by 法制支队's own account, not by the handling department's.
func TestDemoForwardedPartsAreTheUnits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	today := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	store := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(ctx, store, today); err != nil {
		t.Fatalf("demo: %v", err)
	}
	var jj, fz models.Department
	modelstest.Must(t, store.DB.Where("name = ?", "交警支队").First(&jj).Error)
	modelstest.Must(t, store.DB.Where("name = ?", "法制支队").First(&fz).Error)
	var head models.User
	modelstest.Must(t, store.DB.Where("department_id = ? AND role = ?", jj.ID, models.RoleHead).First(&head).Error)
	td, err := requests.New(store).ToDoOf(ctx, head.Viewer(), jj.ID, scoring.DateOf(today))
	modelstest.Must(t, err)
	if len(td.Forwarded) != 1 {
		t.Errorf("交警支队's forwarded parts: %+v, want one", td.Forwarded)
	}
	var answer requests.Step
	modelstest.Must(t, store.DB.Where("kind = ?", requests.StepTransferAnswer).First(&answer).Error)
	var by int64
	modelstest.Must(t, store.DB.Model(&models.User{}).Where("department_id = ? AND name = ?", fz.ID, answer.By).Count(&by).Error)
	if by == 0 || answer.PartyID != fz.ID {
		t.Errorf("the part forwarded to 法制支队 was answered by %q (unit %d)", answer.By, answer.PartyID)
	}
}
