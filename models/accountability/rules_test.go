package accountability

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Every clause of art. 6(一), and how they take precedence.
func TestAllocate(t *testing.T) {
	tests := []struct {
		name string
		act  Act
		want map[Post]Share
		why  string // the facts the form names beside the result
	}{
		{"no secrecy review, no approval: the handler bears all", Act{},
			map[Post]Share{Handler: All, InCharge: NoShare, Principal: NoShare, Member: NoShare}, "case.why.none"},
		{"approved without secrecy review: still the handler's alone", Act{Approved: true},
			map[Post]Share{Handler: All, InCharge: NoShare}, "case.why.approved_unreviewed"},
		{"reviewed but not approved: the handler's alone", Act{Reviewed: true},
			map[Post]Share{Handler: All, InCharge: NoShare}, "case.why.reviewed_unapproved"},
		{"reviewed and approved: leader main, handler secondary", Act{Reviewed: true, Approved: true},
			map[Post]Share{InCharge: Main, Handler: Secondary, Principal: NoShare}, "case.why.reviewed_approved"},
		{"instructed by the leader: leader main, handler secondary", Act{Instructed: true},
			map[Post]Share{InCharge: Main, Handler: Secondary}, "case.why.instructed"},
		{"instructed, the handler objected and was overruled: handler none", Act{Instructed: true, Objected: true},
			map[Post]Share{InCharge: Main, Handler: NoShare}, "case.why.overruled"},
		{"an objection without an instruction changes nothing", Act{Objected: true},
			map[Post]Share{Handler: All}, "case.why.objected_alone"},
		{"approved, the handler objected: still handler none", Act{Reviewed: true, Approved: true, Instructed: true, Objected: true},
			map[Post]Share{InCharge: Main, Handler: NoShare}, "case.why.overruled"},
		{"decided collectively: principal main, other members secondary", Act{Collective: true},
			map[Post]Share{Principal: Main, InCharge: Secondary, Member: Secondary, Handler: NoShare}, "case.why.collective"},
		{"collective decision outranks an approval", Act{Collective: true, Reviewed: true, Approved: true, Instructed: true},
			map[Post]Share{Principal: Main, Member: Secondary, Handler: NoShare}, "case.why.collective"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Allocate(tt.act)
			if !strings.HasPrefix(a.Rule, "第六条（一）") {
				t.Errorf("rule %q does not cite art. 6(一)", a.Rule)
			}
			if a.Why != tt.why {
				t.Errorf("why %q, want %q", a.Why, tt.why)
			}
			for p, want := range tt.want {
				if got := a.Share(p); got != want {
					t.Errorf("%s: %s, want %s", PostLabel(p), ShareLabel(got), ShareLabel(want))
				}
			}
		})
	}
}

// The appeal window is 30 calendar days from the notice, inclusive, across
// a month's end and a leap day; a late appeal is told the date it closed.
func TestAppealWindow(t *testing.T) {
	d := scoring.NewDate
	tests := []struct {
		name          string
		notice, filed scoring.Date
		deadline      scoring.Date
		closed        string // empty: accepted
	}{
		{"same day", d(2026, 3, 2), d(2026, 3, 2), d(2026, 4, 1), ""},
		{"last day across a month end", d(2026, 1, 20), d(2026, 2, 19), d(2026, 2, 19), ""},
		{"a day late across a month end", d(2026, 1, 20), d(2026, 2, 20), d(2026, 2, 19), "2026年2月19日"},
		{"leap year: 30 days from 30 January is 29 February", d(2028, 1, 30), d(2028, 2, 29), d(2028, 2, 29), ""},
		{"leap year: 1 March is late", d(2028, 1, 30), d(2028, 3, 1), d(2028, 2, 29), "2028年2月29日"},
		{"common year: 30 days from 30 January is 1 March", d(2027, 1, 30), d(2027, 3, 1), d(2027, 3, 1), ""},
		{"notice on the leap day", d(2028, 2, 29), d(2028, 3, 30), d(2028, 3, 30), ""},
		{"across the year end", d(2026, 12, 15), d(2027, 1, 15), d(2027, 1, 14), "2027年1月14日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AppealDeadline(tt.notice); got != tt.deadline {
				t.Errorf("deadline %s, want %s", got, tt.deadline)
			}
			err := CheckAppealDate(tt.notice, tt.filed)
			switch {
			case tt.closed == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.closed != "" && (err == nil || !strings.Contains(err.Error(), tt.closed)):
				t.Errorf("got %v, want a refusal saying %s", err, tt.closed)
			}
		})
	}
	if err := CheckAppealDate(d(2026, 3, 2), d(2026, 3, 1)); err == nil {
		t.Error("an appeal before the notice was accepted")
	}
}

