package seed

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// DemoHeadUsername is the demo account of a department's head, for the
// departments without one of DemoUsers: every assessed department has a head
// who signs for the notice and files the self-inspection.
func DemoHeadUsername(code string) string { return "head-" + strings.ToLower(code) }

// demoBarred is an accountability decision of year y that takes two
// persons' eligibility for awards (取消评先选优资格), loaded through the
// import path like the others: the demo's commendation of one of them is
// refused.
func demoBarred(y int) string {
	return "case_no,department,decided,sanction,persons,trigger,summary\n" +
		fmt.Sprintf("ZJ%d-003,SJ10,%d-11-12,通报批评、取消评先选优资格,林涛、高峰,不依法履行公开义务,第三季度交通管制信息未及时公开\n", y, y)
}

// demoPDF and demoPNG are the smallest files the attachment check accepts
// as a PDF and a PNG.
var (
	demoPDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	demoPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
		"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
)

// demoAt is an hour in Beijing on a day of the assessment of year y, in
// the year after.
func demoAt(y int, month time.Month, day, hour int) time.Time {
	return time.Date(y+1, month, day, hour-8, 0, 0, 0, time.UTC)
}

// demoAsOf is the data cut-off of the demo's assessment of year y, and of
// its scores: the default 2 February of the year after.
func demoAsOf(y int) scoring.Date { return scoring.NewDate(y+1, time.February, 2) }

// demoRepublished is the last step of the demo's assessment of year y: the
// results published again after the re-opening, with the 更正通报.
func demoRepublished(y int) time.Time { return demoAt(y, time.April, 10, 10) }

