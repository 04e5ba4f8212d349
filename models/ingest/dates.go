package ingest

import (
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// Dates accepted in a cell: 2024-03-05, 2024/3/5, 2024.3.5 and 2024年3月5日,
// optionally followed by a time of day (Excel's "2024/3/5 0:00" when it saves
// a date-time column as CSV), which is dropped. XLSX date cells arrive here
// already written as 2006-01-02.
const (
	minYear = 1949
	maxYear = scoring.MaxYear
)

// parseDate returns the date as 2006-01-02, or false.
func parseDate(s string) (string, bool) {
	if isoDate(s) {
		return s, true
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	var parts []string
	if strings.Contains(s, "年") {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
		y, rest, ok1 := strings.Cut(s, "年")
		m, d, ok2 := strings.Cut(rest, "月")
		if !ok1 || !ok2 {
			return "", false
		}
		parts = []string{y, m, d}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if len(parts) != 3 || strings.Count(s, "-")+strings.Count(s, "/")+strings.Count(s, ".") != 2 {
			return "", false
		}
	}
	if len(parts[0]) != 4 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 || (i > 0 && len(strings.TrimSpace(p)) > 2) {
			return "", false
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2024-02-30 normalises to March
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// isoDate reports whether s is already a valid 2006-01-02 date: most cells
// are, and a million rows of three dates each should not pay for splitting.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + int(s[i]-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
