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

// AnnualReport is a draft of a unit's annual report (年度报告, seed 004 art.
// 29-30): the office's text of each section around the year's figures,
// computed from the records each time it is read.
type AnnualReport struct {
	Unit
	Year         int
	Activity     Activity
	Sections     []Section
	Placeholders []Placeholder
}

// Section is one section of the report.
type Section struct {
	Key, Title string
	Text       string // as the office wrote it, or the draft; placeholders unfilled
	Edited     bool
	UpdatedBy  string
	UpdatedAt  time.Time
	Paragraphs []string // Text with its placeholders filled, one per line
	Tables     []Table
}

// Title is the report's title, as seed 001's.
func (r *AnnualReport) Title() string {
	title := fmt.Sprintf("%d年度政府信息公开工作情况报告", r.Year)
	if r.Department != nil {
		return r.Department.Name + title
	}
	return title
}

// Footnote states the span of the figures, as seed 001 ends.
func (r *AnnualReport) Footnote() string {
	return fmt.Sprintf("（注：本报告所列数据自%d年1月1日起，至%d年12月31日止，由系统根据公开记录、依申请公开记录和投诉咨询记录统计。）", r.Year, r.Year)
}

// FileName names the DOCX download.
func (r *AnnualReport) FileName() string { return r.Title() + ".docx" }

// Annual reads the draft named by q, if the viewer may read it: a head only
// their own department's, the others any department's or the whole bureau's.
func Annual(ctx context.Context, s *models.Store, v models.Viewer, q AnnualQuery) (*AnnualReport, error) {
	if err := validYear(q.Year); err != nil {
		return nil, err
	}
	u, err := unitFor(ctx, s, v, q.DepartmentID)
	if err != nil {
		return nil, err
	}
	p := period{From: scoring.NewDate(q.Year, time.January, 1), To: scoring.NewDate(q.Year, time.December, 31)}
	a, err := activityOf(ctx, s, u, p)
	if err != nil {
		return nil, err
	}
	texts, err := s.AnnualTexts(ctx, v, q.Year, u.ID())
	if err != nil {
		return nil, err
	}
	r := &AnnualReport{Unit: u, Year: q.Year, Activity: *a}
	values := make(map[string]string, len(placeholderSpecs))
	for _, ps := range placeholderSpecs {
		v := ps.value(r)
		values[ps.name] = v
		r.Placeholders = append(r.Placeholders, Placeholder{Name: ps.name, Value: v})
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
			sec.Tables = spec.tables(a)
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
	stored, err := s.AnnualTexts(ctx, v, e.Year, u.ID())
	if err != nil {
		return 0, err
	}
	changed := map[string]string{}
	for key, text := range e.Texts {
		spec, ok := sectionByKey(key)
		if !ok {
			return 0, &models.ValidationError{Field: key, Message: "年度报告没有“" + key + "”这一部分"}
		}
		text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
		if utf8.RuneCountInString(text) > MaxSectionText {
			return 0, &models.ValidationError{Field: key, Message: fmt.Sprintf("“%s”的文字超过 %d 个字", spec.title, MaxSectionText)}
		}
		shown := spec.draft
		if t, ok := stored[key]; ok {
			shown = t.Body
		}
		if text != shown {
			changed[key] = text
		}
	}
	return s.SaveAnnualTexts(ctx, v, e.Year, e.DepartmentID, changed, now)
}
