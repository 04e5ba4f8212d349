package documents

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/scoring"
)

// Content is what a document says, in the order GB/T 9704-2012 sets it
// out: the 版头 (发文机关标志, 发文字号, the red rule), the 主体 (标题,
// 主送机关, 正文, 发文机关署名, 成文日期) and the 版记 (抄送机关, 印发机关
// and 印发日期).
type Content struct {
	Issuer    string       // 发文机关标志, in red, e.g. 宿迁市公安局纪律检查委员会
	Number    string       // 发文字号: set by IssueIn
	Title     string       // 标题
	To        string       // 主送机关, without the closing colon
	Body      []Block      // 正文
	Signer    string       // 发文机关署名
	Date      scoring.Date // 成文日期
	CopyTo    string       // 抄送机关, without the closing stop; none when empty
	PrintedBy string       // 印发机关; the 印发 line is left out when empty
	PrintedOn scoring.Date // 印发日期, the date when zero
	Draft     bool         // a 发文稿 not issued: both forms say 草稿
}

// Block is a part of the body: a paragraph, a heading (一级标题, 黑体) or a
// table (Header and Rows).
type Block struct {
	Text    string
	Heading bool
	Header  []string
	Rows    [][]string
}

// Paragraph, Heading and Table make blocks.
func Paragraph(text string) Block { return Block{Text: text} }

// Heading is a first-level heading (一、…).
func Heading(text string) Block { return Block{Text: text, Heading: true} }

// Table is a table with a header row.
func Table(header []string, rows [][]string) Block { return Block{Header: header, Rows: rows} }

// The page of GB/T 9704-2012 (5.2): A4, 天头 37 mm, 订口 28 mm, a type
// area of 156 × 225 mm holding 22 lines of 28 characters of 三号 text.
var page = docx.Page{TopMM: 37, LeftMM: 28, RightMM: 26, BottomMM: 35, Lines: 22, Chars: 28, FontSize: 32}

// The fonts the standard names (小标宋 for the issuer and title, 仿宋_GB2312
// for the text, 黑体 for first-level headings), as Word names them; the
// page's CSS (views/static/document.css) adds fallbacks.
const (
	fontTitle   = "方正小标宋_GBK"
	fontText    = "仿宋_GB2312"
	fontHeading = "黑体"
	red         = "FF0000"
	sizeTitle   = 44 // 二号
	sizeText    = 32 // 三号
	sizeRecord  = 28 // 四号
	sizeIssuer  = 60 // 小初 less a little: the issuer fits the type area's width
)

// Render writes the content as the page's HTML (an <article class="gw">)
// and as a DOCX, from the same parts.
func Render(c Content) (page string, docxBytes []byte, err error) {
	var h strings.Builder
	var d docx.Document
	renderHTML(&h, c)
	renderDOCX(&d, c)
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		return "", nil, err
	}
	return h.String(), buf.Bytes(), nil
}

// width is the width of s in characters: a half-width character counts half.
func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// signatureIndent is how far the signature stands from the right edge, in
// characters: the date is set two characters from the edge and begins two
// characters right of where the signature begins (7.3.5.2).
func (c Content) signatureIndent() int {
	return max(0, int(2+width(ChineseDate(c.Date))+2-width(c.Signer)+0.5))
}

func (c Content) printedOn() scoring.Date {
	if c.PrintedOn.IsZero() {
		return c.Date
	}
	return c.PrintedOn
}

