package handlers

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/views"
)

// The audit log and the pages name each state with one word: for every
// state of every record that has states, the log's word for a change to
// that state is the word the record's page prints (an open finding is
// 整改中 on both, a reported one 已报告整改，待核验).
func TestAuditLogNamesStatesAsThePagesDo(t *testing.T) {
	t.Parallel()
	var templates strings.Builder
	files, _ := filepath.Glob("../views/templates/*.html")
	partials, _ := filepath.Glob("../views/templates/partials/*.html")
	for _, f := range append(files, partials...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		templates.Write(b)
	}
	var plan, cases []string
	for _, s := range assessment.Statuses {
		plan = append(plan, string(s))
	}
	for _, s := range accountability.Statuses {
		cases = append(cases, string(s))
	}
	for _, tc := range []struct {
		entity, field string // field "": the entry stores the state alone
		page          string // how the record's pages name a state
		states        []string
	}{
		{"scheme", "", "scheme.state.%s", []string{models.SchemeDraft, models.SchemeApproved}},
		{"assessment_plan", "status", "asmt.status.%s", plan},
		{"assessment_objection", "status", "asmt.obj.%s", []string{assessment.ObjectionOpen, assessment.ObjectionAccepted, assessment.ObjectionRejected}},
		{"assessment_finding", "status", "asmt.finding.%s", []string{assessment.FindingNoted, assessment.FindingOpen, assessment.FindingReported, assessment.FindingClosed}},
		{"accountability_case", "Status", "case.status.%s", cases},
		{"accountability_case", "kind", "case.statement.%s", []string{accountability.Stated, accountability.Refused}},
	} {
		if !strings.Contains(templates.String(), fmt.Sprintf("printf %q", tc.page)) {
			t.Errorf("no page names the states of %s with %s", tc.entity, tc.page)
		}
		for _, state := range tc.states {
			var after any = state
			if tc.field != "" {
				after = map[string]string{tc.field: state}
			}
			b, _ := json.Marshal(after)
			e := models.AuditEntry{Action: "update", Entity: tc.entity, EntityID: "1", After: string(b)}
			for _, l := range []views.Lang{views.Chinese, views.English} {
				page := views.T(l, fmt.Sprintf(tc.page, state))
				row := readAudit(e, l, nil)
				if len(row.Changes) != 1 || row.Changes[0].New != page || page == fmt.Sprintf(tc.page, state) {
					t.Errorf("%s %s in %s: the audit log says %v, the page %q", tc.entity, state, l, row.Changes, page)
				}
			}
		}
	}
}

// A plan's audit entry keeps each unit's grade as the plan stored it
// (优秀 98.50 第1名); an English page reads it in English.
func TestAuditGradeLinesReadInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	e := models.AuditEntry{Action: "approve_grades", Entity: "assessment_plan", EntityID: "1",
		Before: `{"grades":{}}`, After: `{"grades":{"3":"优秀 98.50 第1名","4":"不参评","5":"基本合格 71.25 第12名"}}`}
	depts := map[string]string{"3": "治安支队", "4": "幸福派出所", "5": "交警支队"}
	for _, tc := range []struct {
		lang views.Lang
		want string
	}{
		{views.Chinese, "治安支队：优秀 98.50 第1名；幸福派出所：不参评；交警支队：基本合格 71.25 第12名"},
		{views.English, "治安支队: Excellent 98.50, rank 1; 幸福派出所: not rated; 交警支队: Basic pass 71.25, rank 12"},
	} {
		row := readAudit(e, tc.lang, depts)
		if len(row.Changes) != 1 || row.Changes[0].New != tc.want {
			t.Errorf("%s: %+v, want %q", tc.lang, row.Changes, tc.want)
		}
	}
}
