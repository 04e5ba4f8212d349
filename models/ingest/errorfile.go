package ingest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
)

// reasonColumn heads the column an error file adds: the user reads it, fixes
// the row, and uploads the file again (the importer ignores the column).
const reasonColumn = "错误原因"

// csvErrorFile writes the bad rows as they were read (formula-like text
// neutralised, see models.NeutraliseFormula), with the reason, in
// UTF-8 with a BOM so that Excel opens it in the right encoding whatever the
// input's was.
func csvErrorFile(head []string, bad []*badRow) []byte {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	_ = w.Write(append(slices.Clone(head), reasonColumn)) // writes to memory cannot fail
	for _, b := range bad {
		_ = w.Write(models.NeutraliseRecord(append(fitted(b.row.raw, len(head)), b.reason())))
	}
	w.Flush()
	return buf.Bytes()
}

// xlsxErrorFile writes the bad rows to a one-sheet workbook. Merged cells of
// the input were filled in when read, so every row stands on its own.
func xlsxErrorFile(sheet string, head []string, bad []*badRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(sheet, "A1", ptr(anyRow(append(slices.Clone(head), reasonColumn)))); err != nil {
		return nil, err
	}
	for i, b := range bad {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, ptr(anyRow(models.NeutraliseRecord(append(fitted(b.row.raw, len(head)), b.reason()))))); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsonErrorFile returns the bad elements as sent, each with a 错误原因 key.
func jsonErrorFile(bad []*badRow) []byte {
	out := make([]json.RawMessage, 0, len(bad))
	for _, b := range bad {
		var obj map[string]json.RawMessage
		if json.Unmarshal(b.row.obj, &obj) != nil || obj == nil {
			obj = map[string]json.RawMessage{"值": b.row.obj}
		}
		obj[reasonColumn], _ = json.Marshal(b.reason())
		enc, _ := json.Marshal(obj) // re-encoding decoded JSON cannot fail
		out = append(out, enc)
	}
	enc, _ := json.MarshalIndent(out, "", "  ")
	return enc
}

// fitted copies a record to the header's width, so that the reason lands
// in its own column: filled out when short, cut when longer (cells under
// no heading are read by no import, and a merged range may fill a
// thousand of them).
func fitted(rec []string, width int) []string {
	out := make([]string, width, width+1)
	copy(out, rec)
	return out
}

func anyRow(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}

func ptr[T any](v T) *T { return &v }