// The steps of a case: where each starts, where it leads, who takes it.
func TestSteps(t *testing.T) {
	tests := []struct {
		from Status
		a    Action
		to   Status // empty: refused
	}{
		{Investigating, Hear, Heard},
		{Investigating, Decide, ""}, // statements first
		{Heard, Decide, Decided},
		{Heard, Notify, ""},
		{Decided, Notify, Notified},
		{Decided, Appeal, ""}, // no notice, no appeal
		{Notified, Appeal, Appealed},
		{Appealed, Appeal, ""}, // one appeal at a time
		{Appealed, Review, Reviewed},
		{Reviewed, Appeal, ""},
		{Revoked, Decide, ""},
	}
	for _, tt := range tests {
		got, err := Next(tt.from, tt.a)
		if tt.to == "" {
			if err == nil {
				t.Errorf("%s from %s: allowed to %s", tt.a, tt.from, got)
			}
			continue
		}
		if err != nil || got != tt.to {
			t.Errorf("%s from %s: %s %v, want %s", tt.a, tt.from, got, err, tt.to)
		}
	}
	discipline := models.Viewer{Role: models.RoleDiscipline}
	head := models.Viewer{Role: models.RoleHead, DepartmentID: 7}
	roles := []struct {
		name string
		v    models.Viewer
		a    Action
		dept uint
		may  bool
	}{
		{"discipline decides", discipline, Decide, 7, true},
		{"discipline records an appeal received on paper", discipline, Appeal, 7, true},
		{"a head appeals for their department", head, Appeal, 7, true},
		{"a head does not appeal for another", head, Appeal, 8, false},
		{"a head does not decide", head, Decide, 7, false},
		{"a head reports its rectification done", head, Report, 7, true},
		{"a head does not report for another", head, Report, 8, false},
		{"the discipline office verifies, it does not report", discipline, Report, 7, false},
		{"the office does not decide", models.Viewer{Role: models.RoleOffice}, Decide, 7, false},
		{"an auditor only reads", models.Viewer{Role: models.RoleAuditor}, Review, 7, false},
	}
	for _, tt := range roles {
		if got := MayTake(tt.v, tt.dept, tt.a); got != tt.may {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.may)
		}
	}
}

// A decision's sanctions come from the ladder, fit their target, and carry
// a time limit exactly when the sanction has one.
func TestDecisionForm(t *testing.T) {
	on := scoring.NewDate(2026, 3, 2)
	later := on + 30
	tests := []struct {
		name string
		xs   []Imposed
		bad  string // part of the message; empty: accepted
	}{
		{"department and person", []Imposed{{0, "通报批评", 0}, {1, "书面检查", 0}}, ""},
		{"a time limit", []Imposed{{0, "限期整改", later}, {1, "限期改正", later}}, ""},
		{"none", nil, "至少"},
		{"off the ladder", []Imposed{{0, "罚款", 0}}, "不在规定之列"},
		{"a person's sanction on the department", []Imposed{{0, "政纪处分", 0}}, "不能对部门"},
		{"a department's sanction on a person", []Imposed{{1, "限期整改", later}}, "只能对部门"},
		{"a stranger", []Imposed{{9, "告诫", 0}}, "不是本案人员"},
		{"time limit missing", []Imposed{{0, "限期整改", 0}}, "期限"},
		{"time limit on a sanction without one", []Imposed{{1, "告诫", later}}, "没有期限"},
		{"twice", []Imposed{{1, "告诫", 0}, {1, "告诫", 0}}, "重复"},
	}
	for _, tt := range tests {
		err := DecisionForm{Date: on, Severity: Harmful, Sanctions: tt.xs}.check([]uint{1, 2})
		var verr *models.ValidationError
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.bad != "" && (!errors.As(err, &verr) || !strings.Contains(verr.Message, tt.bad)):
			t.Errorf("%s: got %v, want a message with %q", tt.name, err, tt.bad)
		}
	}
	if got := departmentList([]Imposed{{0, "限期整改", later}, {1, "告诫", 0}, {0, "通报批评", 0}}); got != "通报批评、限期整改" {
		t.Errorf("department's sanctions %q, want ladder order without the person's", got)
	}
}
