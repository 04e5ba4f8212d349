package handlers_test

import (
	"context"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// focusedYear is issue 20's item 1 in small: three units lead an item and
// are scored for 2024 (治安支队 47.50 不合格, 3rd of 3); a focused
// assessment of 治安支队 and 刑警支队 adjusts 治安支队 by 14 points and the
// leading group approves 61.50 基本合格, 1st of the 2 units assessed.
// 交警支队 is outside the plan. It returns the plan and the third unit.
func focusedYear(t *testing.T, b *bureau) (*assessment.Plan, models.Department) {
	t.Helper()
	ctx, s := context.Background(), b.store
	withYear(t, b)
	third := models.Department{Code: "SJ11", Name: "交警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&third).Error)
	modelstest.Must(t, s.DB.Model(&models.CatalogItem{}).Where("seq = 23").Update("lead", "治安支队、刑警支队、交警支队").Error)
	formed, published := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: third.ID, IndexNo: "third-1", Seq: 23, Title: "交警典型案例", Channel: "网站", Formed: &formed, Published: published}).Error)
	a := assessment.New(s)
	office := models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
	leader := models.Viewer{UserID: 2, Name: "组长", Role: models.RoleLeader}
	now := b.clock.Now()
	in := assessment.PlanInput{Year: 2024, Departments: []uint{b.own.ID, b.other.ID}, Team: "吴良亮",
		Dates: assessment.Dates{AsOf: scoring.NewDate(2025, 2, 1), Notice: scoring.NewDate(2026, 3, 2), SelfDue: scoring.NewDate(2026, 3, 10),
			ObjectionDue: scoring.NewDate(2026, 3, 12), Review: scoring.NewDate(2026, 3, 17)}}
	p, err := a.CreatePlan(ctx, office, in, now)
	modelstest.Must(t, err)
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.Submit, "", now))
	modelstest.Must(t, a.Take(ctx, leader, p.ID, assessment.Approve, "", now))
	modelstest.Must(t, a.Adjust(ctx, office, p.ID, b.own.ID, "A1", big.NewRat(14, 1), "公开栏记录经核实补录", now))
	for _, d := range []uint{b.own.ID, b.other.ID} {
		modelstest.Must(t, a.SignNotice(ctx, models.Viewer{UserID: 10 + d, Name: "负责人", Role: models.RoleHead, DepartmentID: d}, p.ID, d, now))
	}
	b.clock.Advance(16 * 24 * time.Hour) // 2026-03-18: every window closed
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.Propose, "", b.clock.Now()))
	modelstest.Must(t, a.Take(ctx, leader, p.ID, assessment.ApproveGrades, "", b.clock.Now()))
	return p, third
}

