package campaigns

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Input is a campaign as the office writes it: its phases and tasks one a
// line (ParsePhases, ParseTasks), so that a refusal names the line.
type Input struct {
	Title, Basis, Scope string
	Phases              []PhaseInput
	Tasks               []TaskInput
}

// PhaseInput is a phase: 名称｜开始日期｜结束日期｜要求.
type PhaseInput struct {
	Name       string
	Start, End scoring.Date
	Asks       string
}

// TaskInput is a task: 阶段序号｜信息类别｜任务内容｜牵头单位｜责任单位（、分隔）｜完成期限
// [｜目录序号]. Lead and Units are filled from the names by the check.
type TaskInput struct {
	Line       int
	Phase      int
	Category   string
	Content    string
	LeadName   string
	UnitNames  []string
	Due        scoring.Date
	CatalogSeq int
	Lead       uint
	Units      []uint
}

// Limits of a campaign's texts, in characters.
const (
	MaxTitle = 200
	MaxScope = 500
	MaxName  = 64
)

// fields splits a line at | or ｜ and trims each part.
func fields(line string) []string {
	parts := strings.Split(strings.ReplaceAll(line, "｜", "|"), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// lines are the text's lines that are not blank, with their numbers.
func lines(text string) (out []string, numbers []int) {
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) != "" {
			out, numbers = append(out, l), append(numbers, i+1)
		}
	}
	return out, numbers
}

// ParsePhases reads the phases, one a line; a refusal names the line.
func ParsePhases(text string) ([]PhaseInput, error) {
	ls, nums := lines(text)
	out := make([]PhaseInput, 0, len(ls))
	for i, l := range ls {
		f := fields(l)
		if len(f) < 3 || len(f) > 4 {
			return nil, models.Invalid("phases", "campaign.refuse.phase_line", nums[i])
		}
		start, err1 := scoring.ParseDate(f[1])
		end, err2 := scoring.ParseDate(f[2])
		if err1 != nil || err2 != nil {
			return nil, models.Invalid("phases", "campaign.refuse.phase_date", nums[i])
		}
		p := PhaseInput{Name: f[0], Start: start, End: end}
		if len(f) == 4 {
			p.Asks = f[3]
		}
		out = append(out, p)
	}
	return out, nil
}

