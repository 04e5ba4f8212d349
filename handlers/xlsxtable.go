package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
)

// xlsxColumn is a column of an exported list: its Chinese header and width
// in characters.
type xlsxColumn struct {
	Name  string
	Width float64
}

// xlsxTable is one list as a workbook of one sheet: a bold header row,
// frozen so that it stays in view, set column widths, and rows streamed
// through excelize's StreamWriter, which keeps a long list (the audit log)
// out of memory as cells.
type xlsxTable struct {
	file   *excelize.File
	stream *excelize.StreamWriter
	next   int // the row the next add writes
}

// newXLSXTable starts a sheet with its header row.
func newXLSXTable(sheet string, cols []xlsxColumn) (*xlsxTable, error) {
	f := excelize.NewFile()
	t, err := func() (*xlsxTable, error) {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return nil, err
		}
		bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}},
			Border: []excelize.Border{{Type: "bottom", Style: 1}}})
		if err != nil {
			return nil, err
		}
		header := make([]any, len(cols))
		for i, c := range cols {
			if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
				return nil, err
			}
			header[i] = excelize.Cell{StyleID: bold, Value: c.Name}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		if err := sw.SetRow("A1", header); err != nil {
			return nil, err
		}
		return &xlsxTable{file: f, stream: sw, next: 2}, nil
	}()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s sheet: %w", sheet, err)
	}
	return t, nil
}

// add writes the next row; text that a spreadsheet would take for a
// formula is quoted (models.NeutraliseFormula).
func (t *xlsxTable) add(values ...any) error {
	for i, v := range values {
		if s, ok := v.(string); ok {
			values[i] = models.NeutraliseFormula(s)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, t.next)
	if err != nil {
		return err
	}
	t.next++
	return t.stream.SetRow(cell, values)
}

// close releases the stream's temporary files; defer it after newXLSXTable.
func (t *xlsxTable) close() { _ = t.file.Close() } // nothing to report: the answer is already decided

// send finishes the workbook and answers with it as a download.
func (t *xlsxTable) send(c *fiber.Ctx, name string) error {
	if err := t.stream.Flush(); err != nil {
		return fmt.Errorf("finish %s: %w", name, err)
	}
	buf, err := t.file.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return sendFile(c, name, buf.Bytes())
}