// Issue 20 item 1: every page that shows 治安支队's 2024 grade, for every
// role that may see it, shows the one approved standing (61.50 基本合格,
// 1st of the 2 units assessed), never the raw run's 47.50 不合格 3rd of 3.
func TestOneStandingOnEveryPage(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		focusedYear(t, b)
		dept := "/departments/" + itoa(b.own.ID)
		pages := map[string][]string{
			"head":       {"/", dept, dept + "?year=2024", "/scores?year=2024"},
			"office":     {dept + "?year=2024", "/scores?year=2024"},
			"leader":     {dept + "?year=2024", "/scores?year=2024"},
			"discipline": {dept + "?year=2024", "/scores?year=2024"},
			"auditor":    {dept + "?year=2024", "/scores?year=2024"},
		}
		for user, paths := range pages {
			c := b.client(t)
			c.signIn(user, testPassword)
			for _, path := range paths {
				resp, body := c.get(path)
				if resp.StatusCode != 200 {
					t.Errorf("%s %s: %d", user, path, resp.StatusCode)
					continue
				}
				for _, want := range []string{"61.50", "基本合格", "已审定", "第 1 名（共 2 个受考核单位）"} {
					if !strings.Contains(body, want) {
						t.Errorf("%s %s lacks %q", user, path, want)
					}
				}
				for _, not := range []string{"47.50", "第 3 名", "暂定"} {
					// The ranking lists 交警支队 apart, provisional.
					if strings.Contains(body, not) && !(not == "暂定" && strings.HasPrefix(path, "/scores")) {
						t.Errorf("%s %s shows %q beside the approved standing", user, path, not)
					}
				}
			}
		}
		office := b.client(t)
		office.signIn("office", testPassword)
		office.get("/overview?year=2024")
		if _, chart := office.get("/overview/chart/ranking.json?year=2024"); !strings.Contains(chart, "61.5") || strings.Contains(chart, "47.5") {
			t.Errorf("the overview's ranking chart: %s", chart)
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		_, body := head.get("/export/scores.xlsx?year=2024")
		rows, _ := openXLSX(t, body).GetRows("考核得分")
		if len(rows) != 2 {
			t.Fatalf("the head's export = %v, want their own line", rows)
		}
		if line := strings.Join(rows[1], " "); !strings.Contains(line, "61.5 基本合格") || !strings.HasPrefix(line, "1 ") {
			t.Errorf("the head's export says %q, want 1st, 61.5 基本合格", line)
		}
		_, api := head.get("/api/v1/standings?year=2024")
		if !strings.Contains(api, `"source":"approved","total":"61.50","grade":"基本合格","rank":1,"count":2`) || strings.Contains(api, "刑警支队") {
			t.Errorf("the API gives the head %s", api)
		}
	})
}

// Issue 20 item 2: proposals for accountability read the approved grade
// and the plan's scope: no 不合格 proposal for 治安支队 (approved 基本合格
// though its raw run says 不合格), 刑警支队's approved 不合格 proposed with
// its approved total, nothing for 交警支队 outside the focused plan.
func TestProposalsReadTheApprovedStanding(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		_, third := focusedYear(t, b)
		discipline := models.Viewer{UserID: 4, Name: "纪委", Role: models.RoleDiscipline}
		ps, err := accountability.New(s, assessment.New(s)).Proposals(context.Background(), discipline)
		modelstest.Must(t, err)
		var other bool
		for _, p := range ps {
			switch {
			case p.DepartmentID == third.ID:
				t.Errorf("proposed %q for a unit outside the focused plan", p.Summary)
			case p.Key == "fail:2024:"+itoa(b.own.ID):
				t.Errorf("proposed %q though 基本合格 was approved", p.Summary)
			case p.Key == "fail:2024:"+itoa(b.other.ID):
				other = true
				if !strings.Contains(p.Summary, "总分57.50，已审定") {
					t.Errorf("刑警支队's proposal reads %q, want the approved total", p.Summary)
				}
			}
		}
		if !other {
			t.Errorf("刑警支队's approved 不合格 is not proposed: %+v", ps)
		}
		dis := b.client(t)
		dis.signIn("discipline", testPassword)
		if _, page := dis.get("/cases"); strings.Contains(page, "47.50") || !strings.Contains(page, "总分57.50，已审定") {
			t.Error("/cases proposes from the raw run, or not from the approved grade")
		}
	})
}

// Issue 20 item 6: /scores/compute refuses a data cut-off after today with
// the Chinese reason, the form as typed (2027-03-01 on 2026-12-06).
func TestComputeRefusesACutOffToCome(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	withYear(t, b)
	b.clock.now = time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	office := b.client(t)
	office.signIn("office", testPassword)
	resp, body := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2026"}, "as_of": {"2027-03-01"}})
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "数据截止日期 2027-03-01 晚于今天（2026-12-06）") || !strings.Contains(body, `value="2027-03-01"`) {
		t.Errorf("a cut-off to come: %d", resp.StatusCode)
	}
	var runs int64
	modelstest.Must(t, s.DB.Model(&scoreruns.ScoreRun{}).Count(&runs).Error)
	if runs != 0 {
		t.Errorf("%d runs stored", runs)
	}
}