// ParseTasks reads the tasks, one a line; a refusal names the line.
func ParseTasks(text string) ([]TaskInput, error) {
	ls, nums := lines(text)
	out := make([]TaskInput, 0, len(ls))
	for i, l := range ls {
		f := fields(l)
		if len(f) < 6 || len(f) > 7 {
			return nil, models.Invalid("tasks", "campaign.refuse.task_line", nums[i])
		}
		phase, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, models.Invalid("tasks", "campaign.refuse.task_phase", nums[i])
		}
		due, err := scoring.ParseDate(f[5])
		if err != nil {
			return nil, models.Invalid("tasks", "campaign.refuse.task_due", nums[i])
		}
		t := TaskInput{Line: nums[i], Phase: phase, Category: f[1], Content: f[2], LeadName: f[3], Due: due}
		for _, u := range strings.FieldsFunc(f[4], func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
			if u = strings.TrimSpace(u); u != "" {
				t.UnitNames = append(t.UnitNames, u)
			}
		}
		if len(f) == 7 && f[6] != "" {
			if t.CatalogSeq, err = strconv.Atoi(f[6]); err != nil || t.CatalogSeq <= 0 {
				return nil, models.Invalid("tasks", "campaign.refuse.task_catalog", nums[i])
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// Validate checks what needs no database: texts present and within their
// limits, phases in order (each starts no earlier than the one before it
// ends, and ends no earlier than it starts), tasks in a phase that exists,
// with a category, a responsible unit and a due date inside their phase.
func (in *Input) Validate() error {
	var err error
	if in.Title, err = models.CheckText("title", "campaign.field.title", in.Title, MaxTitle, true); err != nil {
		return err
	}
	if in.Basis, err = models.CheckText("basis", "campaign.field.basis", in.Basis, models.MaxText, false); err != nil {
		return err
	}
	if in.Scope, err = models.CheckText("scope", "campaign.field.scope", in.Scope, MaxScope, false); err != nil {
		return err
	}
	if len(in.Phases) == 0 {
		return models.Invalid("phases", "campaign.refuse.no_phase")
	}
	for i, p := range in.Phases {
		n := i + 1
		switch {
		case p.Name == "" || utf8.RuneCountInString(p.Name) > MaxName:
			return models.Invalid("phases", "campaign.refuse.phase_name", n, MaxName)
		case p.End < p.Start:
			return models.Invalid("phases", "campaign.refuse.phase_ends", n, p.Name)
		case i > 0 && p.Start < in.Phases[i-1].End:
			return models.Invalid("phases", "campaign.refuse.phase_order", n, p.Name, in.Phases[i-1].Name)
		}
	}
	if len(in.Tasks) == 0 {
		return models.Invalid("tasks", "campaign.refuse.no_task")
	}
	for i := range in.Tasks {
		t := &in.Tasks[i]
		if t.Line == 0 {
			t.Line = i + 1
		}
		switch {
		case t.Phase < 1 || t.Phase > len(in.Phases):
			return models.Invalid("tasks", "campaign.refuse.task_phase", t.Line)
		case t.Category == "" || utf8.RuneCountInString(t.Category) > MaxName:
			return models.Invalid("tasks", "campaign.refuse.task_category", t.Line, MaxName)
		case t.Content == "" && t.CatalogSeq == 0, utf8.RuneCountInString(t.Content) > models.MaxText:
			return models.Invalid("tasks", "campaign.refuse.task_content", t.Line)
		case len(t.UnitNames) == 0 && len(t.Units) == 0:
			return models.Invalid("tasks", "campaign.refuse.task_units", t.Line)
		}
		if p := in.Phases[t.Phase-1]; t.Due < p.Start || t.Due > p.End {
			return models.Invalid("tasks", "campaign.refuse.task_due_phase", t.Line, p.Name, p.Start.String(), p.End.String())
		}
	}
	return nil
}

// group lists the members of the group (部门分组) named name, by code;
// none when no group has that name.
func group(tx *models.Tx, name string) ([]uint, error) {
	var g models.Group
	if err := tx.DB.Preload("Members", func(db *gorm.DB) *gorm.DB { return db.Order("code") }).Where("name = ?", name).Limit(1).Find(&g).Error; err != nil {
		return nil, fmt.Errorf("read group %s: %w", name, err)
	}
	ids := make([]uint, len(g.Members))
	for i, d := range g.Members {
		ids[i] = d.ID
	}
	return ids, nil
}

// check validates the input and finds its units and catalog items by name
// and number in tx: a responsible unit may be a group (部门分组), which
// stands for its members.
func (in *Input) check(tx *models.Tx) error {
	if err := in.Validate(); err != nil {
		return err
	}
	ids := map[string]uint{}
	unit := func(name string, line int) (uint, error) {
		if id, ok := ids[name]; ok {
			return id, nil
		}
		var d models.Department
		if tx.DB.Select("id").Where("name = ?", name).Limit(1).Find(&d).RowsAffected == 0 {
			return 0, models.Invalid("tasks", "campaign.refuse.task_unit", line, name)
		}
		ids[name] = d.ID
		return d.ID, nil
	}
	for i := range in.Tasks {
		t := &in.Tasks[i]
		if t.LeadName != "" && t.LeadName != "-" && t.LeadName != "无" {
			id, err := unit(t.LeadName, t.Line)
			if err != nil {
				return err
			}
			t.Lead = id
		}
		seen := map[uint]bool{}
		for _, u := range t.Units {
			seen[u] = true
		}
		for _, name := range t.UnitNames {
			members, err := group(tx, name)
			if err != nil {
				return err
			}
			if len(members) == 0 {
				id, err := unit(name, t.Line)
				if err != nil {
					return err
				}
				members = []uint{id}
			}
			for _, id := range members {
				if !seen[id] {
					seen[id] = true
					t.Units = append(t.Units, id)
				}
			}
		}
		if t.CatalogSeq != 0 {
			var item models.CatalogItem
			if tx.DB.Where("seq = ?", t.CatalogSeq).Limit(1).Find(&item).RowsAffected == 0 {
				return models.Invalid("tasks", "campaign.refuse.task_catalog", t.Line)
			}
			if t.Content == "" {
				t.Content = item.Title
			}
		}
	}
	return nil
}
