package ingest

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// checker checks the cells of one row at a time against the kind's columns
// and the preloaded lookups, and collects what is wrong with the row in
// Chinese, with its line and column. Each method returns the cell in its
// canonical text (dates 2006-01-02, yes/no 1/0, amounts 12.50, departments
// by id), the form rows are compared and written in.
type checker struct {
	cols  []column
	lay   layout
	lk    *lookups
	only  uint // a token's department: rows of any other are rejected
	row   *row
	errs  []RowError
	notes map[string][]int // warning → lines, for warnings that may repeat on many rows
	order []string         // warnings in first-seen order
}

func (c *checker) start(r *row) {
	c.row, c.errs = r, nil
	if r.problem != "" {
		c.failRow("%s", r.problem)
	}
}

// ok reports whether the current row has passed every check so far.
func (c *checker) ok() bool { return len(c.errs) == 0 }

// fail records a problem with one cell.
func (c *checker) fail(col int, format string, args ...any) {
	name := c.lay.names[col]
	word := "列"
	if c.lay.unit == "条" {
		word = "字段"
	}
	c.errs = append(c.errs, RowError{
		Line:    c.row.line,
		Column:  name,
		Message: fmt.Sprintf("第 %d %s，%s“%s”：", c.row.line, c.lay.unit, word, name) + fmt.Sprintf(format, args...),
	})
}

// failRow records a problem with the row as a whole.
func (c *checker) failRow(format string, args ...any) {
	c.errs = append(c.errs, RowError{Line: c.row.line, Message: fmt.Sprintf("第 %d %s：", c.row.line, c.lay.unit) + fmt.Sprintf(format, args...)})
}

// note records a warning against the current line; the report lists each
// warning once with all its lines.
func (c *checker) note(msg string) {
	if c.notes == nil {
		c.notes = map[string][]int{}
	}
	if _, seen := c.notes[msg]; !seen {
		c.order = append(c.order, msg)
	}
	c.notes[msg] = append(c.notes[msg], c.row.line)
}

// warnings words the notes: each with the lines it was seen on.
func (c *checker) warnings() []string {
	out := make([]string, 0, len(c.order))
	for _, msg := range c.order {
		lines := c.notes[msg]
		more := ""
		if len(lines) > 10 {
			more = fmt.Sprintf(" 等 %d 处", len(lines))
		}
		out = append(out, fmt.Sprintf("%s（第 %s %s%s）", msg, joinLines(lines[:min(len(lines), 10)]), c.lay.unit, more))
	}
	return out
}

// text returns a cell, checking that a required one is filled and that it
// fits its database column.
func (c *checker) text(col int) string {
	v := c.row.cells[col]
	spec := c.cols[col]
	if v == "" {
		if spec.required {
			c.fail(col, "不能为空")
		}
		return ""
	}
	if spec.max > 0 && len(v) > spec.max && utf8.RuneCountInString(v) > spec.max {
		c.fail(col, "内容有 %d 个字符，超过 %d 个字符的上限", utf8.RuneCountInString(v), spec.max)
	}
	if r, bad := hiddenRune(v); bad {
		if r >= 0x2000 {
			c.fail(col, "含有改变文字显示方向的字符（U+%04X），可能使内容显示得与实际不同，请删除后再导入", r)
		} else {
			c.fail(col, "含有不可见的控制字符（U+%04X），请删除后再导入", r)
		}
	}
	return v
}

// hiddenRune finds a character that no office text needs and that hides
// or disguises what a cell says: control characters other than tab and
// line breaks (NUL first of all), and the bidirectional overrides and
// isolates (U+202A-U+202E, U+2066-U+2069) that make text display in
// another order than it is stored.
func hiddenRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7F:
			return r, true
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

// link returns a web address cell: only an absolute http:// or https://
// address, so that a link shown on a page cannot run script (javascript:)
// or open something else (data:, file:).
func (c *checker) link(col int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.fail(col, "“%s”不是 http:// 或 https:// 开头的完整网址", truncate(v, 80))
	}
	return v
}

// figure returns a cell that is parsed (a number, a date, a yes/no) with
// full-width digits and punctuation folded to their ASCII forms (NFKC):
// office workbooks typed with a Chinese input method hold １、４６ and
// ２０２５年３月５日. Text cells keep their characters as written.
func (c *checker) figure(col int) string { return foldWidth(c.text(col)) }

