package reports

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// A final (定稿) annual report is an issued document (issue 20 item 5): the
// mark issues it, in the GB/T 9704 layout, with the figures of tables 三
// and 四 kept as issued. Records of the year that arrive later change the
// live tables, never the issued report: the page says how many requests
// arrived since (定稿后新增 N 件), and issuing again makes a 更正 version
// that names the first.

// Kinds and series of issued annual reports.
const (
	KindAnnual           = "annual_report"
	KindAnnualCorrection = "annual_report_correction"
	AnnualSeries         = "公开年报"
)

// annualIssue is the figures of an issued annual report, as issued.
type annualIssue struct {
	ID           uint
	Year         int
	DepartmentID uint
	DocumentID   uint
	Figures      string // JSON of issuedFigures
}

func (annualIssue) TableName() string { return "annual_report_issues" }

// issuedFigures is what an issued report's figures were.
type issuedFigures struct {
	Requests RequestTable
	Remedies RemedyTable
}

// Issued is the issued version of a final annual report: its document
// (without the page and DOCX) and, against the records now, how many
// requests of the year arrived after it was issued.
type Issued struct {
	Document documents.Document
	Arrived  int // 定稿后新增: requests received in the year counted since
}

// lastIssue reads the last issued version of a unit's report, nil for none.
func lastIssue(db *gorm.DB, year int, unit uint) (*annualIssue, error) {
	var is annualIssue
	err := db.Where("year = ? AND department_id = ?", year, unit).Order("id DESC").First(&is).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the issued annual report: %w", err)
	}
	return &is, nil
}

// freeze replaces the live tables of a final report with those issued, and
// says how many requests arrived since; the live ones are kept in Live.
func (r *AnnualReport) freeze(db *gorm.DB) error {
	is, err := lastIssue(db, r.Year, r.ID())
	if err != nil || is == nil {
		return err
	}
	var f issuedFigures
	if err := json.Unmarshal([]byte(is.Figures), &f); err != nil {
		return fmt.Errorf("read the issued figures: %w", err)
	}
	var d documents.Document
	if err := db.Omit("html", "docx").First(&d, is.DocumentID).Error; err != nil {
		return fmt.Errorf("read the issued annual report: %w", err)
	}
	live := *r.National
	frozen := live
	frozen.Requests, frozen.Remedies, frozen.Imbalances, frozen.Uncategorised = f.Requests, f.Remedies, nil, nil
	r.Live, r.National = &live, &frozen
	r.Issued = &Issued{Document: d, Arrived: live.Requests.Cell(rowNew, totalColumn) - f.Requests.Cell(rowNew, totalColumn)}
	return nil
}

// content is the report as a document: each section's heading, text and
// tables (their merged headings laid out flat), then the footnote.
func (r *AnnualReport) content(on scoring.Date) documents.Content {
	issuer := r.Name()
	if r.Department == nil {
		issuer = "政府信息公开工作领导小组办公室"
	}
	var body []documents.Block
	for _, s := range r.Sections {
		body = append(body, documents.Heading(s.Title))
		for _, p := range s.Paragraphs {
			body = append(body, documents.Paragraph(p))
		}
		for _, t := range s.Tables {
			body = append(body, documents.Paragraph(t.Caption), flatTable(&t))
		}
	}
	body = append(body, documents.Paragraph(r.Footnote()))
	return documents.Content{Issuer: issuer, Title: r.Title(), Body: body, Signer: issuer, Date: on, PrintedBy: issuer}
}

// flatTable lays a grid out as a plain table: a merged cell's text in its
// first slot, the slots it covers empty.
func flatTable(g *Grid) documents.Block {
	rows := slices.Concat(g.Head, g.Body)
	var out [][]string
	for _, row := range g.Layout(rows) {
		line := make([]string, len(row))
		for i, s := range row {
			if s.Origin {
				line[i] = s.Cell.Text
			}
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		return documents.Table([]string{g.Caption}, nil)
	}
	return documents.Table(out[0], out[1:])
}

// issue stores the report, computed from the records now, as issued on on,
// in tx: the first time as the report, later as a 更正 version naming the
// last one issued; its figures are kept with it.
func (r *AnnualReport) issue(tx *models.Tx, on scoring.Date) error {
	prev, err := lastIssue(tx.DB, r.Year, r.ID())
	if err != nil {
		return err
	}
	in := documents.Issue{Kind: KindAnnual, Series: AnnualSeries, Year: r.Year, Subject: "annual_final", SubjectID: r.ID(), Content: r.content(on)}
	if prev != nil {
		var d documents.Document
		if err := tx.DB.Omit("html", "docx").First(&d, prev.DocumentID).Error; err != nil {
			return fmt.Errorf("read the issued annual report: %w", err)
		}
		in.Kind, in.RefID, in.Relation = KindAnnualCorrection, d.ID, documents.Corrects
		in.Content.Title = r.Title() + "（更正版）"
		in.Content.Body = append([]documents.Block{documents.Paragraph(fmt.Sprintf("本报告是%s印发的《%s》（%s）的更正版，更正后的全文如下。",
			documents.ChineseDate(d.Date()), d.Title, d.Number))}, in.Content.Body...)
	}
	doc, err := documents.IssueIn(tx, in)
	if err != nil {
		return err
	}
	figures, err := json.Marshal(issuedFigures{Requests: r.National.Requests, Remedies: r.National.Remedies})
	if err != nil {
		return fmt.Errorf("keep the issued figures: %w", err)
	}
	if err := tx.DB.Create(&annualIssue{Year: r.Year, DepartmentID: r.ID(), DocumentID: doc.ID, Figures: string(figures)}).Error; err != nil {
		return fmt.Errorf("keep the issued figures: %w", err)
	}
	return nil
}

// IssuedDOCX is the DOCX of the report as last issued, nil when it was
// never issued.
func IssuedDOCX(ctx context.Context, s *models.Store, r *AnnualReport) ([]byte, error) {
	if r.Issued == nil {
		return nil, nil
	}
	var d documents.Document
	if err := s.DB.WithContext(ctx).Select("docx").First(&d, r.Issued.Document.ID).Error; err != nil {
		return nil, fmt.Errorf("read the issued annual report: %w", err)
	}
	return d.DOCX, nil
}
