package assessment

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// The results notice (考核结果通报) is an issued document (issue 20 item
// 4): publication issues it, numbered, in the GB/T 9704-2012 layout, and
// it never changes. Publication after a re-opening issues a 更正通报 that
// names the notice it corrects and says what changed: each grade approved
// anew and each commendation withdrawn. Both stay readable, each with its
// own date, on the plan's page and on /public, also while the re-opening
// is pending.

// Kinds and series of the results notices.
const (
	KindResults           = "results_notice"     // 考核结果通报
	KindResultsCorrection = "results_correction" // 更正通报
	resultsTo             = "各部门、各分县局"
	resultsCopyTo         = "领导小组各成员"
)

// publishedGrade is the grade a results notice published for a department,
// kept beside the document so that its 更正 can say what changed.
type publishedGrade struct {
	ID           uint
	DocumentID   uint
	DepartmentID uint
	Grade        string
}

func (publishedGrade) TableName() string { return "assessment_published_grades" }

// gradeLabel is how a notice names a grade, 不参评 for a unit not rated.
func gradeLabel(g Grade) string {
	if g.Unrated {
		return "不参评"
	}
	return g.Grade
}

// blocks is the body of the notice: the opening, the grades, the
// commendations, the criticisms and the closing; within a 更正 (sub) the
// headings are of the second level, （一）….
func (r *Results) blocks(sub bool) []documents.Block {
	heading := func(n int, text string) documents.Block {
		if sub {
			return documents.Paragraph("（" + chineseNumber(n) + "）" + text)
		}
		return documents.Heading(chineseNumber(n) + "、" + text)
	}
	var out []documents.Block
	if !sub {
		out = append(out, documents.Paragraph(r.Opening()))
	}
	out = append(out, heading(1, "考核等次"))
	rows := make([][]string, 0, len(r.Lines))
	for _, l := range r.Lines {
		if l.Grade.Unrated {
			rows = append(rows, []string{l.Department, "不参评", "", ""})
			continue
		}
		rows = append(rows, []string{l.Department, l.Grade.Grade, fmt.Sprintf("%.2f", l.Grade.Rounded), fmt.Sprint(l.Grade.Rank)})
	}
	out = append(out, documents.Table([]string{"部门", "等次", "得分", "名次"}, rows), heading(2, "表彰"))
	if len(r.Commended) == 0 {
		out = append(out, documents.Paragraph("本年度无。"))
	}
	for _, c := range r.Commended {
		out = append(out, documents.Paragraph(commendedLine(c)))
	}
	out = append(out, heading(3, "通报批评"))
	if len(r.Criticised) == 0 {
		out = append(out, documents.Paragraph("本年度无。"))
	}
	for _, c := range r.Criticised {
		out = append(out, documents.Paragraph(c.Department+"："+c.ReasonText()))
	}
	if sub {
		return out
	}
	return append(out, documents.Paragraph(r.Closing()))
}

// Content is the notice as a document of date on; Draft until issued.
func (r *Results) Content(on scoring.Date) documents.Content {
	return documents.Content{Issuer: OfficeIssuer, Title: r.Title(), To: resultsTo, Body: r.blocks(false),
		Signer: OfficeIssuer, Date: on, CopyTo: resultsCopyTo, PrintedBy: OfficeIssuer}
}

// correction is the 更正通报 of r that names the notice prev: what changed
// since prev (grades, withdrawn commendations), then the results in full.
func (r *Results) correction(prev *documents.Document, was map[uint]string, on scoring.Date) documents.Content {
	c := r.Content(on)
	c.Title = fmt.Sprintf("关于更正%d年度政府信息公开工作考核结果的通报", r.Plan.Year)
	body := []documents.Block{documents.Paragraph(fmt.Sprintf("%s印发的《%s》（%s），经领导小组同意重新审核，部分内容更正如下。原通报其余内容不变，更正后的考核结果全文附后。",
		documents.ChineseDate(prev.Date()), prev.Title, prev.Number)), documents.Heading("一、更正事项")}
	var changes []string
	for _, l := range r.Lines {
		if old, ok := was[l.Grade.DepartmentID]; ok && old != gradeLabel(l.Grade) {
			changes = append(changes, fmt.Sprintf("%s考核等次由“%s”更正为“%s”。", l.Department, old, gradeLabel(l.Grade)))
		}
	}
	for _, w := range r.Withdrawn {
		changes = append(changes, fmt.Sprintf("撤销%s“%s”称号：%s。", w.Department+personSuffix(w.Person), commendationTitle(w.Person), w.Reason))
	}
	if len(changes) == 0 {
		changes = append(changes, "考核等次和表彰经重新审核未作变动。")
	}
	for i, ch := range changes {
		body = append(body, documents.Paragraph(fmt.Sprintf("（%s）%s", chineseNumber(i+1), ch)))
	}
	body = append(body, documents.Heading("二、更正后的考核结果"))
	c.Body = append(body, r.blocks(true)...)
	return c
}

func personSuffix(person string) string {
	if person == "" {
		return ""
	}
	return " " + person
}

func commendationTitle(person string) string {
	if person == "" {
		return "先进单位"
	}
	return "先进个人"
}

// chineseNumber writes 1 to 10 as 一 to 十, the numbering of a notice's items.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 1 && n <= 10 {
		return digits[n]
	}
	return fmt.Sprint(n)
}

// Draft renders the notice as it would be issued today, marked 草稿: the
// page and DOCX before publication.
func (r *Results) Draft(today scoring.Date) (page string, docx []byte, err error) {
	c := r.Content(today)
	c.Draft = true
	return documents.Render(c)
}

