package assessment_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// bureau is a small assessed year: two departments lead one item; the own
// department publishes once, late; the other publishes nothing.
type bureau struct {
	s                      *models.Store
	a                      *assessment.Store
	own, other             models.Department
	office, leader         models.Viewer
	head, otherHead, audit models.Viewer
	discipline             models.Viewer
}

var day0 = time.Date(2025, 2, 3, 9, 0, 0, 0, time.UTC)

func newBureau(t *testing.T, s *models.Store) *bureau {
	t.Helper()
	ctx := context.Background()
	b := &bureau{s: s, a: assessment.New(s)}
	b.own = models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept, Liaison: "何军"}
	b.other = models.Department{Code: "SJ16", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&b.own).Error)
	modelstest.Must(t, s.DB.Create(&b.other).Error)
	modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件办理情况(典型案例)",
		Channels: "公开栏、网站", Cadence: "及时公开", Lead: "治安支队、刑警支队"}).Error)
	modelstest.Must(t, s.EnsureShippedSchemes(ctx, seed.Schemes(), day0))
	formed, published := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "own-1", Seq: 23, Title: "典型案例通报", Channel: "网站", Formed: &formed, Published: published}).Error)
	b.office = models.Viewer{UserID: 1, Name: "吴良亮", Role: models.RoleOffice}
	b.leader = models.Viewer{UserID: 2, Name: "江海", Role: models.RoleLeader}
	b.head = models.Viewer{UserID: 3, Name: "张卫", Role: models.RoleHead, DepartmentID: b.own.ID}
	b.otherHead = models.Viewer{UserID: 4, Name: "曾强", Role: models.RoleHead, DepartmentID: b.other.ID}
	b.audit = models.Viewer{UserID: 5, Name: "审计", Role: models.RoleAuditor}
	b.discipline = models.Viewer{UserID: 6, Name: "钱正", Role: models.RoleDiscipline}
	return b
}

func date(s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (b *bureau) input() assessment.PlanInput {
	return assessment.PlanInput{Year: 2024, FullScope: true, Team: "吴良亮、刘敏",
		Dates: assessment.Dates{AsOf: date("2025-02-01"), Notice: date("2025-02-05"), SelfDue: date("2025-02-14"), ObjectionDue: date("2025-02-18"), Review: date("2025-02-20")}}
}

func at(days int) time.Time { return day0.AddDate(0, 0, days) }

// early is the office's reason for proposing grades before the windows
// close, as these tests do (TestProposingWaitsForTheWindows tests the gate).
const early = "测试：各窗口期未满，经领导同意提前提出"

func isValidation(err error) bool {
	var v *models.ValidationError
	return errors.As(err, &v)
}

// plan drafts, submits and approves a plan.
func (b *bureau) plan(t *testing.T) *assessment.Plan {
	t.Helper()
	ctx := context.Background()
	p, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0))
	modelstest.Must(t, err)
	modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Submit, "", at(0)))
	modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.Approve, "", at(1)))
	return p
}

// excellent runs a plan to approved grades with full marks for 治安支队,
// adjusted by hand so that it reaches 优秀.
func (b *bureau) excellent(t *testing.T) *assessment.Plan {
	t.Helper()
	ctx := context.Background()
	p := b.plan(t)
	for code, points := range map[string]int64{"A1": 20, "A2": 10, "A3": 5, "A4": 5, "B1": 20, "B2": 5, "C1": 10, "C2": 10, "D1": 8, "D2": 4, "D3": 3} {
		modelstest.Must(t, b.a.Adjust(ctx, b.office, p.ID, b.own.ID, code, big.NewRat(points, 1), "补录", at(3)))
	}
	modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(6)))
	modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveGrades, "", at(7)))
	return p
}

