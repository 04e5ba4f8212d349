package seed

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/scoring"
)

// demoCases shows the discipline office's workspace in every state, made
// through the functions its users call, on the demo year's stored scores:
// proposals left waiting (宿城分局's among them, for the browser test), a
// case under investigation, one whose statements are heard, one decided
// and notified that caps 泗阳县公安局's grade, one under appeal and one
// whose appeal was decided 变更, with its 复核决定书; and the cases at work
// on today (liveCases).
func demoCases(ctx context.Context, store *models.Store, y int, depts map[string]uint, today time.Time) error {
	cs := accountability.New(store, assessment.New(store))
	at := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 30, 0, 0, time.UTC) }
	day := func(m time.Month, d int) scoring.Date { return scoring.NewDate(y, m, d) }
	v := models.Viewer{Name: "钱正", Role: models.RoleDiscipline}
	person := func(c *accountability.Case, name, no, unit string, post accountability.Post) error {
		return cs.AddPerson(ctx, v, c.ID, 0, accountability.PersonForm{Name: name, PoliceNo: no, Department: depts[unit], Post: post})
	}
	heard := func(c *accountability.Case, on scoring.Date, lines ...string) error {
		f, err := cs.Get(ctx, v, c.ID)
		if err != nil {
			return err
		}
		for i, p := range f.Persons {
			kind := accountability.Stated
			if lines[i] == "" {
				kind, lines[i] = accountability.Refused, "经两次书面通知，本人拒绝陈述申辩，已记录在案"
			}
			if err := cs.RecordStatement(ctx, v, c.ID, accountability.StatementForm{Person: p.ID, Kind: kind, Text: lines[i], Date: on}); err != nil {
				return err
			}
		}
		return cs.Hear(ctx, v, c.ID, on.Time())
	}
	// The earliest case first, so that the numbers run with the dates.
	if err := changedOnAppeal(ctx, cs, v, depts, heard, person, day, at); err != nil {
		return err
	}

	// Under investigation: 网安支队's 不合格 grade.
	inv, err := cs.Accept(ctx, v, fmt.Sprintf("fail:%d:%d", y, depts["SJ14"]), at(time.November, 24))
	if err != nil {
		return fmt.Errorf("demo case under investigation: %w", err)
	}
	if err := person(inv, "周启明", "320112", "SJ14", accountability.Handler); err != nil {
		return err
	}
	if err := cs.AddNote(ctx, v, inv.ID, "调取网站发布后台日志，核对第三季度公开记录与目录事项的对应关系。", at(time.November, 26)); err != nil {
		return err
	}

	// Statements heard: 宿豫分局's items left unpublished, approved by the
	// leader in charge after secrecy review (leader main, handler secondary).
	hrd, err := cs.Accept(ctx, v, fmt.Sprintf("unpublished:%d:%d", y, depts["FJ02"]), at(time.November, 20))
	if err != nil {
		return fmt.Errorf("demo case heard: %w", err)
	}
	if err := person(hrd, "魏强", "321305", "FJ02", accountability.Handler); err != nil {
		return err
	}
	if err := person(hrd, "孙立华", "321301", "FJ02", accountability.InCharge); err != nil {
		return err
	}
	if err := cs.SetAct(ctx, v, hrd.ID, accountability.Act{Reviewed: true, Approved: true}, at(time.November, 21)); err != nil {
		return err
	}
	if err := heard(hrd, day(time.December, 2), "承认第三季度办事指南未按时更新，系人员调整交接不及时所致。", "已安排专人负责目录事项更新，请求从轻处理。"); err != nil {
		return err
	}

	// Decided and notified, capping: 泗阳县公安局 published a notice of
	// results only in form; the department is criticised in a notice and
	// must rectify within a time limit.
	capped, err := cs.Open(ctx, v, accountability.OpenForm{Department: depts["FJ04"], TriggerKind: 2,
		Summary: "群众反映其网站“政务公开”栏目长期仅转载上级文件，承诺的办事进度查询未开通。"}, at(time.October, 28))
	if err != nil {
		return fmt.Errorf("demo capping case: %w", err)
	}
	if err := person(capped, "陈永胜", "321608", "FJ04", accountability.Handler); err != nil {
		return err
	}
	if err := person(capped, "刘建国", "321602", "FJ04", accountability.Principal); err != nil {
		return err
	}
	if err := cs.SetAct(ctx, v, capped.ID, accountability.Act{Collective: true}, at(time.October, 30)); err != nil {
		return err
	}
	f, err := cs.Get(ctx, v, capped.ID)
	if err != nil {
		return err
	}
	if err := cs.Override(ctx, v, capped.ID, f.Persons[0].ID, accountability.Secondary, "承办人未按规定提请保密审查，对栏目长期不更新负有直接责任。"); err != nil {
		return err
	}
	if err := heard(capped, day(time.November, 18), "栏目更新由局办公室统一安排，本人按要求执行。", ""); err != nil {
		return err
	}
	err = cs.Decide(ctx, v, capped.ID, accountability.DecisionForm{Date: day(time.December, 10), Severity: accountability.Serious,
		Reasons: "公开流于形式、承诺不践诺，经查属实，影响较大。",
		Sanctions: []accountability.Imposed{{Name: "通报批评"}, {Name: "限期整改", Due: scoring.NewDate(y+1, time.January, 31)},
			{PersonID: f.Persons[0].ID, Name: "书面检查"}, {PersonID: f.Persons[1].ID, Name: "通报批评"}, {PersonID: f.Persons[1].ID, Name: accountability.BarredFromAwards}}},
		at(time.December, 10))
	if err != nil {
		return fmt.Errorf("demo capping decision: %w", err)
	}
	if err := cs.Notify(ctx, v, capped.ID, day(time.December, 12), at(time.December, 12)); err != nil {
		return err
	}

	// Under appeal: 交警支队's answer overturned on reconsideration (art.
	// 6(二)4); the handler asks for a review.
	ps, err := cs.Proposals(ctx, v)
	if err != nil {
		return err
	}
	key := ""
	for _, p := range ps {
		if p.DepartmentID == depts["SJ11"] && strings.HasPrefix(p.Key, "overturned:") {
			key = p.Key
		}
	}
	app, err := cs.Accept(ctx, v, key, at(time.November, 25))
	if err != nil {
		return fmt.Errorf("demo appealed case: %w", err)
	}
	if err := person(app, "黄磊", "320905", "SJ11", accountability.Handler); err != nil {
		return err
	}
	if err := heard(app, day(time.December, 5), "答复依据的是当时有效的规定，不存在故意拖延。"); err != nil {
		return err
	}
	g, err := cs.Get(ctx, v, app.ID)
	if err != nil {
		return err
	}
	err = cs.Decide(ctx, v, app.ID, accountability.DecisionForm{Date: day(time.December, 15), Severity: accountability.Minor,
		Reasons: "答复不当被复议机关撤销，情节轻微。",
		Sanctions: []accountability.Imposed{{Name: "批评教育"}, {PersonID: g.Persons[0].ID, Name: "告诫"},
			{PersonID: g.Persons[0].ID, Name: "限期改正", Due: day(time.December, 31)}}}, at(time.December, 15))
	if err != nil {
		return fmt.Errorf("demo appealed decision: %w", err)
	}
	if err := cs.Notify(ctx, v, app.ID, day(time.December, 16), at(time.December, 16)); err != nil {
		return err
	}
	err = cs.FileAppeal(ctx, v, app.ID, accountability.AppealForm{Kind: "复核", Filed: day(time.December, 29), Appellant: "黄磊",
		Grounds: "复议决定认定的事实与答复时掌握的情况不同，请求撤销告诫。"}, at(time.December, 29))
	if err != nil {
		return err
	}
	return liveCases(ctx, cs, v, depts, heard, person, today)
}

