package docx

import (
	"fmt"
	"math"
)

// Page is a page set other than the default: margins in millimetres and the
// document grid (文档网格) of Lines lines of Chars characters each, for text
// of FontSize half-points, as official documents (GB/T 9704) require.
type Page struct {
	TopMM, RightMM, BottomMM, LeftMM float64
	Lines, Chars                     int
	FontSize                         int // half-points: 三号 (16 pt) is 32
}

// SetPage sets the page of the whole document.
func (d *Document) SetPage(p Page) { d.page = &p }

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

// sectPr writes the section's page: A4 portrait, the default margins unless
// SetPage set others.
func (d *Document) sectPr() string {
	if d.page == nil {
		return defaultSectPr
	}
	p := d.page
	grid := ""
	if p.Lines > 0 && p.Chars > 0 && p.FontSize > 0 {
		height := 297 - p.TopMM - p.BottomMM
		width := 210 - p.LeftMM - p.RightMM
		linePitch := twips(height / float64(p.Lines))
		// charSpace is the difference between the grid's character pitch
		// and the font's size, in 4096ths of a point.
		pitch := width / float64(p.Chars) / 25.4 * 72
		charSpace := int(math.Round((pitch - float64(p.FontSize)/2) * 4096))
		grid = fmt.Sprintf(`<w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="%d"/>`, linePitch, charSpace)
	}
	return fmt.Sprintf(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>%s</w:sectPr>`,
		twips(p.TopMM), twips(p.RightMM), twips(p.BottomMM), twips(p.LeftMM), grid)
}

// Para is a paragraph with its own look, for the elements of an official
// document: a red 发文机关标志, a centred 发文字号, a signature on the right.
type Para struct {
	Text       string
	Font       string // the East Asian font, e.g. 仿宋_GB2312
	Size       int    // half-points: 二号 44, 三号 32, 四号 28
	Color      string // RGB hex, e.g. FF0000
	Bold       bool
	Align      string // left, center, right or both
	FirstLine  int    // first-line indent in characters
	Left       int    // left indent in characters
	Right      int    // right indent in characters
	Above      Rule   // a rule above the paragraph
	Below      Rule   // a rule under it
	SpaceAbove int    // space above, in lines
	Tail       string // text set flush right on the same line, after a tab
}

// Rule is a line across the text, above or below a paragraph: none when
// Color is empty.
type Rule struct {
	Color string // RGB hex
	Width int    // eighths of a point
}

// textWidth is the width of the text in twips, between the margins.
func (d *Document) textWidth() int {
	if d.page == nil {
		return 11906 - 2*1800
	}
	return 11906 - twips(d.page.LeftMM) - twips(d.page.RightMM)
}

// Styled adds a paragraph with its own look.
func (d *Document) Styled(p Para) {
	d.body.WriteString("<w:p><w:pPr>")
	if p.Above.Color != "" || p.Below.Color != "" {
		d.body.WriteString("<w:pBdr>")
		for _, r := range []struct {
			side string
			Rule
		}{{"top", p.Above}, {"bottom", p.Below}} {
			if r.Color != "" {
				fmt.Fprintf(&d.body, `<w:%s w:val="single" w:sz="%d" w:space="1" w:color="%s"/>`, r.side, max(r.Width, 4), r.Color)
			}
		}
		d.body.WriteString("</w:pBdr>")
	}
	if p.Tail != "" {
		size := max(p.Size, 24) * 10 // a character's width in twips
		fmt.Fprintf(&d.body, `<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, d.textWidth()-(p.Left+p.Right)*size)
	}
	fmt.Fprintf(&d.body, `<w:spacing w:before="%d" w:beforeLines="%d" w:after="0" w:line="240" w:lineRule="auto"/>`, p.SpaceAbove*240, p.SpaceAbove*100)
	if p.FirstLine != 0 || p.Left != 0 || p.Right != 0 {
		fmt.Fprintf(&d.body, `<w:ind w:leftChars="%d" w:rightChars="%d" w:firstLineChars="%d"/>`, p.Left*100, p.Right*100, p.FirstLine*100)
	}
	if p.Align != "" {
		fmt.Fprintf(&d.body, `<w:jc w:val="%s"/>`, p.Align)
	}
	d.body.WriteString("</w:pPr><w:r><w:rPr>")
	if p.Font != "" {
		d.body.WriteString(`<w:rFonts w:eastAsia="`)
		d.escape(p.Font)
		d.body.WriteString(`"/>`)
	}
	if p.Bold {
		d.body.WriteString("<w:b/>")
	}
	if p.Color != "" {
		fmt.Fprintf(&d.body, `<w:color w:val="%s"/>`, p.Color)
	}
	if p.Size > 0 {
		fmt.Fprintf(&d.body, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, p.Size, p.Size)
	}
	d.body.WriteString(`</w:rPr><w:t xml:space="preserve">`)
	d.escape(p.Text)
	d.body.WriteString("</w:t>")
	if p.Tail != "" {
		d.body.WriteString(`<w:tab/><w:t xml:space="preserve">`)
		d.escape(p.Tail)
		d.body.WriteString("</w:t>")
	}
	d.body.WriteString("</w:r></w:p>")
}