// firstDeduction reads the head's view of the plan and the first
// deduction in it: its indicator and points.
func (b *bureau) firstDeduction(t *testing.T, p *assessment.Plan) (view *assessment.DepartmentView, code string, points *big.Rat) {
	t.Helper()
	view, err := b.a.Department(context.Background(), b.head, p.ID, b.own.ID)
	modelstest.Must(t, err)
	for _, ind := range view.Auto.Indicators {
		if len(ind.Deductions) > 0 && code == "" {
			code, points = ind.Code, ind.Deductions[0].Points
		}
	}
	if code == "" {
		t.Fatal("fixture has no deduction")
	}
	return view, code, points
}

// A plan walks through every state, each role taking only its own steps.
func TestPlanThroughEveryState(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		for _, v := range []models.Viewer{b.leader, b.head, b.audit, b.discipline} {
			if _, err := b.a.CreatePlan(ctx, v, b.input(), at(0)); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s drafted a plan: %v", v.Role, err)
			}
		}
		p, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0))
		modelstest.Must(t, err)
		if _, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0)); !isValidation(err) {
			t.Errorf("a second plan for the year: %v", err)
		}
		status := func() assessment.Status {
			got, err := b.a.Plan(ctx, b.office, p.ID)
			modelstest.Must(t, err)
			return got.Status
		}
		refused := func(v models.Viewer, a assessment.Action, reason string) {
			t.Helper()
			before := status()
			if err := b.a.Take(ctx, v, p.ID, a, reason, at(1)); err == nil {
				t.Errorf("%s took %s from %s", v.Role, a, before)
			}
			if status() != before {
				t.Errorf("a refused %s moved the plan", a)
			}
		}
		take := func(v models.Viewer, a assessment.Action, reason string, want assessment.Status) {
			t.Helper()
			if err := b.a.Take(ctx, v, p.ID, a, reason, at(1)); err != nil {
				t.Fatalf("%s %s: %v", v.Role, a, err)
			}
			if got := status(); got != want {
				t.Fatalf("after %s: %s, want %s", a, got, want)
			}
		}
		refused(b.head, assessment.Submit, "")
		take(b.office, assessment.Submit, "", assessment.Submitted)
		refused(b.office, assessment.Approve, "") // the office cannot approve its own plan
		refused(b.head, assessment.Approve, "")
		refused(b.leader, assessment.Return, "") // a reason is required
		take(b.leader, assessment.Return, "请补充考核小组", assessment.Returned)
		in := b.input()
		in.Team = "吴良亮、刘敏、钱正"
		modelstest.Must(t, b.a.UpdatePlan(ctx, b.office, p.ID, in, at(1)))
		take(b.office, assessment.Submit, "", assessment.Submitted)
		if _, err := b.a.Plan(ctx, b.head, p.ID); !errors.Is(err, models.ErrNotFound) {
			t.Error("a head sees a plan before it is approved")
		}
		take(b.leader, assessment.Approve, "", assessment.Approved)
		if err := b.a.UpdatePlan(ctx, b.office, p.ID, in, at(1)); !isValidation(err) {
			t.Errorf("an approved plan was edited: %v", err)
		}
		refused(b.office, assessment.Publish, "")
		refused(b.leader, assessment.Propose, "")
		take(b.office, assessment.Propose, early, assessment.Proposed)
		if gs, err := b.a.Grades(ctx, b.head, p.ID); err != nil || len(gs) != 0 {
			t.Errorf("a head sees proposed grades: %v %v", gs, err)
		}
		refused(b.office, assessment.ApproveGrades, "") // nor its own grades
		take(b.leader, assessment.ReturnGrades, "请复核异议答复", assessment.Approved)
		take(b.office, assessment.Propose, early, assessment.Proposed)
		take(b.leader, assessment.ApproveGrades, "", assessment.Final)
		if gs, err := b.a.Grades(ctx, b.head, p.ID); err != nil || len(gs) != 1 || gs[0].DepartmentID != b.own.ID {
			t.Errorf("a head sees after approval: %v %v", gs, err)
		}
		// Nobody changes an approved grade without an approved re-opening.
		if err := b.a.Adjust(ctx, b.office, p.ID, b.own.ID, "A1", big.NewRat(1, 1), "补录", at(2)); !isValidation(err) {
			t.Errorf("adjusted a frozen grade: %v", err)
		}
		refused(b.office, assessment.Propose, "")
		refused(b.office, assessment.RequestReopen, "")
		take(b.office, assessment.RequestReopen, "发现漏录公开记录", assessment.ReopenRequested)
		refused(b.office, assessment.ApproveReopen, "")
		take(b.leader, assessment.RefuseReopen, "证据不足", assessment.Final)
		take(b.office, assessment.Publish, "", assessment.Published)
		if pub, err := b.a.Published(ctx); err != nil || len(pub) != 1 {
			t.Fatalf("published: %v %v", pub, err)
		}
		take(b.office, assessment.RequestReopen, "复核投诉数据", assessment.ReopenRequested)
		take(b.leader, assessment.ApproveReopen, "", assessment.Approved)
		if pub, _ := b.a.Published(ctx); len(pub) != 1 {
			t.Error("a re-opened assessment's notice left the public page")
		}
		modelstest.Must(t, b.a.Adjust(ctx, b.office, p.ID, b.own.ID, "A1", big.NewRat(1, 1), "补录", at(3)))
		events, err := b.a.Events(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if len(events) != 16 {
			t.Errorf("%d steps on record", len(events))
		}
		log, err := audit.New(s).AuditEntries(ctx, b.office, audit.AuditQuery{Entity: "assessment_plan", EntityID: p.ID, Limit: 100})
		modelstest.Must(t, err)
		if len(log) != 15 {
			t.Errorf("%d audit entries for the plan", len(log))
		}
	})
}

