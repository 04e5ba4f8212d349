package ingest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
)

// notesSheet is the template's second sheet; imports read the first sheet
// (or the one named by the kind), so the notes are never read as rows.
const notesSheet = "填写说明"

// vocabularyOf offers a drop-down list for columns with a fixed vocabulary.
// Other values may still be typed: the import is what checks them (the
// catalog may add channels the list does not know).
func vocabularyOf(kind Kind, key string) []string {
	switch {
	case kind == Departments && key == "kind":
		return departmentKinds
	case kind == Publications && key == "channel":
		return models.DefaultPublicationChannels
	case kind == Publications && key == "review":
		return reviewDecisions
	case kind == Requests && key == "extended":
		return []string{"是", "否"}
	case kind == Requests && key == "channel":
		return models.DefaultRequestChannels
	case kind == Requests && key == "applicant":
		return reports.ApplicantTypes
	case kind == Requests && key == "result":
		return reports.ResultCategories()
	case kind == Requests && (key == "recon_outcome" || key == "suit_outcome"):
		return reports.RemedyOutcomes
	case kind == Requests && key == "suit_kind":
		return reports.SuitKinds
	case kind == Requests && key == "outcome":
		return legacyOutcomes
	case kind == Incidents && key == "kind":
		return incidentKinds
	}
	return nil
}

// ErrNoTemplate: the kind has no spreadsheet template (the holiday calendar).
var ErrNoTemplate = errors.New("节假日安排请使用 holiday-cn 格式的 JSON 文件")

// TemplateFileName names a kind's template for download.
func TemplateFileName(kind Kind) string { return kind.Title(i18n.Chinese) + "-导入模板.xlsx" }

// Template returns an XLSX workbook for filling in a kind by hand: the first
// sheet has the Chinese headers (required ones in bold red) and drop-down
// lists where the vocabulary is fixed; the second explains every column.
// The holiday calendar has no template: it comes as holiday-cn JSON.
func Template(kind Kind) ([]byte, error) {
	sp, ok := specs[kind]
	if !ok || kind == Holidays {
		return nil, fmt.Errorf("%s没有表格模板：%w", kind.Title(i18n.Chinese), ErrNoTemplate)
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := kind.Title(i18n.Chinese)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	required, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	if err != nil {
		return nil, err
	}
	optional, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	lists := 0 // long lists written to the options sheet
	for i, c := range sp.columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		col, _ := excelize.ColumnNumberToName(i + 1)
		style := optional
		if c.required {
			style = required
		}
		if err := errorsOf(
			f.SetCellValue(sheet, cell, c.name),
			f.SetCellStyle(sheet, cell, cell, style),
			f.SetColWidth(sheet, col, col, 16),
		); err != nil {
			return nil, err
		}
		if list := vocabularyOf(kind, c.key); list != nil {
			dv := excelize.NewDataValidation(false) // offer, do not enforce
			dv.SetSqref(col + "2:" + col + "10000")
			if err := dropList(f, dv, list, &lists); err != nil {
				return nil, err
			}
			if err := f.AddDataValidation(sheet, dv); err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := writeNotes(f, kind, sp); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// optionsSheet holds the drop-down lists too long for Excel's inline form
// (255 characters), one per column.
const optionsSheet = "选项"

// dropList offers list in dv: inline when it fits, else from a column of
// the options sheet.
func dropList(f *excelize.File, dv *excelize.DataValidation, list []string, lists *int) error {
	if len(strings.Join(list, ",")) <= 255 {
		return dv.SetDropList(list)
	}
	if *lists == 0 {
		if _, err := f.NewSheet(optionsSheet); err != nil {
			return err
		}
	}
	*lists++
	col, _ := excelize.ColumnNumberToName(*lists)
	for i, v := range list {
		if err := f.SetCellValue(optionsSheet, fmt.Sprintf("%s%d", col, i+1), v); err != nil {
			return err
		}
	}
	dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionsSheet, col, col, len(list)))
	return nil
}

func writeNotes(f *excelize.File, kind Kind, sp spec) error {
	if _, err := f.NewSheet(notesSheet); err != nil {
		return err
	}
	rows := [][]any{{"列名", "英文键（JSON 与英文表头）", "必填", "说明"}}
	for _, c := range sp.columns {
		note := c.note
		if c.date {
			note = strings.TrimPrefix(note+"；日期写作 2024-03-05、2024/3/5 或 2024年3月5日", "；")
		}
		if c.max > 0 {
			note = strings.TrimPrefix(fmt.Sprintf("%s；不超过 %d 个字", note, c.max), "；")
		}
		rows = append(rows, []any{c.name, c.key, map[bool]string{true: "是", false: ""}[c.required], note})
	}
	rows = append(rows, []any{}, []any{"导入时只读取第一个工作表（或名为“" + kind.Title(i18n.Chinese) + "”的工作表），本说明页不会被导入。"},
		[]any{"部门可填编码或全称；是否类的列填 是/否；表头用中文列名或英文键均可，顺序不限，多余的列会被忽略并提示。"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(notesSheet, cell, &r); err != nil {
			return err
		}
	}
	return errorsOf(f.SetColWidth(notesSheet, "A", "B", 22), f.SetColWidth(notesSheet, "D", "D", 80))
}

// errorsOf returns the first non-nil error.
func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
