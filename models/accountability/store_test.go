package accountability_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/frozen"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

var (
	discipline = models.Viewer{UserID: 1, Name: "钱正", Role: models.RoleDiscipline}
	ctx        = context.Background()
	// demoDay is the day the demo is opened on; year is its closed year,
	// assessed and published, on which the cases work.
	demoDay = time.Date(2026, time.December, 7, 9, 0, 0, 0, time.FixedZone("CST", 8*60*60))
	year    = seed.ClosedYear(demoDay)
	now     = time.Date(year+1, time.January, 15, 10, 0, 0, 0, time.UTC)
	opened  = time.Date(year, time.November, 3, 9, 0, 0, 0, time.UTC) // the test cases' opening: their decisions come later
)

// demo is the demo bureau with its cases, and its departments by code.
func demo(t *testing.T, s *models.Store) map[string]uint {
	t.Helper()
	_, err := seed.Demo(ctx, s, demoDay)
	modelstest.Must(t, err)
	names, err := s.LoadNames(ctx)
	modelstest.Must(t, err)
	return names.Departments
}

// openWith opens a case on dept with the given persons (post by name).
func openWith(t *testing.T, cs *accountability.Store, dept uint, persons ...string) *accountability.File {
	t.Helper()
	c, err := cs.Open(ctx, discipline, accountability.OpenForm{Department: dept, TriggerKind: 1, Summary: "测试"}, opened)
	modelstest.Must(t, err)
	for i, name := range persons {
		post := accountability.Handler
		if i > 0 {
			post = accountability.InCharge
		}
		modelstest.Must(t, cs.AddPerson(ctx, discipline, c.ID, 0, accountability.PersonForm{Name: name, PoliceNo: "T" + strconv.Itoa(int(c.ID)) + strconv.Itoa(i), Department: dept, Post: post}))
	}
	f, err := cs.Get(ctx, discipline, c.ID)
	modelstest.Must(t, err)
	return f
}

func hearAll(t *testing.T, cs *accountability.Store, f *accountability.File, on scoring.Date) {
	t.Helper()
	for _, p := range f.Persons {
		modelstest.Must(t, cs.RecordStatement(ctx, discipline, f.ID, accountability.StatementForm{Person: p.ID, Kind: accountability.Stated, Text: "陈述", Date: on}))
	}
	modelstest.Must(t, cs.Hear(ctx, discipline, f.ID, now))
}

func message(err error) string {
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return verr.Message
	}
	return ""
}

// capped reads whether scoring holds dept below 优秀 in year y because of
// a decision, computing the year as the office would.
func capped(t *testing.T, s *models.Store, y int, dept uint) bool {
	t.Helper()
	asOf := scoring.NewDate(y+1, time.February, 2)
	_, res, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: y, AsOf: asOf}, asOf.Time()) // computed on its cut-off day

	modelstest.Must(t, err)
	for _, d := range res.Departments {
		if d.Dept == dept {
			return d.Capped && d.CapReason == scoring.CapDecision
		}
	}
	t.Fatalf("department %d not scored", dept)
	return false
}