// Art. 8: a plan whose notice is less than 15 days before the on-site
// review is refused, naming the earliest review date.
func TestFifteenDayRuleRefusesPlan(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		in := b.input()
		in.Dates.Review = date("2025-02-19")
		_, err := b.a.CreatePlan(context.Background(), b.office, in, at(0))
		if !isValidation(err) || !strings.Contains(err.Error(), "2025-02-20") {
			t.Errorf("review 14 days after the notice: %v", err)
		}
		// Approved after its notice date, the notice would be late.
		ctx := context.Background()
		p, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0))
		modelstest.Must(t, err)
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Submit, "", at(0)))
		if err := b.a.Take(ctx, b.leader, p.ID, assessment.Approve, "", at(3)); !isValidation(err) || !strings.Contains(err.Error(), "2025-02-05") {
			t.Errorf("approved after the notice date: %v", err)
		}
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.Approve, "", at(2)))
	})
}

// An accepted objection gives the deduction's points back to the adjusted
// total; a rejected one does not; the automatic total stays beside it; a
// frozen grade survives a new import and a recomputation.
func TestObjectionsAdjustAndGradesFreeze(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.plan(t)
		view, code, points := b.firstDeduction(t, p)
		if _, err := b.a.Object(ctx, b.otherHead, p.ID, b.own.ID, code, 0, "不对", nil, at(3)); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a head objected for another department: %v", err)
		}
		if _, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, code, 0, "不对", nil, at(30)); !isValidation(err) {
			t.Errorf("an objection after the window: %v", err)
		}
		o, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, code, 0, "导入遗漏", []upload.Upload{{Name: "截图.png", Data: pngBytes}}, at(3))
		modelstest.Must(t, err)
		if _, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, code, 0, "再提", nil, at(3)); !isValidation(err) {
			t.Errorf("a second objection to one deduction: %v", err)
		}
		if err := b.a.Take(ctx, b.office, p.ID, assessment.Propose, "", at(4)); !isValidation(err) || !strings.Contains(err.Error(), "1项异议未答复") {
			t.Errorf("grades proposed with an objection open: %v", err)
		}
		if err := b.a.Answer(ctx, b.head, o.ID, true, "自己采纳", at(4)); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head answered: %v", err)
		}
		if err := b.a.Answer(ctx, b.office, o.ID, true, "", at(4)); !isValidation(err) {
			t.Errorf("an answer without a reason: %v", err)
		}
		modelstest.Must(t, b.a.Answer(ctx, b.office, o.ID, true, "经核实，撤销扣分", at(4)))
		after, err := b.a.Department(ctx, b.head, p.ID, b.own.ID)
		modelstest.Must(t, err)
		want := new(big.Rat).Add(view.Auto.Total, points)
		if after.Adjusted.Total.Cmp(want) != 0 || after.Auto.Total.Cmp(view.Auto.Total) != 0 {
			t.Errorf("adjusted %s, automatic %s; want %s beside %s", after.Adjusted.Total.RatString(), after.Auto.Total.RatString(), want.RatString(), view.Auto.Total.RatString())
		}
		if err := b.a.Adjust(ctx, b.office, p.ID, b.other.ID, "A1", big.NewRat(2, 1), "", at(5)); !isValidation(err) {
			t.Errorf("an adjustment without a reason: %v", err)
		}
		modelstest.Must(t, b.a.Adjust(ctx, b.office, p.ID, b.other.ID, "A1", big.NewRat(2, 1), "公开栏记录补录", at(5)))

		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(6)))
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveGrades, "", at(7)))
		before, err := b.a.Grades(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if before[0].Total == before[0].AutoTotal && before[1].Total == before[1].AutoTotal {
			t.Error("the grades were not taken from the adjusted totals")
		}

		// A new import and a recomputation under way: the frozen grades and
		// the department page's assessment do not move.
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.other.ID, IndexNo: "other-1", Seq: 23, Title: "补录", Channel: "网站", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}).Error)
		_, _, err = scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, b.office, scoreruns.ScoreRequest{Year: 2024, AsOf: date("2025-02-10")}, at(8))
		modelstest.Must(t, err)
		later, err := b.a.Grades(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		for i := range before {
			if later[i] != before[i] {
				t.Errorf("grade moved: %+v -> %+v", before[i], later[i])
			}
		}
		st, err := b.a.Standing(ctx, b.head, 2024, b.own.ID)
		modelstest.Must(t, err)
		var own assessment.Grade
		for _, g := range before {
			if g.DepartmentID == b.own.ID {
				own = g
			}
		}
		if st == nil || st.Source != scoreruns.StandingApproved || st.Grade != own.Grade || st.Total.Cmp(own.TotalRat()) != 0 || st.RunID != p.RunID {
			t.Errorf("standing after recomputation: %+v", st)
		}
	})
}

