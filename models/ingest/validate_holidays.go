package ingest

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/scoring"
)

// Columns of a holiday-cn file (one year of the State Council's notice).
const (
	holYear = iota
	holPapers
	holDays
)

var holidayColumns = []column{
	holYear:   {key: "year", name: "年份", required: true},
	holPapers: {key: "papers", name: "通知"},
	holDays:   {key: "days", name: "日期", required: true},
}

var holidays = recordKind{
	table: &table{
		name: "holiday_years", entity: "holiday_year", id: "year", nKey: 1, keyName: "年份", deptField: -1,
		fields: []field{{"year", fInt}, {"papers", fText}, {"days", fText}},
	},
	keyCol: holYear,
	build: func(c *checker) []string {
		year := c.integer(holYear, 1900, maxYear, "年份")
		papers := []string{}
		for _, p := range strings.Split(c.text(holPapers), "、") {
			if p = strings.TrimSpace(p); p != "" {
				papers = append(papers, p)
			}
		}
		p, _ := json.Marshal(papers) // strings always encode
		return []string{year, string(p), c.holidayDays(holDays, year)}
	},
}

// holidayDays checks a notice's days as the calendar will read them
// (scoring.NewCalendar): real dates of the notice's year or the December
// before, each once; and returns them re-encoded, so that formatting does
// not count as a change.
func (c *checker) holidayDays(col int, year string) string {
	raw := c.text(col)
	if raw == "" {
		return ""
	}
	var days []scoring.HolidayDay
	if err := json.Unmarshal([]byte(raw), &days); err != nil {
		c.fail(col, "应为 holiday-cn 格式的日期列表（[{\"name\"， \"date\"， \"isOffDay\"}， ...]）")
		return ""
	}
	y, _ := strconv.Atoi(year)
	seen := map[string]bool{}
	for i, d := range days {
		date, ok := parseDate(d.Date)
		switch {
		case !ok:
			c.fail(col, "第 %d 项的日期“%s”不是有效日期", i+1, d.Date)
		case y != 0 && date[:4] != year && date[:4] != strconv.Itoa(y-1):
			c.fail(col, "第 %d 项的日期 %s 不属于 %s 年或上一年", i+1, date, year)
		case seen[date]:
			c.fail(col, "日期 %s 出现了两次", date)
		case strings.TrimSpace(d.Name) == "":
			c.fail(col, "第 %d 项缺少节日名称", i+1)
		}
		seen[date] = true
		days[i].Date = date
	}
	b, _ := json.Marshal(days) // plain structs always encode
	return string(b)
}