// demoAssessment carries the demo year's assessment through every step to
// publication, as its users would: the office drafts and submits the plan,
// the leading group sends it back once and then approves it; every head
// signs for the notice and files a self-inspection (one late, one never);
// heads object to deductions, the office accepts one and rejects others and
// adjusts one indicator by hand; the team records findings, one rectified
// and closed, one still open; the office proposes grades, the leading group
// approves them; the office commends units and a person (and is refused one
// barred by an accountability decision) and publishes the results notice.
func demoAssessment(ctx context.Context, store *models.Store, y int, users map[string]models.Viewer) error {
	at := func(month time.Month, day, hour int) time.Time { return demoAt(y, month, day, hour) }
	im := ingest.New(store)
	if _, err := im.File(ctx, ingest.Accountability, "accountability-2.csv", strings.NewReader(demoBarred(y)), ingest.Options{Source: "seed", FileName: "accountability-2.csv", Viewer: models.System}); err != nil {
		return fmt.Errorf("demo decision: %w", err)
	}
	depts, err := store.Departments(ctx, models.System)
	if err != nil {
		return err
	}
	heads := make(map[string]models.Viewer, len(depts))
	for _, u := range users {
		if u.Can(models.ActFileForDepartment) {
			for _, d := range depts {
				if d.ID == u.DepartmentID {
					heads[d.Code] = u
				}
			}
		}
	}
	for _, d := range depts {
		if _, ok := heads[d.Code]; ok {
			continue
		}
		name := d.Head
		if name == "" {
			name = d.Name + "负责人"
		}
		u, err := accounts.New(store).CreateUser(ctx, models.System, accounts.NewUser{Username: DemoHeadUsername(d.Code), Name: name, Role: models.RoleHead, Password: DemoPassword, DepartmentID: d.ID})
		if err != nil {
			return fmt.Errorf("demo head of %s: %w", d.Code, err)
		}
		heads[d.Code] = u.Viewer()
	}
	office, leader := users["office"], users["leader"]
	a := assessment.New(store)
	in := assessment.PlanInput{Year: y, FullScope: true, Team: "吴良亮（组长）、刘敏、赵静",
		Dates: assessment.Dates{AsOf: demoAsOf(y), Notice: scoring.NewDate(y+1, time.February, 9),
			SelfDue: scoring.NewDate(y+1, time.February, 20), ObjectionDue: scoring.NewDate(y+1, time.February, 25), Review: scoring.NewDate(y+1, time.February, 26)}}
	p, err := a.CreatePlan(ctx, office, in, at(time.February, 3, 9))
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	err = takeSteps(ctx, a, p.ID, []demoStep{
		{office, assessment.Submit, "", at(time.February, 3, 10)},
		{leader, assessment.Return, "请补充考核小组成员名单，并明确纪委派员参加实地考核。", at(time.February, 4, 9)},
	})
	if err != nil {
		return err
	}
	in.Team = "吴良亮（组长）、刘敏、赵静、钱正（纪委）"
	if err := a.UpdatePlan(ctx, office, p.ID, in, at(time.February, 4, 15)); err != nil {
		return fmt.Errorf("demo plan update: %w", err)
	}
	if err := a.Take(ctx, office, p.ID, assessment.Submit, "", at(time.February, 4, 16)); err != nil {
		return err
	}
	if err := a.Take(ctx, leader, p.ID, assessment.Approve, "", at(time.February, 5, 10)); err != nil {
		return err
	}

	// Notices signed, self-inspections filed: 沭城派出所 late, 幸福派出所 never.
	for i, d := range depts {
		h := heads[d.Code]
		if err := a.SignNotice(ctx, h, p.ID, d.ID, at(time.February, 9+i%4, 9+i%7)); err != nil {
			return fmt.Errorf("demo notice %s: %w", d.Code, err)
		}
		var files []upload.Upload
		day := 16 + i%5
		switch d.Code {
		case "PS02":
			continue
		case "PS03":
			day = 23
		case "SJ09":
			files = []upload.Upload{{Name: fmt.Sprintf("治安支队%d年度政府信息公开自查报告.pdf", y), Data: demoPDF}}
		}
		text := fmt.Sprintf("%s对照责任分解表对%d年度政府信息公开工作进行了自查。主动公开：按目录发布信息，少数栏目更新不及时；依申请公开：按期答复；投诉处理：按时回复办结。存在问题：部分信息发布时间晚于形成后20个工作日，已明确专人负责，限期整改。", d.Name, y)
		if _, err := a.FileSelfInspection(ctx, h, p.ID, d.ID, text, files, nil, at(time.February, day, 15)); err != nil {
			return fmt.Errorf("demo self-inspection %s: %w", d.Code, err)
		}
	}

	// Objections: 治安支队 two (one accepted, one rejected), 宿城分局 one (accepted).
	byCode := make(map[string]models.Department, len(depts))
	for _, d := range depts {
		byCode[d.Code] = d
	}
	type objection struct {
		code, reason, answer string
		accept               bool
		at                   time.Time
		files                []upload.Upload
	}
	var answers []struct {
		id     uint
		accept bool
		answer string
	}
	for _, o := range []objection{
		{"SJ09", "该信息已于当月在门户网站公开，导入台账时遗漏，附网站截图为证。", "经核实，该信息已按时在门户网站公开，系导入遗漏，撤销该项扣分。", true, at(time.February, 18, 10), []upload.Upload{{Name: "网站截图.png", Data: demoPNG}}},
		{"SJ09", "该项工作已通过公开栏公开，请予认可。", "公开栏公开无留存记录，且目录要求网站公开，维持扣分。", false, at(time.February, 18, 11), nil},
		{"FJ01", "申请答复期间含春节假期，实际未超期。", "经核实，调休工作日计算有误，撤销该项扣分。", true, at(time.February, 19, 16), nil},
	} {
		d := byCode[o.code]
		view, err := a.Department(ctx, heads[o.code], p.ID, d.ID)
		if err != nil {
			return err
		}
		ind, pos, ok := firstOpenDeduction(view)
		if !ok {
			return fmt.Errorf("demo objection: %s has no deduction left to contest", o.code)
		}
		obj, err := a.Object(ctx, heads[o.code], p.ID, d.ID, ind, pos, o.reason, o.files, o.at)
		if err != nil {
			return fmt.Errorf("demo objection %s: %w", o.code, err)
		}
		answers = append(answers, struct {
			id     uint
			accept bool
			answer string
		}{obj.ID, o.accept, o.answer})
	}
	for i, an := range answers {
		if err := a.Answer(ctx, office, an.id, an.accept, an.answer, at(time.February, 24, 9+i)); err != nil {
			return fmt.Errorf("demo answer: %w", err)
		}
	}
	if err := a.Adjust(ctx, office, p.ID, byCode["FJ03"].ID, "C1", big.NewRat(1, 1), "12345热线转办的两件投诉已按时回复，台账漏登，经核对回复记录加回。", at(time.February, 25, 10)); err != nil {
		return fmt.Errorf("demo adjustment: %w", err)
	}

	// On-site review: findings, one rectified and closed, one still open.
	rectified, err := a.AddFinding(ctx, office, p.ID, byCode["SJ09"].ID, "网站“办事指南”栏目未标注更新日期。", scoring.NewDate(y+1, time.March, 31), at(time.February, 26, 10))
	if err != nil {
		return fmt.Errorf("demo finding: %w", err)
	}
	if _, err := a.AddFinding(ctx, office, p.ID, byCode["FJ01"].ID, "政府信息公开指南未随机构调整及时更新。", scoring.NewDate(y+1, time.April, 30), at(time.February, 27, 10)); err != nil {
		return fmt.Errorf("demo finding: %w", err)
	}
	if _, err := a.AddFinding(ctx, office, p.ID, byCode["SJ16"].ID, "公开栏内容与网站一致，运行良好。", 0, at(time.February, 27, 15)); err != nil {
		return fmt.Errorf("demo finding: %w", err)
	}

	// Grades proposed from the adjusted totals, approved, commended, published.
	if err := a.Take(ctx, office, p.ID, assessment.Propose, "", at(time.March, 2, 10)); err != nil {
		return err
	}
	if err := a.Take(ctx, leader, p.ID, assessment.ApproveGrades, "", at(time.March, 5, 10)); err != nil {
		return err
	}
	grades, err := a.Grades(ctx, office, p.ID)
	if err != nil {
		return err
	}
	commended, firstCode := 0, ""
	for _, g := range grades {
		if commended == 2 || assessment.UnitIneligible(g) != nil {
			continue
		}
		name := ""
		for _, d := range depts {
			if d.ID == g.DepartmentID {
				name = d.Name
				if firstCode == "" {
					firstCode = d.Code
				}
			}
		}
		if err := a.Commend(ctx, office, p.ID, g.DepartmentID, "", name+"主动公开及时、栏目齐全，考核成绩位居前列。", at(time.March, 6, 10+commended)); err != nil {
			return fmt.Errorf("demo commendation: %w", err)
		}
		commended++
	}
	if err := a.Commend(ctx, office, p.ID, byCode["SJ09"].ID, "何军", "负责本部门信息公开台账和网站维护，全年无逾期。", at(time.March, 6, 14)); err != nil {
		return fmt.Errorf("demo commendation: %w", err)
	}
	var refused *models.ValidationError
	if err := a.Commend(ctx, office, p.ID, byCode["SJ10"].ID, "林涛", "推荐表彰。", at(time.March, 6, 15)); !errors.As(err, &refused) {
		return fmt.Errorf("demo commendation of a barred person was not refused: %v", err)
	}
	if err := a.Take(ctx, office, p.ID, assessment.Publish, "", at(time.March, 10, 10)); err != nil {
		return err
	}
	if err := a.ReportRectification(ctx, heads["SJ09"], rectified.ID, "已在办事指南栏目逐条标注更新日期，并建立月度核对制度。", []upload.Upload{{Name: "整改截图.png", Data: demoPNG}}, at(time.March, 20, 10)); err != nil {
		return fmt.Errorf("demo rectification: %w", err)
	}
	if err := a.CloseFinding(ctx, office, rectified.ID, "经核验，已整改到位。", at(time.March, 25, 10)); err != nil {
		return err
	}
	return demoReopening(ctx, store, a, y, p.ID, firstCode, office, leader)
}