func renderHTML(h *strings.Builder, c Content) {
	e := html.EscapeString
	h.WriteString(`<article class="gw">`)
	if c.Draft {
		h.WriteString(`<div class="gw-draft">草稿</div>`)
	}
	h.WriteString(`<div class="gw-head"><div class="gw-issuer">` + e(c.Issuer) + `</div>`)
	h.WriteString(`<div class="gw-number">` + e(c.Number) + `</div><hr class="gw-red"></div>`)
	h.WriteString(`<h1 class="gw-title">` + e(c.Title) + `</h1>`)
	if c.To != "" {
		h.WriteString(`<p class="gw-to">` + e(c.To) + `：</p>`)
	}
	for _, b := range c.Body {
		switch {
		case b.Header != nil:
			h.WriteString(`<table class="gw-table"><thead><tr>`)
			for _, x := range b.Header {
				h.WriteString("<th>" + e(x) + "</th>")
			}
			h.WriteString("</tr></thead><tbody>")
			for _, r := range b.Rows {
				h.WriteString("<tr>")
				for _, x := range r {
					h.WriteString("<td>" + e(x) + "</td>")
				}
				h.WriteString("</tr>")
			}
			h.WriteString("</tbody></table>")
		case b.Heading:
			h.WriteString(`<h2 class="gw-h1">` + e(b.Text) + `</h2>`)
		default:
			h.WriteString(`<p class="gw-p">` + e(b.Text) + `</p>`)
		}
	}
	h.WriteString(`<div class="gw-sign"><p style="padding-right:` + strconv.Itoa(c.signatureIndent()) + `em">` + e(c.Signer) + `</p>`)
	h.WriteString(`<p class="gw-date">` + e(ChineseDate(c.Date)) + `</p></div>`)
	if c.CopyTo != "" || c.PrintedBy != "" {
		h.WriteString(`<div class="gw-record">`)
		if c.CopyTo != "" {
			h.WriteString(`<p class="gw-copy">抄送：` + e(c.CopyTo) + `。</p>`)
		}
		if c.PrintedBy != "" {
			h.WriteString(`<p class="gw-printed"><span>` + e(c.PrintedBy) + `</span><span>` + e(ChineseDate(c.printedOn())) + `印发</span></p>`)
		}
		h.WriteString(`</div>`)
	}
	h.WriteString(`</article>`)
}

func renderDOCX(d *docx.Document, c Content) {
	d.SetPage(page)
	text := func(s string) docx.Para {
		return docx.Para{Text: s, Font: fontText, Size: sizeText, Align: "both"}
	}
	if c.Draft {
		d.Styled(docx.Para{Text: "草稿", Font: fontHeading, Size: sizeText, Color: red, Align: "right"})
	}
	d.Styled(docx.Para{Text: c.Issuer, Font: fontTitle, Size: sizeIssuer, Color: red, Align: "center"})
	d.Styled(docx.Para{Text: c.Number, Font: fontText, Size: sizeText, Align: "center", SpaceAbove: 2, Below: docx.Rule{Color: red, Width: 12}})
	d.Styled(docx.Para{Text: c.Title, Font: fontTitle, Size: sizeTitle, Align: "center", SpaceAbove: 2})
	if c.To != "" {
		p := text(c.To + "：")
		p.SpaceAbove = 1
		d.Styled(p)
	}
	for _, b := range c.Body {
		switch {
		case b.Header != nil:
			d.Table(b.Header, b.Rows)
		case b.Heading:
			d.Styled(docx.Para{Text: b.Text, Font: fontHeading, Size: sizeText, FirstLine: 2})
		default:
			p := text(b.Text)
			p.FirstLine = 2
			d.Styled(p)
		}
	}
	sig := text(c.Signer)
	sig.Align, sig.Right, sig.SpaceAbove = "right", c.signatureIndent(), 2
	d.Styled(sig)
	date := text(ChineseDate(c.Date))
	date.Align, date.Right = "right", 2
	d.Styled(date)
	thick, thin := docx.Rule{Color: "000000", Width: 8}, docx.Rule{Color: "000000", Width: 4}
	if c.CopyTo != "" {
		d.Styled(docx.Para{Text: "抄送：" + c.CopyTo + "。", Font: fontText, Size: sizeRecord, Left: 1, Right: 1, SpaceAbove: 2, Above: thick})
	}
	if c.PrintedBy != "" {
		above := thin
		if c.CopyTo == "" {
			above = thick
		}
		d.Styled(docx.Para{Text: c.PrintedBy, Tail: ChineseDate(c.printedOn()) + "印发", Font: fontText, Size: sizeRecord, Left: 1, Right: 1, Above: above, Below: thick})
	}
}
