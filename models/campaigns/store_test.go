package campaigns_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

var (
	office = models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
	leader = models.Viewer{UserID: 2, Name: "领导小组", Role: models.RoleLeader}
)

func at(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func dayOf(s string) scoring.Date { return scoring.DateOf(at(s)) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func refusal(err error) string {
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return verr.Message
	}
	return fmt.Sprint(err)
}

// plan002 is part of seed 002's plan: 集中填报 and 检查督促, with a task of
// 法规文件 for 治安支队 and 刑警支队 led by 法制支队, and one of 行政事业性收费
// for 治安支队 alone.
const (
	title    = "关于进一步推进全市公安机关政务公开工作实施方案"
	phases   = "集中填报阶段｜2026-09-10｜2026-09-20｜集中填报、公开和更新一批政务公开信息\n检查督促阶段｜2026-09-20｜2026-09-30｜检查并通报有关情况"
	tasks002 = "1｜法规文件｜全面梳理和完善应予公开的法律、法规、规范性文件和执法依据｜法制支队｜治安支队、刑警支队｜2026-09-18\n" +
		"2｜行政事业性收费｜公开各种行政事业性收费的项目、依据和标准｜-｜治安支队｜2026-09-28"
)

type bureau struct {
	s      *campaigns.Store
	za, xj models.Department
	headZA models.Viewer
	headXJ models.Viewer
}

func setUp(t *testing.T, s *models.Store) bureau {
	t.Helper()
	b := bureau{s: campaigns.New(s)}
	b.za = models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	b.xj = models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	fz := models.Department{Code: "FZ", Name: "法制支队", Kind: models.KindCityDept}
	for _, d := range []*models.Department{&b.za, &b.xj, &fz} {
		modelstest.Must(t, s.DB.Create(d).Error)
	}
	b.headZA = models.Viewer{UserID: 3, Name: "张卫", Role: models.RoleHead, DepartmentID: b.za.ID}
	b.headXJ = models.Viewer{UserID: 4, Name: "彭军", Role: models.RoleHead, DepartmentID: b.xj.ID}
	return b
}

func (b bureau) create(t *testing.T) *campaigns.Campaign {
	t.Helper()
	ps, err := campaigns.ParsePhases(phases)
	modelstest.Must(t, err)
	ts, err := campaigns.ParseTasks(tasks002)
	modelstest.Must(t, err)
	c, err := b.s.Create(context.Background(), office, campaigns.Input{Title: title, Scope: "市局各部门", Phases: ps, Tasks: ts}, at("2026-09-01"))
	modelstest.Must(t, err)
	return c
}

func (b bureau) approve(t *testing.T) *campaigns.Campaign {
	t.Helper()
	c := b.create(t)
	ctx := context.Background()
	modelstest.Must(t, b.s.Take(ctx, office, c.ID, campaigns.Submit, "", at("2026-09-02")))
	modelstest.Must(t, b.s.Take(ctx, leader, c.ID, campaigns.Approve, "", at("2026-09-03")))
	return c
}

// part finds a unit's part of task seq.
func (b bureau) part(t *testing.T, c uint, seq int, dept uint) campaigns.Part {
	t.Helper()
	ps, err := b.s.Parts(context.Background(), office, c, 0)
	modelstest.Must(t, err)
	for _, p := range ps {
		if p.TaskSeq == seq && p.DepartmentID == dept {
			return p
		}
	}
	t.Fatalf("no part of task %d for %d", seq, dept)
	return campaigns.Part{}
}

// The leading group approves a plan the office submitted, once; the roles
// the table refuses are refused; a return needs a reason; a unit that is
// not in the plan does not exist.
func TestApproval(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := setUp(t, s)
		ctx := context.Background()
		if _, err := b.s.Create(ctx, b.headZA, campaigns.Input{}, at("2026-09-01")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head drafts a campaign: %v", err)
		}
		ts, _ := campaigns.ParseTasks("1｜法规文件｜梳理｜法制支队｜治安支队、督察支队｜2026-09-18")
		ps, _ := campaigns.ParsePhases(phases)
		if _, err := b.s.Create(ctx, office, campaigns.Input{Title: title, Phases: ps, Tasks: ts}, at("2026-09-01")); refusal(err) != "公开任务第1行的单位「督察支队」不存在" {
			t.Errorf("unknown unit: %v", err)
		}
		// A group (部门分组) stands for its members.
		modelstest.Must(t, s.DB.Create(&models.Group{Name: "各业务警种", Members: []models.Department{b.za, b.xj}}).Error)
		ts, _ = campaigns.ParseTasks("1｜法规文件｜梳理｜法制支队｜各业务警种、治安支队｜2026-09-18")
		grouped, err := b.s.Create(ctx, office, campaigns.Input{Title: "按分组", Phases: ps, Tasks: ts}, at("2026-09-01"))
		modelstest.Must(t, err)
		if parts, _ := b.s.Parts(ctx, office, grouped.ID, 0); len(parts) != 2 {
			t.Errorf("各业务警种 and 治安支队 make %d parts, want 2", len(parts))
		}
		c := b.create(t)
		if err := b.s.Take(ctx, leader, c.ID, campaigns.Approve, "", at("2026-09-02")); refusal(err) != "《"+title+"》当前的状态不能进行这一步" {
			t.Errorf("approving a draft: %v", err)
		}
		if err := b.s.Take(ctx, office, c.ID, campaigns.Approve, "", at("2026-09-02")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the office approves: %v", err)
		}
		modelstest.Must(t, b.s.Take(ctx, office, c.ID, campaigns.Submit, "", at("2026-09-02")))
		if err := b.s.Take(ctx, leader, c.ID, campaigns.Return, " ", at("2026-09-02")); refusal(err) != "请填写退回理由" {
			t.Errorf("return without a reason: %v", err)
		}
		modelstest.Must(t, b.s.Take(ctx, leader, c.ID, campaigns.Return, "请补充责任单位", at("2026-09-02")))
		more, _ := campaigns.ParseTasks(tasks002 + "\n1｜法规文件｜梳理执法依据｜法制支队｜法制支队｜2026-09-20")
		modelstest.Must(t, b.s.Update(ctx, office, c.ID, campaigns.Input{Title: title, Phases: ps, Tasks: more}))
		if parts, _ := b.s.Parts(ctx, office, c.ID, 0); len(parts) != 4 {
			t.Errorf("the returned plan changed has %d parts, want 4", len(parts))
		}
		modelstest.Must(t, b.s.Take(ctx, office, c.ID, campaigns.Submit, "", at("2026-09-03")))
		modelstest.Must(t, b.s.Take(ctx, leader, c.ID, campaigns.Approve, "", at("2026-09-03")))
		if err := b.s.Take(ctx, leader, c.ID, campaigns.Approve, "", at("2026-09-03")); refusal(err) != "《"+title+"》已经批准，不能重复审批" {
			t.Errorf("approving twice: %v", err)
		}
		if err := b.s.Update(ctx, office, c.ID, campaigns.Input{Title: title, Phases: ps, Tasks: more}); refusal(err) != "《"+title+"》已提交或已批准，不能再修改" {
			t.Errorf("changing an approved plan: %v", err)
		}
		got, err := b.s.Get(ctx, b.headXJ, c.ID)
		if err != nil || got.Status != campaigns.Approved || got.ApprovedBy != leader.Name {
			t.Errorf("the head of a unit in the plan reads %+v, %v", got, err)
		}
	})
}

