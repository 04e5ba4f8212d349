package seed_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// The demo's assessment of the closed year is published, with every step on record:
// objections accepted and rejected, a rectification still open, units and
// a person commended.
func TestDemoAssessmentIsPublished(t *testing.T) {
	ctx := context.Background()
	s := modelstest.Open(t, "sqlite")
	demo(t, s, demoToday)
	a := assessment.New(s)
	published, err := a.Published(ctx)
	modelstest.Must(t, err)
	// The notice of 10 March and the 更正 of the re-opening, newest first.
	if len(published) != 2 || published[0].Assessed != seed.ClosedYear(demoToday) || published[0].Kind != assessment.KindResultsCorrection ||
		published[0].RefID != published[1].ID || !strings.Contains(published[0].HTML, "撤销") {
		t.Fatalf("published: %d notices", len(published))
	}
	r, err := a.Results(ctx, models.System, published[0].SubjectID)
	modelstest.Must(t, err)
	units, people := 0, 0
	for _, c := range r.Commended {
		if c.Person == "" {
			units++
		} else {
			people++
		}
	}
	counts, err := s.Counts(ctx)
	modelstest.Must(t, err)
	if int64(len(r.Lines)) != counts.Departments || units != 1 || len(r.Withdrawn) != 1 || people != 1 || len(r.Criticised) == 0 {
		t.Errorf("notice: %d grades, %d units and %d persons commended, %d criticised", len(r.Lines), units, people, len(r.Criticised))
	}
	var statuses []string
	modelstest.Must(t, s.DB.Model(&assessment.Objection{}).Order("status").Distinct().Pluck("status", &statuses).Error)
	if len(statuses) != 2 || statuses[0] != assessment.ObjectionAccepted || statuses[1] != assessment.ObjectionRejected {
		t.Errorf("objection answers: %v", statuses)
	}
	open, err := a.OpenRectifications(ctx, models.System, r.Plan.ID)
	modelstest.Must(t, err)
	if len(open) != 1 {
		t.Errorf("%d open rectifications, want 1", len(open))
	}
	events, err := a.Events(ctx, models.System, r.Plan.ID)
	modelstest.Must(t, err)
	seen := map[string]bool{}
	for _, e := range events {
		seen[e.Action] = true
	}
	for _, want := range []string{"create", "submit", "return", "update", "approve", "sign_notice", "self_inspection", "object", "answer_accepted", "answer_rejected", "adjust", "finding", "propose", "approve_grades", "commend", "publish", "rectified", "close_finding"} {
		if !seen[want] {
			t.Errorf("no %s step in the demo's record", want)
		}
	}
	var audited int64
	modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity LIKE ?", "assessment%").Count(&audited).Error)
	if audited < int64(len(events)) {
		t.Errorf("%d audit entries for %d steps", audited, len(events))
	}
}
