package campaigns

import (
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

func day(s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// refusal is the Chinese sentence of a refusal, "" for none.
func refusal(err error) string {
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return verr.Message
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// Seed 002's phases as the office types them, and the refusals of lines
// that do not read.
func TestParseLines(t *testing.T) {
	t.Parallel()
	ps, err := ParsePhases("调研梳理阶段｜2026-09-01｜2026-09-10｜分警种开展调研\n\n集中填报阶段|2026-09-10|2026-09-20\n")
	if err != nil || len(ps) != 2 || ps[1].Name != "集中填报阶段" || ps[1].End != day("2026-09-20") || ps[0].Asks != "分警种开展调研" {
		t.Fatalf("phases = %+v, %v", ps, err)
	}
	ts, err := ParseTasks("1｜法规文件｜全面梳理法规文件｜法制支队｜治安支队、刑警支队｜2026-09-10\n2｜行政依据｜｜-｜治安支队｜2026-09-20｜12")
	if err != nil || len(ts) != 2 || len(ts[0].UnitNames) != 2 || ts[1].CatalogSeq != 12 || ts[1].Line != 2 {
		t.Fatalf("tasks = %+v, %v", ts, err)
	}
	for _, tc := range []struct{ phases, tasks, want string }{
		{"调研梳理阶段｜2026-09-01", "", "工作步骤第1行应写作：阶段名称｜开始日期｜结束日期｜工作要求"},
		{"\n调研梳理阶段｜9月1日｜2026-09-10", "", "工作步骤第2行的日期应写作 2026-09-01"},
		{"", "一｜类别｜内容｜牵头｜责任｜2026-09-01", "公开任务第1行的阶段序号不对应任何阶段"},
		{"", "1｜类别｜内容｜牵头｜责任｜九月", "公开任务第1行的完成期限应写作 2026-09-20"},
		{"", "1｜类别｜内容", "公开任务第1行应写作：阶段序号｜信息类别｜任务内容｜牵头单位｜责任单位｜完成期限"},
	} {
		_, err1 := ParsePhases(tc.phases)
		_, err2 := ParseTasks(tc.tasks)
		if got := refusal(errors.Join(err1, err2)); got != tc.want {
			t.Errorf("%q %q: %q, want %q", tc.phases, tc.tasks, got, tc.want)
		}
	}
}

// Phases lie in order; a task's due date lies inside its phase; every
// refusal names the phase or the line.
func TestValidate(t *testing.T) {
	t.Parallel()
	p1 := PhaseInput{Name: "集中填报阶段", Start: day("2026-09-10"), End: day("2026-09-20")}
	p2 := PhaseInput{Name: "检查督促阶段", Start: day("2026-09-20"), End: day("2026-09-30")}
	task := TaskInput{Line: 3, Phase: 1, Category: "法规文件", Content: "梳理", UnitNames: []string{"法制支队"}, Due: day("2026-09-20")}
	for _, tc := range []struct {
		name string
		edit func(in *Input)
		want string
	}{
		{"valid: a phase may start on the day the one before ends", func(*Input) {}, ""},
		{"no title", func(in *Input) { in.Title = " " }, "请填写方案名称"},
		{"no phase", func(in *Input) { in.Phases = nil }, "请至少写一个阶段"},
		{"ends before it starts", func(in *Input) { in.Phases[1].End = day("2026-09-19") }, "第2个阶段「检查督促阶段」的结束日期早于开始日期"},
		{"out of order", func(in *Input) { in.Phases[1].Start = day("2026-09-19") }, "第2个阶段「检查督促阶段」开始于上一阶段「集中填报阶段」结束之前，各阶段须按时间先后排列"},
		{"no task", func(in *Input) { in.Tasks = nil }, "请至少写一项任务"},
		{"phase 3 of 2", func(in *Input) { in.Tasks[0].Phase = 3 }, "公开任务第3行的阶段序号不对应任何阶段"},
		{"due after its phase", func(in *Input) { in.Tasks[0].Due = day("2026-09-21") }, "公开任务第3行的完成期限不在「集中填报阶段」（2026-09-10至2026-09-20）之内"},
		{"due before its phase", func(in *Input) { in.Tasks[0].Due = day("2026-09-09") }, "公开任务第3行的完成期限不在「集中填报阶段」（2026-09-10至2026-09-20）之内"},
		{"no unit", func(in *Input) { in.Tasks[0].UnitNames = nil }, "公开任务第3行缺少责任单位"},
		{"no content nor catalog item", func(in *Input) { in.Tasks[0].Content = "" }, "公开任务第3行缺少任务内容"},
		{"no category", func(in *Input) { in.Tasks[0].Category = "" }, "公开任务第3行缺少信息类别，或超过64个字"},
	} {
		in := Input{Title: "关于进一步推进全市公安机关政务公开工作实施方案", Phases: []PhaseInput{p1, p2}, Tasks: []TaskInput{task}}
		tc.edit(&in)
		if got := refusal(in.Validate()); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The approval's steps: the office submits a draft or a returned plan, the
// leading group approves or returns a submitted one; nothing else.
func TestNext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from Status
		step Step
		to   Status
	}{
		{Draft, Submit, Submitted}, {Returned, Submit, Submitted}, {Submitted, Approve, Approved}, {Submitted, Return, Returned},
		{Draft, Approve, ""}, {Approved, Approve, ""}, {Approved, Submit, ""}, {Approved, Return, ""}, {Returned, Approve, ""},
	} {
		if to, ok := next(tc.from, tc.step); to != tc.to || ok != (tc.to != "") {
			t.Errorf("%s %s = %s %v, want %s", tc.from, tc.step, to, ok, tc.to)
		}
	}
}

// A phase is checked once, not before its last day; a part's state on the
// board follows its outcome, its reports and its due date.
func TestCheckableAndState(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 9, 21, 9, 0, 0, 0, time.UTC)
	p := Phase{Name: "集中填报阶段", Starts: day("2026-09-10").Time(), Ends: day("2026-09-20").Time()}
	for _, tc := range []struct {
		today string
		phase Phase
		want  string
	}{
		{"2026-09-19", p, "「集中填报阶段」到2026-09-20才结束，结束前不能检查"},
		{"2026-09-20", p, ""},
		{"2026-10-01", p, ""},
		{"2026-10-01", Phase{Name: "集中填报阶段", Ends: p.Ends, CheckedAt: &at}, "「集中填报阶段」已经检查过了"},
	} {
		if got := refusal(checkable(tc.phase, day(tc.today))); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.today, got, tc.want)
		}
	}
	due := day("2026-09-20").Time()
	for _, tc := range []struct {
		part  Part
		today string
		want  State
	}{
		{Part{Due: due}, "2026-09-20", Open},
		{Part{Due: due}, "2026-09-21", Overdue},
		{Part{Due: due, Reports: 1}, "2026-09-21", Reported},
		{Part{Due: due, Reports: 1, Assignment: Assignment{Outcome: Undone}}, "2026-09-21", State(Undone)},
	} {
		if got := StateOf(tc.part, day(tc.today)); got != tc.want {
			t.Errorf("%+v on %s: %s, want %s", tc.part, tc.today, got, tc.want)
		}
	}
}

// The laggards come first: most behind, then most partly done, then name.
func TestSortLaggards(t *testing.T) {
	t.Parallel()
	rows := []Row{{Department: "甲", Done: 2}, {Department: "乙", Behind: 1}, {Department: "丙", Partial: 1}, {Department: "丁", Behind: 2}}
	sortLaggards(rows, func(r Row) (int, int, string) { return r.Behind, r.Partial, r.Department })
	var got string
	for _, r := range rows {
		got += r.Department
	}
	if got != "丁乙丙甲" {
		t.Errorf("order %s, want 丁乙丙甲", got)
	}
}
