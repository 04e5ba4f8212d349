package reports

import (
	"io"
	"slices"

	"github.com/gongkai/gongkai/models/reports/docx"
)

// WriteDOCX writes the draft as a Word document: the title, each section's
// heading, paragraphs and tables of figures, and the footnote.
func (r *AnnualReport) WriteDOCX(w io.Writer) error {
	var d docx.Document
	d.Title(r.Title())
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
