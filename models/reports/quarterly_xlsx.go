package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
)

// quarterlySheet names the form's only sheet.
const quarterlySheet = "季度报表"

// labelFits is how many characters of a label fit on one line of column A
// (64 wide: 32 Chinese characters, less the indentation).
const labelFits = 28

// WriteXLSX writes the form as one A4 sheet laid out like Annex 2: the
// title, the quarter, 填报单位, the table 统计指标 / 单位 / 统计数 with every
// line, and the signature line (prefilled from the department's Annex 3
// liaison details). Figures nobody gave are left empty, as on paper.
func (r *QuarterlyReport) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", quarterlySheet); err != nil {
		return err
	}
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	set := func(cell string, value any, style int) error {
		if text, ok := value.(string); ok {
			value = models.NeutraliseFormula(text)
		}
		return firstErr(f.SetCellValue(quarterlySheet, cell, value), f.SetCellStyle(quarterlySheet, cell, cell, style))
	}
	line := func(row int, text string, style int, height float64) error {
		a, c := fmt.Sprintf("A%d", row), fmt.Sprintf("C%d", row)
		return firstErr(f.MergeCell(quarterlySheet, a, c), set(a, text, style), f.SetRowHeight(quarterlySheet, row, height))
	}
	err = firstErr(
		line(1, QuarterlyTitle, st.title, 32),
		line(2, r.PeriodLabel(), st.centered, 20),
		line(3, "填报单位："+r.FormName(), st.plain, 20),
		set("A4", "统计指标", st.head), set("B4", "单位", st.head), set("C4", "统计数", st.head),
		f.SetColWidth(quarterlySheet, "A", "A", 64), f.SetColWidth(quarterlySheet, "B", "B", 8), f.SetColWidth(quarterlySheet, "C", "C", 12),
	)
	if err != nil {
		return err
	}
	row := 5
	for _, x := range r.Rows {
		var value any = ""
		if x.Figure.Known {
			value = x.Figure.Value
		}
		number := st.count
		if x.Unit == "元" || x.Unit == "万元" {
			number = st.money
		}
		label := x.Label + x.Note
		if lines := (utf8.RuneCountInString(label) + labelFits - 1) / labelFits; lines > 1 {
			// Wrapped text does not grow its row by itself in every reader.
			if err := f.SetRowHeight(quarterlySheet, row, 15*float64(lines)); err != nil {
				return err
			}
		}
		if err := firstErr(
			set(fmt.Sprintf("A%d", row), label, st.label[min(x.Level, len(st.label)-1)]),
			set(fmt.Sprintf("B%d", row), x.Unit, st.unit),
			set(fmt.Sprintf("C%d", row), value, number),
		); err != nil {
			return err
		}
		row++
	}
	if err := line(row+1, r.Signature(), st.plain, 24); err != nil {
		return err
	}
	if notes := r.Notes(); len(notes) > 0 {
		if err := line(row+2, "说明："+strings.Join(notes, ""), st.note, 36); err != nil {
			return err
		}
	}
	size, fit := 9, 1 // 9 is A4 in the OOXML paper sizes
	return firstErr(
		f.SetPageLayout(quarterlySheet, &excelize.PageLayoutOptions{Size: &size, FitToWidth: &fit}),
		f.SetSheetProps(quarterlySheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}),
		f.Write(w),
	)
}

// Signature is the form's last line, prefilled for a department from its
// liaison form (负责人, 具体责任人员, 联系电话); blanks leave room to write.
func (r *QuarterlyReport) Signature() string {
	var head, liaison, phone string
	if d := r.Department; d != nil {
		head, liaison, phone = d.Head, d.Liaison, d.Phone
	}
	blank := func(s string) string {
		if s == "" {
			return "　　　　　　"
		}
		return s
	}
	return "单位负责人：" + blank(head) + "　　　　填报人：" + blank(liaison) + "　　　　联系电话：" + blank(phone)
}

// Notes explain what the form itself cannot show: requests answered after
// the legal limit, and filed figures that are missing.
func (r *QuarterlyReport) Notes() []string {
	var notes []string
	if n := r.Activity.Requests.Overdue; n > 0 {
		notes = append(notes, fmt.Sprintf("延期办结数中有 %d 件超过法定答复期限或未经批准延期。", n))
	}
	if r.FiledReports == 0 {
		notes = append(notes, "本季度没有已报送的季度报表数据：需填报的项目（规范性文件、回应解读、行政诉讼、机构经费、会议培训）留空。")
	}
	return notes
}

// formStyles are the cell styles of the form.
type formStyles struct {
	title, centered, plain, note, head, unit, count, money int
	label                                                  []int // by level
}

func newFormStyles(f *excelize.File) (*formStyles, error) {
	border := borders()
	var st formStyles
	var errs []error
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	st.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 18, Family: "黑体"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.centered = style(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.plain = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "center"}})
	st.note = style(&excelize.Style{Font: &excelize.Font{Size: 9}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.head = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}}})
	st.unit = style(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.count = style(&excelize.Style{Border: border, NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	st.money = style(&excelize.Style{Border: border, NumFmt: 2, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	for level := range 4 {
		st.label = append(st.label, style(&excelize.Style{Font: &excelize.Font{Bold: level == 0}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Indent: 2 * level, Vertical: "center", WrapText: true}}))
	}
	return &st, firstErr(errs...)
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