// A unit reports its own part until its phase is checked; another unit's
// part is a 404; the check waits for the phase's end and wants every
// outcome; the 通报 is issued once, posted once, and found by the public
// site; a correction names it.
func TestReportCheckAndBulletin(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := setUp(t, s)
		ctx := context.Background()
		c := b.create(t)
		za1, xj1 := b.part(t, c.ID, 1, b.za.ID), b.part(t, c.ID, 1, b.xj.ID)
		if err := b.s.Report(ctx, b.headZA, za1.ID, campaigns.ReportInput{Note: "已梳理"}, at("2026-09-12")); refusal(err) != "《"+title+"》尚未经领导小组批准" {
			t.Errorf("report before approval: %v", err)
		}
		modelstest.Must(t, b.s.Take(ctx, office, c.ID, campaigns.Submit, "", at("2026-09-02")))
		modelstest.Must(t, b.s.Take(ctx, leader, c.ID, campaigns.Approve, "", at("2026-09-03")))
		pdf := &upload.Upload{Name: "目录.pdf", Data: []byte("%PDF-1.4\n目录\n%%EOF")}
		modelstest.Must(t, b.s.Report(ctx, b.headZA, za1.ID, campaigns.ReportInput{Note: "已梳理规范性文件12件", File: pdf}, at("2026-09-12")))
		if err := b.s.Report(ctx, b.headZA, xj1.ID, campaigns.ReportInput{Note: "代报"}, at("2026-09-12")); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a head reports for another unit: %v", err)
		}
		if err := b.s.Report(ctx, b.headZA, za1.ID, campaigns.ReportInput{Note: "链接", PublicationID: 999}, at("2026-09-12")); refusal(err) != "编号为999的公开信息不存在，或不是本单位的" {
			t.Errorf("another's publication: %v", err)
		}
		reps, err := b.s.Reports(ctx, b.headXJ, c.ID)
		if err != nil || len(reps) != 0 {
			t.Errorf("刑警支队 reads 治安支队's reports: %v, %v", reps, err)
		}
		reps, _ = b.s.Reports(ctx, office, c.ID)
		if len(reps) != 1 {
			t.Fatalf("office reads %d reports", len(reps))
		}
		if _, err := b.s.ReportFile(ctx, b.headXJ, c.ID, reps[0].ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("刑警支队 reads 治安支队's evidence: %v", err)
		}
		if f, err := b.s.ReportFile(ctx, b.headZA, c.ID, reps[0].ID); err != nil || f.FileMIME != "application/pdf" {
			t.Errorf("治安支队 reads its evidence: %v", err)
		}

		phases, _ := b.s.Phases(ctx, c.ID)
		checks := []campaigns.CheckInput{
			{AssignmentID: za1.ID, Outcome: campaigns.Done},
			{AssignmentID: xj1.ID, Outcome: campaigns.Undone, Finding: "未报送目录", Rectification: "10月10日前补报"},
		}
		if err := b.s.CheckPhase(ctx, office, c.ID, phases[0].ID, checks, at("2026-09-19")); refusal(err) != "「集中填报阶段」到2026-09-20才结束，结束前不能检查" {
			t.Errorf("check before the end: %v", err)
		}
		if err := b.s.CheckPhase(ctx, office, c.ID, phases[0].ID, checks[:1], at("2026-09-20")); refusal(err) != "请给出刑警支队第1项任务的检查结论" {
			t.Errorf("check without every outcome: %v", err)
		}
		if _, err := b.s.IssueBulletin(ctx, office, c.ID, phases[0].ID, at("2026-09-20")); refusal(err) != "「集中填报阶段」尚未检查，不能印发通报" {
			t.Errorf("bulletin before the check: %v", err)
		}
		modelstest.Must(t, b.s.CheckPhase(ctx, office, c.ID, phases[0].ID, checks, at("2026-09-20")))
		if err := b.s.CheckPhase(ctx, office, c.ID, phases[0].ID, checks, at("2026-09-21")); refusal(err) != "「集中填报阶段」已经检查过了" {
			t.Errorf("checked twice: %v", err)
		}
		if err := b.s.Report(ctx, b.headXJ, xj1.ID, campaigns.ReportInput{Note: "补报"}, at("2026-09-21")); refusal(err) != "「集中填报阶段」已经检查，不能再报送进展" {
			t.Errorf("report after the check: %v", err)
		}
		// The second phase's task is still open to 治安支队.
		modelstest.Must(t, b.s.Report(ctx, b.headZA, b.part(t, c.ID, 2, b.za.ID).ID, campaigns.ReportInput{Note: "已公开收费标准"}, at("2026-09-21")))

		doc, err := b.s.IssueBulletin(ctx, office, c.ID, phases[0].ID, at("2026-09-22"))
		modelstest.Must(t, err)
		if doc.Number != "公开通报〔2026〕1号" || doc.Kind != campaigns.BulletinKind {
			t.Errorf("bulletin %s %s", doc.Number, doc.Kind)
		}
		for _, want := range []string{"刑警支队", "未报送目录", "10月10日前补报", "予以通报批评", "治安支队按时完成本阶段全部任务", "2026年9月22日"} {
			if !contains(doc.HTML, want) {
				t.Errorf("the bulletin does not say %q", want)
			}
		}
		if _, err := b.s.IssueBulletin(ctx, office, c.ID, phases[0].ID, at("2026-09-22")); refusal(err) != "「集中填报阶段」的通报已经印发" {
			t.Errorf("bulletin twice: %v", err)
		}
		if err := b.s.PostBulletin(ctx, b.headZA, c.ID, doc.ID, at("2026-09-22")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head posts: %v", err)
		}
		modelstest.Must(t, b.s.PostBulletin(ctx, office, c.ID, doc.ID, at("2026-09-22")))
		if err := b.s.PostBulletin(ctx, office, c.ID, doc.ID, at("2026-09-22")); refusal(err) != "公开通报〔2026〕1号 已在公开网站发布，不能重复发布" {
			t.Errorf("posted twice: %v", err)
		}
		posted, err := documents.Postings(ctx, s.DB, campaigns.BulletinKind)
		if err != nil || len(posted) != 1 || posted[0].ID != doc.ID {
			t.Errorf("postings %+v, %v", posted, err)
		}
		if d, err := documents.PostedDocument(ctx, s.DB, doc.ID); err != nil || d.Number != doc.Number {
			t.Errorf("posted document: %v", err)
		}
		fix, err := b.s.CorrectBulletin(ctx, office, c.ID, doc.ID, "刑警支队已于9月20日报送目录，改为部分完成。", at("2026-09-23"))
		modelstest.Must(t, err)
		if fix.RefID != doc.ID || fix.Relation != documents.Corrects || fix.Number != "公开通报〔2026〕2号" {
			t.Errorf("correction %+v", fix)
		}
		if _, err := documents.PostedDocument(ctx, s.DB, fix.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("an unposted correction is public: %v", err)
		}
		board, err := b.s.Board(ctx, office, c.ID, 0, dayOf("2026-09-23"))
		modelstest.Must(t, err)
		if len(board.Rows) != 2 || board.Rows[0].Department != "刑警支队" || board.Rows[0].Behind != 1 || board.Rows[1].Done != 1 {
			t.Errorf("board rows %+v", board.Rows)
		}
		own, _ := b.s.Board(ctx, b.headXJ, c.ID, phases[0].ID, dayOf("2026-09-23"))
		if len(own.Rows) != 1 || own.Rows[0].DepartmentID != b.xj.ID {
			t.Errorf("a head's board %+v", own.Rows)
		}
	})
}