// liveCases are the discipline office's cases at work on today: one opened
// three weeks before and under investigation, one whose statements were
// heard last week, and one decided and notified ten days before, its appeal
// window still open.
func liveCases(ctx context.Context, cs *accountability.Store, v models.Viewer, depts map[string]uint,
	heard func(*accountability.Case, scoring.Date, ...string) error, person func(*accountability.Case, string, string, string, accountability.Post) error,
	today time.Time) error {
	at := func(daysAgo int) time.Time { return today.AddDate(0, 0, -daysAgo) }
	day := func(daysAgo int) scoring.Date { return scoring.DateOf(at(daysAgo)) }
	open := func(code, summary string, daysAgo int, name, no string) (*accountability.Case, error) {
		c, err := cs.Open(ctx, v, accountability.OpenForm{Department: depts[code], TriggerKind: 1, Summary: summary}, at(daysAgo))
		if err != nil {
			return nil, fmt.Errorf("demo case of %s: %w", code, err)
		}
		return c, person(c, name, no, code, accountability.Handler)
	}
	inv, err := open("SJ17", "“涉企收费清单”目录事项连续两月未更新，群众来电反映。", 21, "顾晓东", "321702")
	if err != nil {
		return err
	}
	if err := cs.AddNote(ctx, v, inv.ID, "调取栏目更新记录，约谈信息公开联络员。", at(19)); err != nil {
		return err
	}
	hrd, err := open("FJ05", "依申请公开答复未载明救济途径，申请人投诉。", 40, "蒋文", "321905")
	if err != nil {
		return err
	}
	if err := heard(hrd, day(8), "答复书使用了旧模板，已全部更换。"); err != nil {
		return err
	}
	dec, err := open("PS04", "派出所公开栏警务信息半年未更换。", 60, "丁磊", "321404")
	if err != nil {
		return err
	}
	if err := heard(dec, day(30), "公开栏更换由社区民警兼管，已明确专人。"); err != nil {
		return err
	}
	f, err := cs.Get(ctx, v, dec.ID)
	if err != nil {
		return err
	}
	err = cs.Decide(ctx, v, dec.ID, accountability.DecisionForm{Date: day(12), Severity: accountability.Minor, Reasons: "公开栏长期未更新，经提醒后已整改，情节轻微。",
		Sanctions: []accountability.Imposed{{Name: "批评教育"}, {PersonID: f.Persons[0].ID, Name: "告诫"}}}, at(12))
	if err != nil {
		return fmt.Errorf("demo live decision: %w", err)
	}
	return cs.Notify(ctx, v, dec.ID, day(10), at(10))
}

