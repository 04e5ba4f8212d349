package accountability_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// decided opens, hears and decides a case on dept with one person, whose
// sanctions are the department's 通报批评 and the person's 书面检查.
func decided(t *testing.T, cs *accountability.Store, dept uint, name string) *accountability.File {
	t.Helper()
	f := openWith(t, cs, dept, name)
	hearAll(t, cs, f, scoring.NewDate(2025, 11, 20))
	modelstest.Must(t, cs.Decide(ctx, discipline, f.ID, accountability.DecisionForm{Date: scoring.NewDate(2025, 12, 1), Severity: accountability.Harmful, Reasons: "理由",
		Sanctions: []accountability.Imposed{{Name: "通报批评"}, {PersonID: f.Persons[0].ID, Name: "书面检查"}}}, now))
	return f
}

// atOnce runs fn n times at once and fails on any error.
func atOnce(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = fn(i) }()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%d of %d at once: %v", i+1, n, err)
		}
	}
}

// Issue 21 item 3: on MySQL, three decided cases notified at the same
// moment all received the same 纪公开通〔2026〕N号, and four cases opened at
// once collided on their case numbers (500). Each series now counts in one
// row taken by the issuing transaction.
func TestNumbersTakenAtOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		before, err := cs.Cases(ctx, discipline, accountability.Filter{})
		modelstest.Must(t, err)

		opened := make([]*accountability.Case, 4)
		atOnce(t, 4, func(i int) error {
			c, err := cs.Open(ctx, discipline, accountability.OpenForm{Department: depts["SJ03"], TriggerKind: 1, Summary: "同时立案"}, now)
			opened[i] = c
			return err
		})
		var nos []string
		for _, c := range opened {
			nos = append(nos, c.CaseNo)
		}
		slices.Sort(nos)
		// They follow the demo's own cases of the year (those at work on its day).
		series, taken := fmt.Sprintf("纪公开〔%d〕", year+1), 0
		for _, c := range before {
			if strings.HasPrefix(c.CaseNo, series) {
				taken++
			}
		}
		var want []string
		for k := range 4 {
			want = append(want, fmt.Sprintf("%s%d号", series, taken+k+1))
		}
		if !slices.Equal(nos, want) {
			t.Errorf("cases opened at once numbered %v, want %v", nos, want)
		}

		var files []*accountability.File
		for _, name := range []string{"甲", "乙", "丙"} {
			files = append(files, decided(t, cs, depts["SJ03"], name))
		}
		atOnce(t, 3, func(i int) error {
			return cs.Notify(ctx, discipline, files[i].ID, scoring.NewDate(year, 12, 3), now)
		})
		var notices []string
		for _, f := range files {
			got, err := cs.Get(ctx, discipline, f.ID)
			modelstest.Must(t, err)
			notices = append(notices, got.NoticeNo)
		}
		slices.Sort(notices)
		// The demo notified three cases of its closed year before these.
		if want := []string{fmt.Sprintf("纪公开通〔%d〕4号", year), fmt.Sprintf("纪公开通〔%d〕5号", year), fmt.Sprintf("纪公开通〔%d〕6号", year)}; !slices.Equal(notices, want) {
			t.Errorf("notices issued at once numbered %v, want %v (the demo's three come first)", notices, want)
		}
		if len(before) == 0 {
			t.Fatal("the demo has no cases")
		}
	})
}