var (
	pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	pdfBytes = []byte("%PDF-1.4\n%%EOF\n")
)

// A head never sees or touches another department's self-inspection,
// objections, findings or attachments, by id.
func TestHeadsSeeOnlyTheirOwnDepartment(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.plan(t)
		if _, err := b.a.FileSelfInspection(ctx, b.otherHead, p.ID, b.own.ID, "代报", nil, nil, at(3)); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a head filed for another department: %v", err)
		}
		_, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, "本部门自查情况", []upload.Upload{{Name: "自查报告.pdf", Data: pdfBytes}}, nil, at(3))
		modelstest.Must(t, err)
		view, err := b.a.Department(ctx, b.office, p.ID, b.own.ID)
		modelstest.Must(t, err)
		files := view.Files(assessment.OwnerSelf, view.Self.ID)
		if len(files) != 1 || files[0].MIME != "application/pdf" {
			t.Fatalf("attachments: %+v", files)
		}
		if _, err := b.a.Department(ctx, b.otherHead, p.ID, b.own.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another head reads the department: %v", err)
		}
		if _, err := b.a.Attachment(ctx, b.otherHead, files[0].ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another head downloads the attachment: %v", err)
		}
		got, err := b.a.Attachment(ctx, b.head, files[0].ID)
		if err != nil || string(got.Data) != string(pdfBytes) {
			t.Errorf("the head's own attachment: %v", err)
		}
		for _, v := range []models.Viewer{b.office, b.leader, b.audit, b.discipline} {
			if _, err := b.a.Attachment(ctx, v, files[0].ID); err != nil {
				t.Errorf("%s cannot read the attachment: %v", v.Role, err)
			}
		}
		f, err := b.a.AddFinding(ctx, b.office, p.ID, b.own.ID, "办事指南未标注更新日期", date("2025-03-31"), at(17))
		modelstest.Must(t, err)
		if _, err := b.a.AddFinding(ctx, b.head, p.ID, b.own.ID, "自己记", 0, at(17)); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head recorded a finding: %v", err)
		}
		if err := b.a.ReportRectification(ctx, b.otherHead, f.ID, "已整改", nil, at(18)); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another head reported the rectification: %v", err)
		}
		if err := b.a.CloseFinding(ctx, b.office, f.ID, "核验", at(18)); !isValidation(err) {
			t.Errorf("closed before it was reported: %v", err)
		}
		modelstest.Must(t, b.a.ReportRectification(ctx, b.head, f.ID, "已整改", []upload.Upload{{Name: "截图.png", Data: pngBytes}}, at(18)))
		open, err := b.a.OpenRectifications(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if len(open) != 1 {
			t.Errorf("%d open rectifications before closing", len(open))
		}
		modelstest.Must(t, b.a.CloseFinding(ctx, b.office, f.ID, "经核验已整改", at(19)))
		if open, _ := b.a.OpenRectifications(ctx, b.office, p.ID); len(open) != 0 {
			t.Errorf("%d open after closing", len(open))
		}
		if _, err := b.a.Statuses(ctx, b.head, p.ID, date("2025-02-20")); !errors.Is(err, models.ErrNotFound) {
			t.Error("a head reads every department's status")
		}
		st, err := b.a.Statuses(ctx, b.office, p.ID, date("2025-02-20"))
		modelstest.Must(t, err)
		for _, d := range st {
			if d.DepartmentID == b.other.ID && !d.SelfMissing {
				t.Error("a self-inspection past due is not flagged")
			}
		}
	})
}