// foldWidth applies NFKC to a cell that is not plain ASCII.
func foldWidth(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.TrimSpace(norm.NFKC.String(s))
		}
	}
	return s
}

// date returns a date cell as 2006-01-02, or "" when empty.
func (c *checker) date(col int) string {
	v := c.figure(col)
	if v == "" {
		return ""
	}
	d, ok := parseDate(v)
	if !ok {
		c.fail(col, "“%s”不是有效日期（应为 2024-03-05、2024/3/5 或 2024年3月5日）", v)
	}
	return d
}

// integer returns a whole number within [lo, hi].
func (c *checker) integer(col, lo, hi int, what string) string {
	v := c.figure(col)
	if v == "" {
		return ""
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
	if err != nil || n < lo || n > hi {
		c.fail(col, "“%s”不是有效的%s（应为 %d 到 %d 的整数）", v, what, lo, hi)
		return ""
	}
	return strconv.Itoa(n)
}

// year returns a year (年度).
func (c *checker) year(col int) string {
	return c.integer(col, scoring.MinYear, scoring.MaxYear, "年份")
}

// flag returns a yes/no cell as 1 or 0; empty is no.
func (c *checker) flag(col int) string {
	v := strings.ToLower(c.figure(col))
	switch {
	case v == "" || slices.Contains(no, v):
		return "0"
	case slices.Contains(yes, v):
		return "1"
	}
	c.fail(col, "“%s”无法识别，应为 是 或 否", c.row.cells[col])
	return "0"
}

// money returns an amount in yuan with two decimals; empty is 0.00.
func (c *checker) money(col int) string {
	v := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(c.figure(col), "¥")), "元")
	if v == "" {
		return "0.00"
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f >= 1e10 || math.Abs(f*100-math.Round(f*100)) > 1e-6 {
		c.fail(col, "“%s”不是有效金额（应为不小于 0、最多两位小数的数字）", c.row.cells[col])
		return "0.00"
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// number returns a figure of a quarterly report.
func (c *checker) number(name, v string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(foldWidth(v)), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		c.failRow("指标“%s”的值“%s”不是有效数字", name, v)
		return 0, false
	}
	return f, true
}

// department resolves a department named by code or full name to its id.
func (c *checker) department(col int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	id, ok := c.lk.names.Departments[v]
	if !ok {
		c.fail(col, "“%s”不是已知的部门（请填写部门编码或全称）", v)
		return ""
	}
	if c.only != 0 && id != c.only {
		c.fail(col, "“%s”不是本来源的部门“%s”，不能导入", v, c.lk.deptNames[c.only])
		return ""
	}
	return strconv.FormatUint(uint64(id), 10)
}

// oneOf returns a cell that must be one of vocab (or empty, if optional).
func (c *checker) oneOf(col int, vocab []string, what string) string {
	v := c.text(col)
	if v != "" && !slices.Contains(vocab, v) {
		c.fail(col, "“%s”不是有效的%s（应为 %s）", v, what, strings.Join(vocab, "、"))
	}
	return v
}

// listOf returns a 、-separated cell whose every name is in vocab, rejoined
// with 、 whatever the input's separators.
func (c *checker) listOf(col int, vocab []string, what string) string {
	names := models.SplitNames(c.text(col))
	for _, n := range names {
		if !slices.Contains(vocab, n) {
			c.fail(col, "“%s”不是有效的%s（应为 %s）", n, what, strings.Join(vocab, "、"))
		}
	}
	return strings.Join(names, models.NameSep)
}

// notBefore checks that a later date is not before an earlier one, both
// canonical (2006-01-02 compares as text).
func (c *checker) notBefore(laterCol int, later string, earlierCol int, earlier string) {
	if later != "" && earlier != "" && later < earlier {
		c.fail(laterCol, "%s %s 早于%s %s", c.lay.names[laterCol], later, c.lay.names[earlierCol], earlier)
	}
}

// span checks a pause: an end needs a start and may not precede it.
func (c *checker) span(startCol int, start string, endCol int, end string) {
	if end != "" && start == "" && c.row.cells[startCol] == "" {
		c.fail(startCol, "填写了%s，但缺少开始日期", c.lay.names[endCol])
	}
	c.notBefore(endCol, end, startCol, start)
}
