package reports

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// AnnualQuery names an annual report draft: a year and a department (0: the
// whole bureau).
type AnnualQuery struct {
	Year         int
	DepartmentID uint
}

// AnnualReport is a unit's annual report (年度报告) in the national format
// (ANNUAL-REPORT.md): the office's text of each section around the year's
// tables, computed from the records each time it is read.
type AnnualReport struct {
	Unit
	Year         int
	Activity     Activity
	National     *National
	Previous     *National // the year before, nil when it has no records
	Final        *AnnualFinal
	Issued       *Issued   // the final report as issued (annual_issue.go)
	Live         *National // once final: the tables as the records give them now
	Sections     []Section
	Placeholders []Placeholder
}

// YearOnYear reports whether the previous year's records exist to compare.
func (r *AnnualReport) YearOnYear() bool { return r.Previous != nil }

// Section is one section of the report.
type Section struct {
	Key, Title string
	Text       string // as the office wrote it, or the draft; placeholders unfilled
	Edited     bool
	UpdatedBy  string
	UpdatedAt  time.Time
	Paragraphs []string // Text with its placeholders filled, one per line
	Tables     []Grid
}

// Title is the report's title in the national format.
func (r *AnnualReport) Title() string {
	title := fmt.Sprintf("%d年政府信息公开工作年度报告", r.Year)
	if r.Department != nil {
		return r.Department.Name + title
	}
	return title
}

// Footnote states the span of the figures, as seed 001 ends.
func (r *AnnualReport) Footnote() string {
	return fmt.Sprintf("（注：本报告所列数据自%d年1月1日起，至%d年12月31日止。表二的数字由各单位填报，表三、表四由系统根据依申请公开记录统计，申请跨年度的按收到和答复日期计入上年结转或结转下年度。）", r.Year, r.Year)
}

// FileName names the DOCX download.
func (r *AnnualReport) FileName() string { return r.Title() + ".docx" }

// Annual reads the report named by q, if the viewer may read it: a head
// only their own department's, the others any department's or the whole
// bureau's. A final one has its figures as issued.
func Annual(ctx context.Context, s *models.Store, v models.Viewer, q AnnualQuery) (*AnnualReport, error) {
	return annual(ctx, s, v, q, true)
}

// annual reads the report; asIssued: a final one's figures as issued, else
// as the records give them now.
func annual(ctx context.Context, s *models.Store, v models.Viewer, q AnnualQuery, asIssued bool) (*AnnualReport, error) {
	if err := validYear(q.Year); err != nil {
		return nil, err
	}
	u, err := unitFor(ctx, s, v, q.DepartmentID)
	if err != nil {
		return nil, err
	}
	if u.Department != nil {
		if u.Members, err = s.DepartmentScope(ctx, u.Department.ID); err != nil {
			return nil, err
		}
	}
	var p period
	p.From, p.To = scoring.YearSpan(q.Year)
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := load(ctx, s, u, p)
	if err != nil {
		return nil, err
	}
	texts, err := New(s).AnnualTexts(ctx, v, q.Year, u.ID())
	if err != nil {
		return nil, err
	}
	r := &AnnualReport{Unit: u, Year: q.Year, Activity: tally(recs, cal, p)}
	if r.National, err = nationalOf(ctx, s, u, q.Year, recs.publications); err != nil {
		return nil, err
	}
	prev, err := nationalOf(ctx, s, u, q.Year-1, nil)
	if err != nil {
		return nil, err
	}
	if prev.HasRecords {
		r.Previous = prev
	}
	if r.Final, err = New(s).AnnualFinalOf(ctx, q.Year, u.ID()); err != nil {
		return nil, err
	}
	if r.Final != nil && asIssued {
		if err := r.freeze(s.DB.WithContext(ctx)); err != nil {
			return nil, err
		}
	}
	values := map[string]string{}
	for _, ph := range r.placeholders() {
		values[ph.Name] = ph.Value
		r.Placeholders = append(r.Placeholders, ph)
	}
	for _, spec := range annualSections {
		sec := Section{Key: spec.key, Title: spec.title, Text: spec.draft}
		if t, ok := texts[spec.key]; ok {
			sec.Text, sec.Edited, sec.UpdatedBy, sec.UpdatedAt = t.Body, true, t.UpdatedBy, t.UpdatedAt
		}
		for line := range strings.Lines(fill(sec.Text, values)) {
			if line = strings.TrimSpace(line); line != "" {
				sec.Paragraphs = append(sec.Paragraphs, line)
			}
		}
		if spec.tables != nil {
			sec.Tables = spec.tables(r)
		}
		r.Sections = append(r.Sections, sec)
	}
	return r, nil
}