// A unit or person barred by that year's accountability decisions is not
// commended, and the reason says why.
func TestCommendationRefusals(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		// A decision kept on paper, loaded as the office would.
		_, err := ingest.New(s).File(ctx, ingest.Accountability, "decisions.csv", strings.NewReader(
			"case_no,department,decided,sanction,persons,trigger,summary\nZJ2024-009,SJ09,2024-09-01,通报批评、取消评先选优资格,林涛、高峰,不依法履行公开义务,未按时公开\n"),
			ingest.Options{Source: "file", FileName: "decisions.csv", Viewer: models.System})
		modelstest.Must(t, err)
		p := b.plan(t)
		modelstest.Must(t, b.a.Adjust(ctx, b.office, p.ID, b.own.ID, "A1", big.NewRat(20, 1), "补录", at(3)))
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(6)))
		if err := b.a.Commend(ctx, b.office, p.ID, b.own.ID, "", "好", at(6)); !isValidation(err) {
			t.Errorf("commended before the grades were approved: %v", err)
		}
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveGrades, "", at(7)))
		err = b.a.Commend(ctx, b.office, p.ID, b.own.ID, "高峰", "好", at(8))
		if !isValidation(err) || !strings.Contains(err.Error(), "ZJ2024-009") {
			t.Errorf("a barred person: %v", err)
		}
		err = b.a.Commend(ctx, b.office, p.ID, b.own.ID, "", "好", at(8))
		if !isValidation(err) || !strings.Contains(err.Error(), "取消评先选优资格") {
			t.Errorf("a capped unit: %v", err)
		}
		modelstest.Must(t, b.a.Commend(ctx, b.office, p.ID, b.own.ID, "何军", "台账规范", at(8)))
		if err := b.a.Commend(ctx, b.head, p.ID, b.own.ID, "张卫", "自荐", at(8)); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head commended: %v", err)
		}
		r, err := b.a.Results(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if len(r.Commended) != 1 || r.Commended[0].Person != "何军" {
			t.Errorf("commended: %+v", r.Commended)
		}
	})
}