// Reports of several units at once are all kept; two checks of the same
// phase at once leave one check, the other refused in Chinese; a report
// racing the check either lands before it or is refused.
func TestConcurrentReportsAndChecks(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := setUp(t, s)
		ctx := context.Background()
		c := b.approve(t)
		za1, xj1 := b.part(t, c.ID, 1, b.za.ID), b.part(t, c.ID, 1, b.xj.ID)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, part := b.headZA, za1.ID
				if i%2 == 1 {
					v, part = b.headXJ, xj1.ID
				}
				errs[i] = b.s.Report(ctx, v, part, campaigns.ReportInput{Note: fmt.Sprintf("第%d次报送", i)}, at("2026-09-15"))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			modelstest.Must(t, err)
		}
		if reps, _ := b.s.Reports(ctx, office, c.ID); len(reps) != len(errs) {
			t.Errorf("%d reports kept of %d", len(reps), len(errs))
		}
		phases, _ := b.s.Phases(ctx, c.ID)
		checks := []campaigns.CheckInput{{AssignmentID: za1.ID, Outcome: campaigns.Done}, {AssignmentID: xj1.ID, Outcome: campaigns.Partial}}
		var late error
		errs = make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = b.s.CheckPhase(ctx, office, c.ID, phases[0].ID, checks, at("2026-09-21"))
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			late = b.s.Report(ctx, b.headXJ, xj1.ID, campaigns.ReportInput{Note: "最后时刻报送"}, at("2026-09-21"))
		}()
		wg.Wait()
		ok, refused := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case refusal(err) == "「集中填报阶段」已经检查过了":
				refused++
			default:
				t.Errorf("check: %v", err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Errorf("two checks at once: %d done, %d refused", ok, refused)
		}
		if late != nil && refusal(late) != "「集中填报阶段」已经检查，不能再报送进展" {
			t.Errorf("report racing the check: %v", late)
		}
	})
}
