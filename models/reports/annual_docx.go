package reports

import (
	"io"

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
			d.Table(t.Header, t.Rows)
		}
	}
	d.Note(r.Footnote())
	_, err := d.WriteTo(w)
	return err
}
