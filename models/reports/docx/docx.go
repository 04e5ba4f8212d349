// Package docx writes a minimal WordprocessingML package (.docx): headings,
// paragraphs and tables on A4, in the fonts Chinese offices expect (宋体 for
// text, 黑体 for headings). It is what Word, WPS and LibreOffice need to open
// a document and no more: content types, relationships, styles and the body.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// Document is a document being written, top to bottom.
type Document struct {
	body bytes.Buffer
	page *Page // nil: A4 with the default margins
}

// Title adds the document's centred title.
func (d *Document) Title(text string) { d.paragraph("Title", text, "") }

// Heading adds a section heading.
func (d *Document) Heading(text string) { d.paragraph("Heading1", text, "") }

// Caption adds a table's caption, bold.
func (d *Document) Caption(text string) { d.paragraph("Caption", text, "") }

// Paragraph adds a paragraph of body text, its first line indented by two
// characters as Chinese documents are.
func (d *Document) Paragraph(text string) {
	d.paragraph("", text, `<w:ind w:firstLineChars="200" w:firstLine="480"/>`)
}

// Note adds a paragraph of small print.
func (d *Document) Note(text string) { d.paragraph("Note", text, "") }

func (d *Document) paragraph(style, text, props string) {
	d.body.WriteString("<w:p>")
	if style != "" || props != "" {
		d.body.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(&d.body, `<w:pStyle w:val="%s"/>`, style)
		}
		d.body.WriteString(props)
		d.body.WriteString("</w:pPr>")
	}
	d.run(text, false)
	d.body.WriteString("</w:p>")
}

// run writes text as one run, keeping its spaces.
func (d *Document) run(text string, bold bool) {
	d.body.WriteString("<w:r>")
	if bold {
		d.body.WriteString("<w:rPr><w:b/></w:rPr>")
	}
	d.body.WriteString(`<w:t xml:space="preserve">`)
	d.escape(text)
	d.body.WriteString("</w:t></w:r>")
}

// escape writes text as XML character data.
func (d *Document) escape(text string) {
	_ = xml.EscapeText(&d.body, []byte(text)) // a bytes.Buffer does not fail
}

// Table adds a table with a bold header row that repeats on every page.
// Rows shorter than the header are padded with empty cells.
func (d *Document) Table(header []string, rows [][]string) {
	out := make([][]Cell, 0, len(rows)+1)
	for _, r := range append([][]string{header}, rows...) {
		cells := make([]Cell, len(header))
		for i := range cells {
			if i < len(r) {
				cells[i].Text = r[i]
			}
			cells[i].Bold = len(out) == 0
		}
		out = append(out, cells)
	}
	d.MergedTable(len(header), 1, out)
}

// Cell is a cell of a table with merged cells: it spans Span grid columns
// (1 when 0) and starts (VMergeStart) or continues (VMergeContinue) a
// vertical merge.
type Cell struct {
	Text   string
	Span   int
	VMerge int
	Bold   bool
	Shade  bool // a light grey fill, for marked figures
}

// Vertical merges of a Cell.
const (
	NoVMerge = iota
	VMergeStart
	VMergeContinue
)

// MergedTable adds a table of cols grid columns whose first head rows are
// headings repeated on every page; each row lists its cells left to right.
func (d *Document) MergedTable(cols, head int, rows [][]Cell) {
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for range cols {
		fmt.Fprintf(&d.body, `<w:gridCol w:w="%d"/>`, 8306/max(cols, 1))
	}
	d.body.WriteString("</w:tblGrid>")
	for i, r := range rows {
		d.body.WriteString("<w:tr>")
		if i < head {
			d.body.WriteString("<w:trPr><w:tblHeader/></w:trPr>")
		}
		for _, c := range r {
			d.body.WriteString(`<w:tc><w:tcPr>`)
			if c.Span > 1 {
				fmt.Fprintf(&d.body, `<w:gridSpan w:val="%d"/>`, c.Span)
			}
			switch c.VMerge {
			case VMergeStart:
				d.body.WriteString(`<w:vMerge w:val="restart"/>`)
			case VMergeContinue:
				d.body.WriteString(`<w:vMerge/>`)
			}
			if c.Shade {
				d.body.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`)
			}
			d.body.WriteString(`<w:vAlign w:val="center"/></w:tcPr><w:p>`)
			d.run(c.Text, c.Bold)
			d.body.WriteString("</w:p></w:tc>")
		}
		d.body.WriteString("</w:tr>")
	}
	d.body.WriteString("</w:tbl><w:p/>")
}

// WriteTo writes the package.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	z := zip.NewWriter(cw)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles},
		{"word/document.xml", documentHead + d.body.String() + d.sectPr() + documentTail},
	} {
		f, err := z.Create(part.name)
		if err != nil {
			return cw.n, fmt.Errorf("docx %s: %w", part.name, err)
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return cw.n, fmt.Errorf("docx %s: %w", part.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return cw.n, fmt.Errorf("docx: %w", err)
	}
	return cw.n, nil
}

// countingWriter counts what WriteTo wrote, as io.WriterTo promises.
type countingWriter struct {
	w io.Writer
	n int64
}

// Write passes p on and counts it.
func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