// changedOnAppeal is a case whose appeal was decided 变更: 指挥中心情报信息处's
// handler was ordered a written self-criticism, reduced on review to a
// caution. The notice stays as issued; the 复核决定书 names it.
func changedOnAppeal(ctx context.Context, cs *accountability.Store, v models.Viewer, depts map[string]uint,
	heard func(*accountability.Case, scoring.Date, ...string) error, person func(*accountability.Case, string, string, string, accountability.Post) error,
	day func(time.Month, int) scoring.Date, at func(time.Month, int) time.Time) error {
	c, err := cs.Open(ctx, v, accountability.OpenForm{Department: depts["SJ08"], TriggerKind: 1,
		Summary: "第三季度“警情通报”目录事项未按时公开，经提醒后于次月补充公开。"}, at(time.October, 20))
	if err != nil {
		return fmt.Errorf("demo case changed on appeal: %w", err)
	}
	if err := person(c, "许晴", "320818", "SJ08", accountability.Handler); err != nil {
		return err
	}
	if err := heard(c, day(time.October, 31), "因系统升级延误发布，已于11月3日补充公开。"); err != nil {
		return err
	}
	f, err := cs.Get(ctx, v, c.ID)
	if err != nil {
		return err
	}
	err = cs.Decide(ctx, v, c.ID, accountability.DecisionForm{Date: day(time.November, 5), Severity: accountability.Minor,
		Reasons:   "应公开未按时公开，经提醒后补充公开，情节轻微。",
		Sanctions: []accountability.Imposed{{Name: "批评教育"}, {PersonID: f.Persons[0].ID, Name: "书面检查"}}}, at(time.November, 5))
	if err != nil {
		return fmt.Errorf("demo decision changed on appeal: %w", err)
	}
	if err := cs.Notify(ctx, v, c.ID, day(time.November, 6), at(time.November, 6)); err != nil {
		return err
	}
	if err := cs.FileAppeal(ctx, v, c.ID, accountability.AppealForm{Kind: "复核", Filed: day(time.November, 20), Appellant: "许晴",
		Grounds: "延误系系统升级所致，并非本人怠于履职，请求减轻处理。"}, at(time.November, 20)); err != nil {
		return err
	}
	return cs.RecordOutcome(ctx, v, c.ID, accountability.OutcomeForm{Outcome: accountability.Changed, Date: day(time.December, 1),
		Reasons:   "延误确与系统升级有关，本人已及时补救，改为告诫。",
		Sanctions: []accountability.Imposed{{Name: "批评教育"}, {PersonID: f.Persons[0].ID, Name: "告诫"}}}, at(time.December, 1))
}