// A capping decision recorded after the grades were approved holds the unit
// at 合格 once the year is re-opened and graded again: grades read the
// decisions as they stand, not as when the plan's run was computed.
func TestRegradingAfterReopeningReadsTheDecisionsAsTheyStand(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.excellent(t)
		grade := func() assessment.Grade {
			var g assessment.Grade
			modelstest.Must(t, s.DB.Where("plan_id = ? AND department_id = ?", p.ID, b.own.ID).First(&g).Error)
			return g
		}
		if g := grade(); g.Grade != "优秀" || g.Ineligible {
			t.Fatalf("before the decision: %s, ineligible %v", g.Grade, g.Ineligible)
		}
		_, err := ingest.New(s).File(ctx, ingest.Accountability, "decisions.csv", strings.NewReader(
			"case_no,department,decided,sanction,persons,trigger,summary\nZJ2024-010,SJ09,2024-11-01,通报批评,林涛,不依法履行公开义务,未按时公开\n"),
			ingest.Options{Source: "file", FileName: "decisions.csv", Viewer: models.System})
		modelstest.Must(t, err)
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.RequestReopen, "追责决定取消优秀资格", at(8)))
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveReopen, "", at(9)))
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(10)))
		if g := grade(); g.Grade != "合格" || !g.Ineligible {
			t.Errorf("after the decision and re-grading: %s, ineligible %v", g.Grade, g.Ineligible)
		}
	})
}

// Issue 20 item 6: grades are proposed only after the windows close and
// every unit signs, or earlier with the office's reason, which the plan
// keeps for the leading group and the audit log records; the office
// reminds (催办) a unit that has not signed, and its head sees it; a head's
// forms close with a reason; a cut-off after today is refused.
func TestProposingWaitsForTheWindows(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		in := b.input()
		in.Dates.AsOf = date("2025-02-04")
		if _, err := b.a.CreatePlan(ctx, b.office, in, at(0)); !isValidation(err) || !strings.Contains(err.Error(), "晚于今天（2025-02-03）") {
			t.Errorf("a plan cut off after today: %v", err)
		}
		if _, _, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, b.office, scoreruns.ScoreRequest{Year: 2024, AsOf: date("2025-03-01")}, at(0)); !isValidation(err) || !strings.Contains(err.Error(), "晚于今天") {
			t.Errorf("scores computed as of a day to come: %v", err)
		}
		p := b.plan(t)

		// 催办: the office only, only while unsigned.
		if err := b.a.Remind(ctx, b.head, p.ID, []uint{b.own.ID}, "", at(3)); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head reminded: %v", err)
		}
		modelstest.Must(t, b.a.Remind(ctx, b.office, p.ID, []uint{b.own.ID}, "", at(3)))
		items, err := b.a.ForHead(ctx, b.head)
		modelstest.Must(t, err)
		if len(items) != 1 || items[0].Member.RemindedAt == nil || items[0].Member.RemindedBy != b.office.Name {
			t.Errorf("the head does not see the reminder: %+v", items)
		}
		modelstest.Must(t, b.a.SignNotice(ctx, b.head, p.ID, b.own.ID, at(4)))
		if err := b.a.SignNotice(ctx, b.head, p.ID, b.own.ID, at(4)); !isValidation(err) || !strings.Contains(err.Error(), "不能重复签收") {
			t.Errorf("a second signature of the notice: %v", err)
		}
		if err := b.a.Remind(ctx, b.office, p.ID, []uint{b.own.ID}, "", at(4)); !isValidation(err) || !strings.Contains(err.Error(), "已于 2025-02-07 签收") {
			t.Errorf("reminded a unit that signed: %v", err)
		}
		log, err := audit.New(s).AuditEntries(ctx, b.office, audit.AuditQuery{Entity: "assessment_notice", Limit: 10})
		modelstest.Must(t, err)
		if len(log) != 2 || log[len(log)-1].Action != "remind" && log[0].Action != "remind" {
			t.Errorf("the reminder is not in the audit log: %+v", log)
		}

		// Too early: refused with what it waits for.
		err = b.a.Take(ctx, b.office, p.ID, assessment.Propose, "", at(5))
		for _, want := range []string{"自查材料报送期限（2025-02-14）尚未届满", "异议期限（2025-02-18）尚未届满", "实地考核（2025-02-20）尚未进行", "1 个单位尚未签收考核通知"} {
			if !isValidation(err) || !strings.Contains(err.Error(), want) {
				t.Errorf("proposed early without a reason: %v, want %q", err, want)
			}
		}
		// Early with a reason: kept for the leading group and the audit log.
		reason := "年度工作会议提前召开，经分管领导同意提前提出"
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, reason, at(5)))
		got, err := b.a.Plan(ctx, b.leader, p.ID)
		modelstest.Must(t, err)
		if got.EarlyReason != reason {
			t.Errorf("the leading group reads %q, want the office's reason", got.EarlyReason)
		}
		log, err = audit.New(s).AuditEntries(ctx, b.office, audit.AuditQuery{Entity: "assessment_plan", EntityID: p.ID, Limit: 10})
		modelstest.Must(t, err)
		if !strings.Contains(log[0].After, reason) || !strings.Contains(log[0].After, "尚未届满") {
			t.Errorf("the audit log does not keep the early proposal: %s", log[0].After)
		}
		// Proposed: the head's forms close with the reason.
		if _, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, "自查", nil, nil, at(5)); !isValidation(err) || !strings.Contains(err.Error(), "初步等次已提出") {
			t.Errorf("a self-inspection after the grades were proposed: %v", err)
		}
		// Sent back and proposed again once everything is done: no reason needed, none kept.
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ReturnGrades, "请待实地考核后再提出", at(6)))
		modelstest.Must(t, b.a.SignNotice(ctx, b.otherHead, p.ID, b.other.ID, at(6)))
		if _, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, "A1", 0, "不对", nil, at(16)); !isValidation(err) || !strings.Contains(err.Error(), "异议期已于 2025-02-18 截止") {
			t.Errorf("an objection after its window: %v", err)
		}
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, "", at(17)))
		if got, _ := b.a.Plan(ctx, b.leader, p.ID); got.EarlyReason != "" {
			t.Errorf("an on-time proposal keeps the early reason %q", got.EarlyReason)
		}
	})
}

