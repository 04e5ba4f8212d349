package ingest

import (
	"fmt"
	"strings"
	"unicode"
)

// column is one column of an import table (docs/FORMATS.md): named in a file by
// its English key or its Chinese name.
type column struct {
	key      string // English key, also the JSON key
	name     string // Chinese name, the template's header
	required bool
	max      int    // longest accepted text in characters (the database column's size); 0: no limit
	date     bool   // holds a date: an XLSX number here is an Excel date
	note     string // what to write, for the template's notes sheet
}

// headerKey normalises a header cell so that "公开日期", " 公开日期* " and
// "Published" all match: spaces dropped, a required-marker star or a
// "(必填)" suffix removed, ASCII lower-cased.
func headerKey(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\uFEFF' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	for _, suffix := range []string{"(必填)", "（必填）", "*", "＊"} {
		s = strings.TrimSuffix(s, suffix)
	}
	return strings.TrimPrefix(strings.TrimPrefix(s, "*"), "＊")
}

// header maps the cells of a file's header row onto a kind's columns.
type header struct {
	cells   []string // the header row as written
	index   []int    // index[col]: the cell holding column col, or -1
	extra   []int    // cells that name no column, in order
	names   []string // names[col]: the column as the file names it, or its Chinese name
	unknown []string // the headers of extra cells, for the warning
}

// matchHeader maps header cells to columns. A column named twice, or a
// required column missing, is a problem with the whole file.
func matchHeader(cols []column, cells []string) (*header, []string) {
	h := &header{cells: cells, index: make([]int, len(cols)), names: make([]string, len(cols))}
	byKey := make(map[string]int, 2*len(cols))
	for i, c := range cols {
		h.index[i] = -1
		h.names[i] = c.name
		byKey[headerKey(c.key)] = i
		byKey[headerKey(c.name)] = i
	}
	var problems []string
	for j, cell := range cells {
		k := headerKey(cell)
		if k == "" {
			continue
		}
		i, ok := byKey[k]
		switch {
		case !ok:
			h.extra = append(h.extra, j)
			h.unknown = append(h.unknown, strings.TrimSpace(cell))
		case h.index[i] >= 0:
			problems = append(problems, fmt.Sprintf("列“%s”出现了两次", strings.TrimSpace(cell)))
		default:
			h.index[i] = j
			h.names[i] = strings.TrimSpace(cell)
		}
	}
	for i, c := range cols {
		if c.required && h.index[i] < 0 {
			problems = append(problems, fmt.Sprintf("缺少必填列“%s”（%s）", c.name, c.key))
		}
	}
	return h, problems
}

// known counts the cells of a row that name a column; a header has at least one.
func known(cols []column, cells []string) int {
	n := 0
	for _, cell := range cells {
		k := headerKey(cell)
		for _, c := range cols {
			if k != "" && (k == headerKey(c.key) || k == headerKey(c.name)) {
				n++
				break
			}
		}
	}
	return n
}

// align puts a data row's cells in column order, trimmed; cells the header
// does not map go to extra by their header text (quarterly report figures).
func (h *header) align(cells []string, withExtra bool) ([]string, map[string]string) {
	out := make([]string, len(h.index))
	for i, j := range h.index {
		if j >= 0 && j < len(cells) {
			out[i] = strings.TrimSpace(cells[j])
		}
	}
	if !withExtra || len(h.extra) == 0 {
		return out, nil
	}
	extra := make(map[string]string, len(h.extra))
	for n, j := range h.extra {
		if j < len(cells) {
			if v := strings.TrimSpace(cells[j]); v != "" {
				extra[h.unknown[n]] = v
			}
		}
	}
	return out, extra
}

// stackHeader reads a header printed on two rows, as Annex 1 of seed 000
// is: a parent heading (公开内容) over its children (一级目录 · 二级目录 ·
// 序号 · 三级目录), and the other headings merged down over both rows.
// Each column takes the lower row's heading where it has one and the upper
// row's otherwise, so it reads the same whether the merged cells were
// filled (XLSX) or left empty (CSV). ok is false when the lower row names
// no column that the upper row does not: it is then the first data row.
func stackHeader(cols []column, upper, lower []string) (cells []string, ok bool) {
	cells = make([]string, max(len(upper), len(lower)))
	for j := range cells {
		switch {
		case j < len(lower) && strings.TrimSpace(lower[j]) != "":
			cells[j] = lower[j]
		case j < len(upper):
			cells[j] = upper[j]
		}
	}
	return cells, known(cols, cells) > known(cols, upper)
}