// Issue 20 item 3: after an appeal decided 变更, the notice showed the new
// sanctions under the same number and date, and still offered the appeal.
// The notice stays as issued; a 复核决定书 with its own number and date
// names it.
func TestChangeOnAppealKeepsTheNotice(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		f := decided(t, cs, depts["SJ03"], "丁")
		modelstest.Must(t, cs.Notify(ctx, discipline, f.ID, scoring.NewDate(2025, 12, 3), now))
		notice, err := cs.Notice(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		if notice.ID == 0 || !strings.Contains(notice.HTML, "书面检查") || !strings.Contains(notice.HTML, "2025年12月3日") {
			t.Fatalf("notice not stored as issued: %+v", notice.Number)
		}
		modelstest.Must(t, cs.FileAppeal(ctx, discipline, f.ID, accountability.AppealForm{Kind: "复核", Filed: scoring.NewDate(2025, 12, 20), Appellant: "丁", Grounds: "处理过重"}, now))
		change := accountability.OutcomeForm{Outcome: accountability.Changed, Date: scoring.NewDate(2025, 12, 10), Reasons: "情节较轻",
			Sanctions: []accountability.Imposed{{Name: "批评教育"}, {PersonID: f.Persons[0].ID, Name: "告诫"}}}
		if err := cs.RecordOutcome(ctx, discipline, f.ID, change, now); !strings.Contains(message(err), "复核日期不能早于申请日期") {
			t.Fatalf("a review dated before the appeal: %v", err)
		}
		change.Date = scoring.NewDate(2026, 1, 16)
		if err := cs.RecordOutcome(ctx, discipline, f.ID, change, now); message(err) == "" {
			t.Fatalf("a review dated after today: %v", err)
		}
		change.Date = scoring.NewDate(2026, 1, 8)
		modelstest.Must(t, cs.RecordOutcome(ctx, discipline, f.ID, change, now))

		after, err := cs.Notice(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		if after.ID != notice.ID || after.Number != notice.Number || after.HTML != notice.HTML || !bytes.Equal(after.DOCX, notice.DOCX) || !after.IssueDate.Equal(notice.IssueDate) {
			t.Error("the notice changed after the appeal")
		}
		if strings.Contains(after.HTML, "告诫") {
			t.Error("the notice shows the sanctions decided on appeal")
		}
		file, err := cs.Get(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		var later []documents.Document
		for _, d := range file.Documents {
			if d.RefID == notice.ID {
				later = append(later, d)
			}
		}
		if len(later) != 1 {
			t.Fatalf("%d documents answer the notice, want the 复核决定书", len(later))
		}
		review, err := cs.Document(ctx, discipline, f.ID, later[0].ID)
		modelstest.Must(t, err)
		if review.Number != "纪公开复〔2026〕1号" || review.Date() != scoring.NewDate(2026, 1, 8) || review.Relation != documents.Replaces || review.Title != "政府信息公开责任追究复核决定书" {
			t.Errorf("复核决定书: %s of %s, %s, %q", review.Number, review.Date(), review.Relation, review.Title)
		}
		for _, want := range []string{notice.Number, "告诫", "批评教育", "2026年1月8日", "决定变更"} {
			if !strings.Contains(review.HTML, want) {
				t.Errorf("复核决定书 lacks %q", want)
			}
		}
		if file.Status != accountability.Reviewed { // the appeal is no longer offered: only a notified case takes one
			t.Errorf("after the review the case is %s", file.Status)
		}
		p, n, err := documents.Verify(ctx, s.DB)
		modelstest.Must(t, err)
		if p != nil || n < 2 {
			t.Errorf("documents verify: %+v after %d", p, n)
		}
	})
}

// Issue 20 item 6: a decision dated 2025-12-28 was accepted for a case
// opened on 2026-12-06, pulling its cap into a frozen year. A decision lies
// between the hearing's close and today.
func TestDecisionDateGate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		today := time.Date(2026, time.December, 6, 10, 0, 0, 0, time.UTC)
		c, err := cs.Open(ctx, discipline, accountability.OpenForm{Department: depts["SJ03"], TriggerKind: 1, Summary: "测试"}, today)
		modelstest.Must(t, err)
		modelstest.Must(t, cs.AddPerson(ctx, discipline, c.ID, 0, accountability.PersonForm{Name: "戊", PoliceNo: "G1", Department: depts["SJ03"], Post: accountability.Handler}))
		f, err := cs.Get(ctx, discipline, c.ID)
		modelstest.Must(t, err)
		modelstest.Must(t, cs.RecordStatement(ctx, discipline, c.ID, accountability.StatementForm{Person: f.Persons[0].ID, Kind: accountability.Stated, Text: "陈述", Date: scoring.NewDate(2026, 12, 6)}))
		modelstest.Must(t, cs.Hear(ctx, discipline, c.ID, today))
		form := func(on scoring.Date) accountability.DecisionForm {
			return accountability.DecisionForm{Date: on, Severity: accountability.Minor, Reasons: "理由", Sanctions: []accountability.Imposed{{PersonID: f.Persons[0].ID, Name: "告诫"}}}
		}
		for _, tc := range []struct {
			on   scoring.Date
			want string
		}{
			{scoring.NewDate(2025, 12, 28), "决定日期不能早于立案和陈述申辩结束之日（2026年12月6日）"},
			{scoring.NewDate(2026, 12, 5), "决定日期不能早于立案和陈述申辩结束之日（2026年12月6日）"},
			{scoring.NewDate(2026, 12, 7), "不能晚于今天"},
		} {
			err := cs.Decide(ctx, discipline, c.ID, form(tc.on), today)
			if got := message(err); !strings.Contains(got, tc.want) {
				t.Errorf("decision dated %s: %q (%v), want %q", tc.on, got, err, tc.want)
			}
		}
		modelstest.Must(t, cs.Decide(ctx, discipline, c.ID, form(scoring.NewDate(2026, 12, 6)), today))
	})
}