// A year's standings are read once per change of what they are made of
// (issue 27) and each change shows at once: an objection accepted moves
// the provisional total, the proposed grades are hidden from a head and
// not from the office, and approval makes them the approved ones.
func TestStandingsFollowTheAssessment(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.plan(t)
		_, code, points := b.firstDeduction(t, p)
		standing := func(v models.Viewer) *scoreruns.Standing {
			t.Helper()
			st, err := b.a.Standing(ctx, v, 2024, b.own.ID)
			modelstest.Must(t, err)
			if st == nil {
				t.Fatal("no standing")
			}
			return st
		}
		first := standing(b.office)
		if first.Source != scoreruns.StandingProvisional || first.PlanID != p.ID {
			t.Fatalf("standing of a plan under way: %+v", first)
		}
		standing(b.office) // from the cache
		o, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, code, 0, "导入遗漏", nil, at(3))
		modelstest.Must(t, err)
		modelstest.Must(t, b.a.Answer(ctx, b.office, o.ID, true, "经核实，撤销扣分", at(4)))
		if got, want := standing(b.office).Total, new(big.Rat).Add(first.Total, points); got.Cmp(want) != 0 {
			t.Errorf("after an accepted objection the standing is %s, want %s", got.RatString(), want.RatString())
		}
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(6)))
		if st := standing(b.office); st.Source != scoreruns.StandingProposed || st.Grade == "" {
			t.Errorf("the office's standing once proposed: %+v", st)
		}
		if st := standing(b.head); !st.Hidden || st.Grade != "" || st.Total != nil {
			t.Errorf("a head read the proposed grade before the leading group decided: %+v", st)
		}
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveGrades, "", at(7)))
		if st := standing(b.head); st.Source != scoreruns.StandingApproved || st.Hidden || st.Grade == "" {
			t.Errorf("the head's standing once approved: %+v", st)
		}
	})
}
