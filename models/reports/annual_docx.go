package reports

import (
	"io"
	"slices"

	"github.com/gongkai/gongkai/models/reports/docx"
)

// WriteDOCX writes the draft as a Word document, marked 草稿: the title,
// each section's heading, paragraphs and tables of figures, and the
// footnote. A final report's DOCX is the one issued (IssuedDOCX).
func (r *AnnualReport) WriteDOCX(w io.Writer) error {
	var d docx.Document
	d.Note(DraftMark)
	d.Title(r.Title() + "（草稿）")
	for _, s := range r.Sections {
		d.Heading(s.Title)
		for _, p := range s.Paragraphs {
			d.Paragraph(p)
		}
		for _, t := range s.Tables {
			d.Caption(t.Caption)
			d.MergedTable(t.Cols, len(t.Head), docxRows(&t))
		}
	}
	d.Note(r.Footnote())
	_, err := d.WriteTo(w)
	return err
}

// DraftMark heads a draft's DOCX and printed page: not final, not issued.
const DraftMark = "草稿 — 未定稿，不作为正式报告使用"

// docxRows lays a grid out as Word rows: a cell spanning rows starts a
// vertical merge that the rows below continue.
func docxRows(g *Grid) [][]docx.Cell {
	all := append(slices.Clone(g.Head), g.Body...)
	slots := g.Layout(all)
	out := make([][]docx.Cell, len(slots))
	for i, row := range slots {
		for _, s := range row {
			w, h := s.Cell.Span()
			c := docx.Cell{Span: w, Bold: s.Cell.Head, Shade: s.Cell.Flag}
			switch {
			case s.Origin:
				c.Text = s.Cell.Text
				if h > 1 {
					c.VMerge = docx.VMergeStart
				}
			case s.FromAbove:
				c.VMerge = docx.VMergeContinue
			default:
				continue
			}
			out[i] = append(out[i], c)
		}
	}
	return out
}
