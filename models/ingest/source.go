package ingest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// row is one record of the input, mapped onto the kind's columns.
type row struct {
	line    int
	cells   []string          // by column; "" where the input has nothing
	extra   map[string]string // cells of columns the kind does not know, by header (quarterly report figures)
	problem string            // set when the record could not be mapped at all (a JSON element that is not an object)
	raw     []string          // CSV and XLSX: the record as read, for the error file; readers reuse it, so clone to keep
	obj     json.RawMessage   // JSON: the element as sent, for the error file
}

// keep copies a row whose record a reader will reuse.
func keep(r *row) *row {
	k := *r
	k.raw = slices.Clone(r.raw)
	return &k
}

// source yields the rows of one input, whatever its format.
type source interface {
	format() string                          // csv, xlsx or json
	layout() layout                          // how the input names columns and counts rows
	next() (*row, error)                     // io.EOF after the last row
	total(done int) int                      // rows expected in all, counted or estimated
	warnings() []string                      // unknown columns
	errorFile(bad []*badRow) ([]byte, error) // the bad rows in the input's own format, with a 错误原因 column
	Close() error
}

// layout is what checking a row needs to know about its input.
type layout struct {
	names    []string // column names as the input spells them
	unit     string   // 行 for a line or sheet row, 条 for a JSON element
	encoding string   // CSV: UTF-8, UTF-8 BOM, GB18030 or UTF-16
}

// badRow is a rejected row and why.
type badRow struct {
	row  *row
	errs []RowError
}

// reason joins a bad row's messages for the error file's 错误原因 column.
func (b *badRow) reason() string {
	msgs := make([]string, len(b.errs))
	for i, e := range b.errs {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "；")
}

// headerError is a problem with the header row: the file cannot be read
// row by row, so it is rejected whole.
type headerError struct {
	line     int
	unit     string
	problems []string
}

func (e *headerError) Error() string {
	return fmt.Sprintf("第 %d %s：%s", e.line, e.unit, strings.Join(e.problems, "；"))
}

// unknownColumns words the warning for columns (or JSON fields) the kind
// does not know.
// At most maxListedUnknown names are listed, each cut to maxNameRunes, so a
// file or body with millions of distinct keys gets a short warning.
func unknownColumns(word string, names []string) []string {
	if len(names) == 0 {
		return nil
	}
	listed := make([]string, 0, min(len(names), maxListedUnknown))
	for _, n := range names[:min(len(names), maxListedUnknown)] {
		listed = append(listed, truncate(n, maxNameRunes))
	}
	msg := "未识别的" + word + "已忽略：“" + strings.Join(listed, "”“") + "”"
	if len(names) > maxListedUnknown {
		msg += fmt.Sprintf("等 %d 个", len(names))
	}
	return []string{msg}
}

const (
	maxListedUnknown = 20
	maxNameRunes     = 40
)

// isBlank reports whether every cell of a record is empty.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// maxHeaderSearch is how many non-empty rows may precede the header (a
// title such as 警务公开工作责任分解表, a date line).
const maxHeaderSearch = 10

// A table's trailer: rows under the records that office workbooks carry,
// a 合计 row (合计 / 46项) or notes (注：1.…, often merged across the
// table), told by their first filled cell. At most maxTrailerRows of them
// are skipped, and only at the end of the table.
var trailerWords = []string{"合计", "总计", "注:", "注1", "说明:", "备注:", "填表说明", "填表人", "制表人", "审核人"}

const maxTrailerRows = 20

// trailer reports whether a row of a sheet or CSV looks like a trailer.
func trailer(r *row) bool {
	for _, cell := range r.raw {
		v := strings.TrimSpace(foldWidth(cell))
		if v == "" {
			continue
		}
		for _, w := range trailerWords {
			if strings.HasPrefix(v, w) {
				return true
			}
		}
		return false
	}
	return false
}

// joinLines writes line numbers as 48、49.
func joinLines(lines []int) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strconv.Itoa(l)
	}
	return strings.Join(out, "、")
}
