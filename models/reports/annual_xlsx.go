package reports

import (
	"fmt"
	"io"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
)

// XLSXFileName names the tables' XLSX download.
func (r *AnnualReport) XLSXFileName() string { return r.Title() + "（表格）.xlsx" }

// WriteXLSX writes the report's tables, one sheet per section that has any
// (二 to 四 are the national tables), each laid out like the printed form
// with its merged cells; marked figures are shaded.
func (r *AnnualReport) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	flag, err := f.NewStyle(&excelize.Style{Border: borders(), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}})
	if err != nil {
		return err
	}
	first := true
	for _, sec := range r.Sections {
		if len(sec.Tables) == 0 {
			continue
		}
		name := string([]rune(sec.Title)[:min(31, len([]rune(sec.Title)))])
		if first {
			err = f.SetSheetName("Sheet1", name)
			first = false
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		row := 1
		title, _ := excelize.CoordinatesToCellName(1, row)
		if err := firstErr(f.SetCellValue(name, title, r.Title()), f.SetCellStyle(name, title, title, st.plain)); err != nil {
			return err
		}
		row += 2
		for _, g := range sec.Tables {
			if row, err = writeGrid(f, name, row, &g, st, flag); err != nil {
				return err
			}
			row++
		}
		if err := f.SetColWidth(name, "A", "C", 22); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// writeGrid writes a grid's caption and cells from row on, merging what
// spans, and returns the next free row.
func writeGrid(f *excelize.File, sheet string, row int, g *Grid, st *formStyles, flag int) (int, error) {
	caption, _ := excelize.CoordinatesToCellName(1, row)
	if err := firstErr(f.SetCellValue(sheet, caption, g.Caption), f.SetCellStyle(sheet, caption, caption, st.label[0])); err != nil {
		return 0, err
	}
	row++
	all := append(slices.Clone(g.Head), g.Body...)
	for i, cells := range g.Layout(all) {
		for c, s := range cells {
			name, _ := excelize.CoordinatesToCellName(c+1, row+i)
			style := st.count
			switch {
			case s.Cell.Head:
				style = st.head
			case s.Cell.Label:
				style = st.label[1]
			case s.Cell.Flag:
				style = flag
			}
			if err := f.SetCellStyle(sheet, name, name, style); err != nil {
				return 0, err
			}
			if !s.Origin {
				continue
			}
			var v any = models.NeutraliseFormula(s.Cell.Text)
			if n, ok := asNumber(s.Cell); ok {
				v = n
			}
			if err := f.SetCellValue(sheet, name, v); err != nil {
				return 0, err
			}
			if w, h := s.Cell.Span(); w > 1 || h > 1 {
				end, _ := excelize.CoordinatesToCellName(c+w, row+i+h-1)
				if err := f.MergeCell(sheet, name, end); err != nil {
					return 0, fmt.Errorf("merge %s:%s: %w", name, end, err)
				}
			}
		}
	}
	return row + len(all), nil
}

// asNumber reads a figure cell as a number, so that the sheet sums.
func asNumber(c Cell) (float64, bool) {
	if c.Head || c.Label || c.Text == "" {
		return 0, false
	}
	var n float64
	if _, err := fmt.Sscanf(c.Text, "%g", &n); err != nil || fmt.Sprint(n) != c.Text {
		return 0, false
	}
	return n, true
}

func borders() []excelize.Border {
	var border []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		border = append(border, excelize.Border{Type: side, Style: 1, Color: "000000"})
	}
	return border
}