func TestWorkspace(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))

		t.Run("a decision needs every person's statement or refusal", func(t *testing.T) {
			f := openWith(t, cs, depts["SJ03"], "甲", "乙")
			d := accountability.DecisionForm{Date: scoring.NewDate(year, 12, 1), Severity: accountability.Minor, Reasons: "理由", Sanctions: []accountability.Imposed{{PersonID: f.Persons[0].ID, Name: "告诫"}}}
			if err := cs.Decide(ctx, discipline, f.ID, d, now); message(err) == "" {
				t.Fatalf("decided under investigation: %v", err)
			}
			modelstest.Must(t, cs.RecordStatement(ctx, discipline, f.ID, accountability.StatementForm{Person: f.Persons[0].ID, Kind: accountability.Stated, Text: "陈述", Date: scoring.NewDate(year, 11, 10)}))
			if err := cs.Hear(ctx, discipline, f.ID, now); !strings.Contains(message(err), "乙") {
				t.Fatalf("hearing closed without 乙's statement: %v", err)
			}
			modelstest.Must(t, cs.RecordStatement(ctx, discipline, f.ID, accountability.StatementForm{Person: f.Persons[1].ID, Kind: accountability.Refused, Text: "拒绝", Date: scoring.NewDate(year, 11, 11)}))
			modelstest.Must(t, cs.Hear(ctx, discipline, f.ID, now))
			modelstest.Must(t, cs.Decide(ctx, discipline, f.ID, d, now))
			got, err := cs.Get(ctx, discipline, f.ID)
			modelstest.Must(t, err)
			if got.Status != accountability.Decided || len(got.Imposed) != 1 || got.Sanctions != "" {
				t.Errorf("after deciding: %s with %d sanctions, department %q", got.Status, len(got.Imposed), got.Sanctions)
			}
			var n int64
			modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND entity_id = ?", "accountability_case", strconv.Itoa(int(f.ID))).Count(&n).Error)
			if n < 6 { // open, two persons, two statements, hear, decide
				t.Errorf("%d audit entries for the case, want every change", n)
			}
		})

		t.Run("a capping decision caps the year and revoking it lifts the cap", func(t *testing.T) {
			dept := depts["PS01"] // 项里派出所, 优秀 in the demo year
			if capped(t, s, year, dept) {
				t.Fatal("capped before any decision")
			}
			f := openWith(t, cs, dept, "丙")
			hearAll(t, cs, f, scoring.NewDate(year, 11, 20))
			modelstest.Must(t, cs.Decide(ctx, discipline, f.ID, accountability.DecisionForm{Date: scoring.NewDate(year, 12, 1), Severity: accountability.Harmful, Reasons: "理由",
				Sanctions: []accountability.Imposed{{Name: "通报批评"}, {PersonID: f.Persons[0].ID, Name: "书面检查"}}}, now))
			if !capped(t, s, year, dept) {
				t.Fatal("a decision with 通报批评 did not cap the department")
			}
			if capped(t, s, year+1, dept) {
				t.Error("the decision capped another year")
			}
			// The demo's grades of its closed year are approved, 项里派出所 at 优秀: frozen
			// grades that the decision now contradicts need a re-opening.
			effects, err := cs.Effects(ctx, models.Viewer{Role: models.RoleOffice})
			modelstest.Must(t, err)
			if e := effectOf(effects, f.ID); e == nil || e.Lifted || !e.Reopen || !strings.Contains(e.Reason, "不能评为优秀") {
				t.Errorf("effect on grades = %+v, want a cap and a re-opening", e)
			}
			// Grades approved with the cap applied agree with the decision.
			modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
				if err := tx.DB.Exec("UPDATE assessment_grades SET grade = ?, ineligible = ? WHERE department_id = ?", "合格", true, dept).Error; err != nil {
					return err
				}
				return tx.Record("update", "assessment_plan", dept, nil, map[string]string{"grade": "合格"})
			}))
			effects, err = cs.Effects(ctx, models.Viewer{Role: models.RoleOffice})
			modelstest.Must(t, err)
			if e := effectOf(effects, f.ID); e == nil || e.Reopen {
				t.Errorf("effect on grades approved with the cap = %+v, want no re-opening", e)
			}

			// The head appeals and the decision is revoked: the cap goes, and
			// the office is told the frozen grades need a re-opening.
			modelstest.Must(t, cs.Notify(ctx, discipline, f.ID, scoring.NewDate(year, 12, 2), now))
			head := models.Viewer{Name: "姚军", Role: models.RoleHead, DepartmentID: dept}
			late := accountability.AppealForm{Kind: "复核", Filed: scoring.NewDate(year+1, 1, 1), Appellant: "项里派出所", Grounds: "不服"}
			jan2 := time.Date(year+1, 1, 2, 9, 0, 0, 0, time.UTC)
			if err := cs.FileAppeal(ctx, head, f.ID, late, jan2); !strings.Contains(message(err), fmt.Sprintf("%d年1月1日", year+1)) {
				t.Errorf("late appeal dated back by a head: %v, want a refusal naming %d年1月1日", err, year+1)
			}
			modelstest.Must(t, cs.FileAppeal(ctx, head, f.ID, late, jan2.AddDate(0, 0, -1)))
			modelstest.Must(t, cs.RecordOutcome(ctx, discipline, f.ID, accountability.OutcomeForm{Outcome: accountability.Revoke, Date: scoring.NewDate(year+1, 1, 10), Reasons: "事实不清"}, time.Now()))
			if capped(t, s, year, dept) {
				t.Error("the revoked decision still caps")
			}
			effects, err = cs.Effects(ctx, models.Viewer{Role: models.RoleOffice})
			modelstest.Must(t, err)
			e := effectOf(effects, f.ID)
			if e == nil || !e.Lifted || !e.Reopen || !strings.Contains(e.Reason, "重新审核") || !strings.Contains(e.Reason, f.CaseNo) {
				t.Errorf("effect after revocation = %+v, want the cap lifted and a re-opening asked for with the reason", e)
			}
		})

		t.Run("a decision after the grades were approved asks for a re-opening", func(t *testing.T) {
			f := openWith(t, cs, depts["SJ15"], "丁")
			hearAll(t, cs, f, scoring.NewDate(year, 11, 20))
			modelstest.Must(t, cs.Decide(ctx, discipline, f.ID, accountability.DecisionForm{Date: scoring.NewDate(year, 12, 3), Severity: accountability.Serious, Reasons: "理由",
				Sanctions: []accountability.Imposed{{Name: "限期整改", Due: scoring.NewDate(year+1, 1, 31)}}}, time.Now()))
			effects, err := cs.Effects(ctx, models.Viewer{Role: models.RoleOffice})
			modelstest.Must(t, err)
			if e := effectOf(effects, f.ID); e == nil || !e.Reopen || !strings.Contains(e.Reason, "不能评为优秀") {
				t.Errorf("effect = %+v, want a re-opening", e)
			}
		})

		t.Run("a dismissed proposal is not proposed again", func(t *testing.T) {
			ps, err := cs.Proposals(ctx, discipline)
			modelstest.Must(t, err)
			if len(ps) == 0 {
				t.Fatal("the demo has no proposals")
			}
			key := ps[0].Key
			if err := cs.Dismiss(ctx, discipline, key, " ", now); message(err) == "" {
				t.Errorf("dismissed without a reason: %v", err)
			}
			modelstest.Must(t, cs.Dismiss(ctx, discipline, key, "已另案处理", now))
			capped(t, s, year, depts["SJ01"]) // the office computes the year again
			ps, err = cs.Proposals(ctx, discipline)
			modelstest.Must(t, err)
			for _, p := range ps {
				if p.Key == key {
					t.Fatalf("%s proposed again after dismissal", key)
				}
			}
			if _, err := cs.Accept(ctx, discipline, key, now); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("accepting a dismissed proposal: %v", err)
			}
		})

		t.Run("a person barred from awards cannot be commended that year", func(t *testing.T) {
			no, barred, err := cs.PersonBarred(ctx, "刘建国", year) // the demo's capping case
			modelstest.Must(t, err)
			if !barred || !strings.HasPrefix(no, fmt.Sprintf("纪公开〔%d〕", year)) {
				t.Errorf("刘建国 barred = %v (%s), want barred by the demo case", barred, no)
			}
			var id uint
			modelstest.Must(t, s.DB.Model(&accountability.Person{}).Where("name = ?", "刘建国").Pluck("id", &id).Error)
			if _, barred, _ := cs.PersonBarred(ctx, strconv.Itoa(int(id)), year); !barred {
				t.Error("not barred when asked by person ID")
			}
			if _, barred, _ := cs.PersonBarred(ctx, "刘建国", year+1); barred {
				t.Error("barred in the next year")
			}
			if _, barred, _ := cs.PersonBarred(ctx, "陈永胜", year); barred {
				t.Error("a person of the case without the sanction is barred")
			}
		})

		t.Run("who sees which case", func(t *testing.T) {
			cases, err := cs.Cases(ctx, discipline, accountability.Filter{})
			modelstest.Must(t, err)
			byStatus := map[accountability.Status]accountability.Case{}
			for _, c := range cases {
				if _, ok := byStatus[c.Status]; !ok || c.Origin == accountability.FromApp {
					byStatus[c.Status] = c
				}
			}
			inv, notified := byStatus[accountability.Investigating], byStatus[accountability.Notified]
			own := models.Viewer{Role: models.RoleHead, DepartmentID: notified.DepartmentID}
			other := models.Viewer{Role: models.RoleHead, DepartmentID: depts["SJ09"]}
			tests := []struct {
				name  string
				v     models.Viewer
				c     accountability.Case
				sees  bool
				notes bool
			}{
				{"discipline, open case", discipline, inv, true, true},
				{"auditor, open case", models.Viewer{Role: models.RoleAuditor}, inv, true, true},
				{"office, open case", models.Viewer{Role: models.RoleOffice}, inv, false, false},
				{"leader, open case", models.Viewer{Role: models.RoleLeader}, inv, false, false},
				{"office, decision", models.Viewer{Role: models.RoleOffice}, notified, true, false},
				{"leader, decision", models.Viewer{Role: models.RoleLeader}, notified, true, false},
				{"own head, notice issued", own, notified, true, false},
				{"own head, before the notice", models.Viewer{Role: models.RoleHead, DepartmentID: inv.DepartmentID}, inv, false, false},
				{"another head", other, notified, false, false},
			}
			for _, tt := range tests {
				f, err := cs.Get(ctx, tt.v, tt.c.ID)
				switch {
				case tt.sees && err != nil:
					t.Errorf("%s: %v", tt.name, err)
				case !tt.sees && !errors.Is(err, models.ErrNotFound):
					t.Errorf("%s: %v, want not found", tt.name, err)
				case tt.sees && (f.Notes != nil) != tt.notes:
					t.Errorf("%s: notes shown = %v", tt.name, f.Notes != nil)
				}
				listed, err := cs.Cases(ctx, tt.v, accountability.Filter{})
				modelstest.Must(t, err)
				found := false
				for _, c := range listed {
					found = found || c.ID == tt.c.ID
				}
				if found != tt.sees {
					t.Errorf("%s: listed = %v", tt.name, found)
				}
			}
			if err := cs.AddNote(ctx, models.Viewer{Role: models.RoleAuditor}, inv.ID, "x", now); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("an auditor wrote a note: %v", err)
			}
			if _, err := cs.Proposals(ctx, models.Viewer{Role: models.RoleOffice}); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("the office read proposals: %v", err)
			}
		})
	})
}

