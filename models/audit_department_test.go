package models_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// The audit log's department filter finds every entry about the
// department, whoever wrote it and whatever the change names: its head's
// filing and sign-in, the office's change to the head's account or to the
// department's annual figures, a case naming it inside the change; and
// nothing about another department or about none.
func TestAuditFilterFindsEveryEntryAboutADepartment(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		own, other := leadAndOther(t, s)
		u, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "head", Name: "张卫", Role: models.RoleHead, DepartmentID: own.ID, Password: "a long enough password 1"})
		modelstest.Must(t, err)
		head := u.Viewer()
		office := models.Viewer{UserID: 99, Name: "办公室", Role: models.RoleOffice}
		now := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)

		record := func(v models.Viewer, action, entity string, id, before, after any) {
			modelstest.Must(t, s.Audited(ctx, v, func(tx *models.Tx) error { return tx.Record(action, entity, id, before, after) }))
		}
		// What the app writes.
		_, err = reports.New(s).FileReport(ctx, head, reports.FilingInput{Kind: reports.FilingQuarterly, DepartmentID: own.ID, Year: 2026, Quarter: 1,
			Entered: map[string]float64{}, Signature: reports.FilingSignature{Head: "张卫", Filler: "何军", Phone: "0527-1"}}, now)
		modelstest.Must(t, err)
		record(head, "sign_in", "user", u.ID, nil, map[string]string{"ip": "127.0.0.1"})
		modelstest.Must(t, accounts.New(s).ChangeAccount(ctx, office, u.ID, accounts.AccountEndSessions))
		modelstest.Must(t, reports.New(s).SaveAnnualFigures(ctx, office, own.ID, 2025, map[string]string{"rules_issued": "2"}))
		// Changes shaped as the app's records are.
		record(office, "open", "accountability_case", 31, nil, map[string]any{"case": map[string]any{"ID": 31, "DepartmentID": own.ID}})
		record(office, "open", "accountability_case", 32, nil, map[string]any{"case": map[string]any{"ID": 32, "DepartmentID": other.ID}})
		record(office, "compute", "scores", "2026/2026-04-01/1", nil, map[string]any{"SJ09": 90})
		record(office, "update", "source", 7, nil, map[string]any{"department": "治安支队"})

		entries := func(dept uint) map[string]bool {
			es, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{DepartmentID: dept})
			modelstest.Must(t, err)
			out := map[string]bool{}
			for _, e := range es {
				out[e.Action+" "+e.Entity+" "+e.EntityID] = true
			}
			return out
		}
		mine, theirs := entries(own.ID), entries(other.ID)
		for _, want := range []string{
			"file quarterly_report 1", "sign_in user " + fmt.Sprint(u.ID), "end_sessions user " + fmt.Sprint(u.ID),
			"create annual_figures " + fmt.Sprint(own.ID) + "/2025", "open accountability_case 31",
		} {
			if !mine[want] {
				t.Errorf("the department's log lacks %q: %v", want, mine)
			}
			if theirs[want] {
				t.Errorf("another department's log shows %q", want)
			}
		}
		for _, notMine := range []string{"open accountability_case 32", "compute scores 2026/2026-04-01/1", "update source 7"} {
			if mine[notMine] {
				t.Errorf("the department's log shows %q, not about it", notMine)
			}
		}
		if !theirs["open accountability_case 32"] {
			t.Errorf("the other department's log lacks its case: %v", theirs)
		}
		// The department is part of what the chain protects.
		st, err := s.VerifyAudit(ctx)
		modelstest.Must(t, err)
		if !st.OK {
			t.Fatalf("audit chain: %s", st.Problem)
		}
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND entity_id = ?", "accountability_case", "31").Update("department_id", other.ID).Error)
		if st, _ := s.VerifyAudit(ctx); st.OK {
			t.Error("an entry moved to another department still matches its hash")
		}
	})
}

// The list of units every form offers is read once per change (issue 27):
// a unit added by an audited change is offered, and named, at once.
func TestDepartmentChoicesFollowEachChange(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		names := func() map[uint]string {
			t.Helper()
			n, err := s.DepartmentNames(ctx)
			modelstest.Must(t, err)
			return n
		}
		before := names()
		var d models.Department
		modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
			d = models.Department{Code: "NEW1", Name: "新设派出所", Kind: models.KindStation}
			if err := tx.DB.Create(&d).Error; err != nil {
				return err
			}
			return tx.Record("create", "department", d.ID, nil, d.Name)
		}))
		if before[d.ID] != "" || names()[d.ID] != "新设派出所" {
			t.Errorf("a unit added: named %q before, %q after", before[d.ID], names()[d.ID])
		}
		choices, err := s.DepartmentChoices(ctx)
		modelstest.Must(t, err)
		if !slices.ContainsFunc(choices, func(c models.Department) bool { return c.ID == d.ID }) {
			t.Error("a unit added is not offered")
		}
	})
}