// demoReopening re-opens the published year (issue 20 item 4): a paper
// decision of the year against the first unit commended comes in after
// publication and caps its grade; the office asks to re-open, the leading
// group agrees, the grades are proposed and approved again (which withdraws
// the unit's commendation) and the office publishes again, issuing the
// 更正通报 that names the notice of 10 March, which stays as it was.
func demoReopening(ctx context.Context, store *models.Store, a *assessment.Store, y int, plan uint, code string, office, leader models.Viewer) error {
	late := fmt.Sprintf("case_no,department,decided,sanction,persons,trigger,summary\nZJ%d-007,%s,%d-12-18,通报批评,周明,不依法履行公开义务,年底集中补发信息，形式上按时公开\n", y, code, y)
	if _, err := ingest.New(store).File(ctx, ingest.Accountability, "accountability-3.csv", strings.NewReader(late), ingest.Options{Source: "seed", FileName: "accountability-3.csv", Viewer: models.System}); err != nil {
		return fmt.Errorf("demo late decision: %w", err)
	}
	return takeSteps(ctx, a, plan, []demoStep{
		{office, assessment.RequestReopen, fmt.Sprintf("补录的%d年度责任追究决定取消了一个先进单位的评先资格，等次和表彰需重新审核。", y), demoAt(y, time.April, 2, 10)},
		{leader, assessment.ApproveReopen, "", demoAt(y, time.April, 3, 10)},
		{office, assessment.Propose, "", demoAt(y, time.April, 7, 10)},
		{leader, assessment.ApproveGrades, "", demoAt(y, time.April, 9, 10)},
		{office, assessment.Publish, "", demoRepublished(y)},
	})
}

// demoStep is a step of the demo's assessment, taken by v at at.
type demoStep struct {
	v      models.Viewer
	action assessment.Action
	reason string
	at     time.Time
}

// takeSteps takes the steps in order, as their users would.
func takeSteps(ctx context.Context, a *assessment.Store, plan uint, steps []demoStep) error {
	for _, s := range steps {
		if err := a.Take(ctx, s.v, plan, s.action, s.reason, s.at); err != nil {
			return fmt.Errorf("demo plan %s: %w", s.action, err)
		}
	}
	return nil
}

// firstOpenDeduction finds the first deduction not yet contested, in
// indicator order, preferring coverage, timeliness and requests.
func firstOpenDeduction(v *assessment.DepartmentView) (string, int, bool) {
	if v.Auto == nil {
		return "", 0, false
	}
	for _, want := range []string{"A1", "B1", "A2", "C1", "D1"} {
		for _, ind := range v.Auto.Indicators {
			if ind.Code != want {
				continue
			}
			for i := range ind.Deductions {
				if v.ObjectionAt(ind.Code, i) == nil {
					return ind.Code, i, true
				}
			}
		}
	}
	return "", 0, false
}