// issueResults issues the results notice of p in tx, dated on: the first
// publication issues the notice, each later one a 更正通报 of the last.
func issueResults(tx *models.Tx, r *Results, on scoring.Date) (*documents.Document, error) {
	prev, err := lastResults(tx.DB, r.Plan.ID)
	if err != nil {
		return nil, err
	}
	in := documents.Issue{Kind: KindResults, Series: OfficeSeries, Year: on.Year(), Subject: DocumentSubject, SubjectID: r.Plan.ID, Content: r.Content(on)}
	if prev != nil {
		var was []publishedGrade
		if err := tx.DB.Where("document_id = ?", prev.ID).Find(&was).Error; err != nil {
			return nil, fmt.Errorf("read the grades published: %w", err)
		}
		old := make(map[uint]string, len(was))
		for _, g := range was {
			old[g.DepartmentID] = g.Grade
		}
		in.Kind, in.RefID, in.Relation, in.Content = KindResultsCorrection, prev.ID, documents.Corrects, r.correction(prev, old, on)
	}
	d, err := documents.IssueIn(tx, in)
	if err != nil {
		return nil, err
	}
	rows := make([]publishedGrade, 0, len(r.Lines))
	for _, l := range r.Lines {
		rows = append(rows, publishedGrade{DocumentID: d.ID, DepartmentID: l.Grade.DepartmentID, Grade: gradeLabel(l.Grade)})
	}
	if len(rows) > 0 {
		if err := tx.DB.CreateInBatches(rows, 200).Error; err != nil {
			return nil, fmt.Errorf("store the grades published: %w", err)
		}
	}
	return d, nil
}

// lastResults is the latest results notice or 更正 of a plan, nil for none.
func lastResults(db *gorm.DB, plan uint) (*documents.Document, error) {
	var d documents.Document
	err := db.Omit("html", "docx").Where("subject = ? AND subject_id = ? AND kind IN ?", DocumentSubject, plan, []string{KindResults, KindResultsCorrection}).
		Order("id DESC").First(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the last results notice: %w", err)
	}
	return &d, nil
}

// withdrawIneligible withdraws, in tx, each unit's commendation that the
// grades just approved no longer hold up (a unit now below the bar, capped
// or vetoed), with the reason the Store would give for refusing it now;
// the next results notice (its 更正) says so.
func withdrawIneligible(tx *models.Tx, plan uint, now time.Time) error {
	var cs []Commendation
	if err := tx.DB.Where("plan_id = ? AND person = '' AND withdrawn_at IS NULL", plan).Find(&cs).Error; err != nil {
		return fmt.Errorf("read commendations: %w", err)
	}
	for _, c := range cs {
		var g Grade
		if err := tx.DB.Where("plan_id = ? AND department_id = ?", plan, c.DepartmentID).First(&g).Error; err != nil {
			return fmt.Errorf("read grade: %w", err)
		}
		err := UnitIneligible(g)
		var verr *models.ValidationError
		if !errors.As(err, &verr) {
			continue
		}
		at := now.UTC()
		if err := tx.DB.Model(&Commendation{}).Where("id = ?", c.ID).Updates(map[string]any{"withdrawn_at": &at, "withdrawn_reason": verr.Message}).Error; err != nil {
			return fmt.Errorf("withdraw commendation: %w", err)
		}
		before := map[string]any{"department": c.DepartmentID, "person": c.Person, "reason": c.Reason}
		if err := tx.Record("withdraw", "assessment_commendation", c.ID, before, map[string]any{"department": c.DepartmentID, "withdrawn": verr.Message}); err != nil {
			return err
		}
	}
	return nil
}

// ResultsNotices lists the results notices issued for a plan, oldest first, with
// their pages: the notice and each 更正, for the bureau-wide roles.
func (s *Store) ResultsNotices(ctx context.Context, v models.Viewer, plan uint) ([]documents.Document, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	var out []documents.Document
	err := s.m.DB.WithContext(ctx).Where("subject = ? AND subject_id = ? AND kind IN ?", DocumentSubject, plan, []string{KindResults, KindResultsCorrection}).
		Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list results notices: %w", err)
	}
	return out, nil
}

// ResultsNotice reads one results notice of a plan with its page and DOCX.
func (s *Store) ResultsNotice(ctx context.Context, v models.Viewer, plan, id uint) (*documents.Document, error) {
	ds, err := s.ResultsNotices(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		if ds[i].ID == id {
			return &ds[i], nil
		}
	}
	return nil, models.ErrNotFound
}

// PublishedNotice is a results notice or 更正 issued, with the year it
// assesses.
type PublishedNotice struct {
	documents.Document
	Assessed int
}

// Published lists every results notice and 更正 issued, by the year
// assessed, newest first, with their pages: all that the public page
// shows. A notice stays there, with its own date, while its year is
// re-opened and after its 更正.
func (s *Store) Published(ctx context.Context) ([]PublishedNotice, error) {
	var out []PublishedNotice
	err := s.m.DB.WithContext(ctx).Table(documents.Document{}.TableName()+" AS d").Select("d.*, p.year AS assessed").
		Joins("JOIN "+Plan{}.TableName()+" AS p ON p.id = d.subject_id AND d.subject = ?", DocumentSubject).
		Where("d.kind IN ?", []string{KindResults, KindResultsCorrection}).Order("p.year DESC, d.id DESC").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list published results: %w", err)
	}
	return out, nil
}