// MaxSectionText is the longest text of one section, in characters.
const MaxSectionText = 10000

// AnnualEdit is the office's text of a draft's sections, by section key.
type AnnualEdit struct {
	Year         int
	DepartmentID uint
	Texts        map[string]string
}

// SaveAnnual stores the sections whose text differs from what the draft
// shows now (the stored text, or the draft text never stored), audit-logged.
// Only the office edits; it returns how many sections changed.
func SaveAnnual(ctx context.Context, s *models.Store, v models.Viewer, e AnnualEdit, now time.Time) (int, error) {
	if !v.IsOffice() {
		return 0, models.ErrForbidden
	}
	if err := validYear(e.Year); err != nil {
		return 0, err
	}
	u, err := unitFor(ctx, s, v, e.DepartmentID)
	if err != nil {
		return 0, err
	}
	if f, err := New(s).AnnualFinalOf(ctx, e.Year, u.ID()); err != nil {
		return 0, err
	} else if f != nil {
		return 0, ErrFinal
	}
	stored, err := New(s).AnnualTexts(ctx, v, e.Year, u.ID())
	if err != nil {
		return 0, err
	}
	changed := map[string]string{}
	for key, text := range e.Texts {
		spec, ok := sectionByKey(key)
		if !ok {
			return 0, models.Invalid(key, "refuse.annual.no_section", key)
		}
		text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
		if utf8.RuneCountInString(text) > MaxSectionText {
			return 0, models.Invalid(key, "refuse.annual.too_long", spec.title, MaxSectionText)
		}
		shown := spec.draft
		if t, ok := stored[key]; ok {
			shown = t.Body
		}
		if text != shown {
			changed[key] = text
		}
	}
	return New(s).SaveAnnualTexts(ctx, v, e.Year, e.DepartmentID, changed, now)
}

// ErrFinal: a final report's text does not change until the mark is
// withdrawn.
var ErrFinal = models.Invalid("final", "refuse.annual.final")

// MarkFinal marks a unit's report of a year final (定稿), audit-logged, and
// issues it as it stands, dated today: only when table 三 balances in every
// column and every request of the year has its national categories;
// otherwise a Chinese sentence says what stands in the way. Marking a final
// report final again issues a 更正 version with the records as they are
// now. final false withdraws the mark; what was issued stays.
func MarkFinal(ctx context.Context, s *models.Store, v models.Viewer, q AnnualQuery, final bool, now time.Time) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	r, err := annual(ctx, s, v, q, false)
	if err != nil {
		return err
	}
	if final && !r.National.CanBeFinal() {
		return models.Invalid("final", "refuse.as_is", r.National.Obstacle())
	}
	return New(s).SetAnnualFinal(ctx, v, q.Year, q.DepartmentID, final, now, func(tx *models.Tx) error {
		return r.issue(tx, scoring.DateOf(now))
	})
}

// Obstacle says in Chinese why the report cannot be final, "" when it can.
func (n *National) Obstacle() string {
	var parts []string
	for _, im := range n.Imbalances {
		parts = append(parts, fmt.Sprintf("表三“%s”一栏不平衡：第一项加第二项为 %d，第三项总计加第四项为 %d，相差 %d", im.Column, im.In, im.Out, im.Difference()))
	}
	if k := len(n.Uncategorised); k > 0 {
		parts = append(parts, fmt.Sprintf("有 %d 件申请尚未归入全国统一的申请人类型或办理结果", k))
	}
	if len(parts) == 0 {
		return ""
	}
	return "报告不能定稿：" + strings.Join(parts, "；") + "。"
}