func effectOf(es []accountability.Effect, id uint) *accountability.Effect {
	for i := range es {
		if es[i].Case.ID == id {
			return &es[i]
		}
	}
	return nil
}

// An install upgraded past step 2026120201 finds its imported paper
// decisions among the cases, decided, and they still cap.
func TestUpgradeMovesPaperDecisions(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "D1", Name: "部门一", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&d).Error)
		modelstest.Must(t, s.DB.AutoMigrate(&frozen.AccountabilityDecision{}))
		modelstest.Must(t, s.DB.Create(&frozen.AccountabilityDecision{CaseNo: "ZJ2024-9", DepartmentID: d.ID, Decided: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC),
			Sanctions: "通报批评", Persons: "李四", Trigger: "不依法履行公开义务", Summary: "摘要"}).Error)
		modelstest.Must(t, s.DB.Exec("DELETE FROM migrations WHERE id = ?", "2026120201_accountability_cases").Error)
		modelstest.Must(t, migrations.Run(ctx, s))

		cases, err := accountability.New(s, assessment.New(s)).Cases(ctx, discipline, accountability.Filter{})
		modelstest.Must(t, err)
		if len(cases) != 1 || cases[0].CaseNo != "ZJ2024-9" || cases[0].Status != accountability.Decided || cases[0].Origin != accountability.FromImport || cases[0].Persons != "李四" {
			t.Fatalf("cases after the upgrade = %+v", cases)
		}
		if s.DB.Migrator().HasTable("accountability_decisions") {
			t.Error("the old table is still there")
		}
		in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2024)
		modelstest.Must(t, err)
		if len(in.Decisions) != 1 || in.Decisions[0].CaseNo != "ZJ2024-9" {
			t.Errorf("scoring reads %+v", in.Decisions)
		}
	})
}

// A case links the department's own records and on-site findings as
// evidence, by the numbers people see; another department's are not found.
func TestEvidenceLinksRecordsAndFindings(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		f := openWith(t, cs, depts["FJ01"], "石磊")
		var own assessment.Finding
		modelstest.Must(t, s.DB.Where("department_id = ?", depts["FJ01"]).First(&own).Error)
		var plan assessment.Plan
		modelstest.Must(t, s.DB.Omit("catalog").First(&plan, own.PlanID).Error)
		if own.ID == 1 {
			t.Fatal("FJ01's first finding has id 1: the test cannot tell its number from its id")
		}
		year := strconv.Itoa(plan.Year)
		var pub models.Publication
		modelstest.Must(t, s.DB.Where("department_id = ?", depts["FJ01"]).First(&pub).Error)
		// 问题1 on FJ01's assessment page, whatever its id.
		modelstest.Must(t, cs.LinkEvidence(ctx, discipline, f.ID, "finding", year+"-1"))
		modelstest.Must(t, cs.LinkEvidence(ctx, discipline, f.ID, "publication", pub.IndexNo))

		// FJ01 has one finding; 问题2 is another department's or none.
		for _, ref := range []string{year + "-2", strconv.Itoa(plan.Year-1) + "-1"} {
			if err := cs.LinkEvidence(ctx, discipline, f.ID, "finding", ref); !strings.Contains(message(err), "本部门没有") {
				t.Errorf("finding %s: %v", ref, err)
			}
		}
		for _, ref := range []string{"第一条", strconv.Itoa(int(own.ID)), year + "-0"} {
			if err := cs.LinkEvidence(ctx, discipline, f.ID, "finding", ref); !strings.Contains(message(err), "问题编号") {
				t.Errorf("a finding named %q: %v", ref, err)
			}
		}
		got, err := cs.Get(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		var labels []string
		for _, e := range got.Evidence {
			labels = append(labels, e.Label)
		}
		joined := strings.Join(labels, "|")
		if !strings.Contains(joined, year+"年度实地考核问题1："+own.Text) || !strings.Contains(joined, pub.IndexNo) {
			t.Errorf("evidence = %v", labels)
		}
	})
}
