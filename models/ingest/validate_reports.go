package ingest

import (
	"encoding/json"
	"maps"
	"slices"
)

// Columns of quarterly reports (季度报表, Annex 2). Any other column is a
// figure of the form, by its Annex 2 name.
const (
	qrDepartment = iota
	qrYear
	qrQuarter
	qrSubmitted
)

var quarterlyColumns = []column{
	qrDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	qrYear:       {key: "year", name: "年度", required: true, note: "如 2025"},
	qrQuarter:    {key: "quarter", name: "季度", required: true, note: "1 到 4"},
	qrSubmitted:  {key: "submitted", name: "报送日期", date: true, note: "未报送则留空；其余各列为附件2中的统计指标，列名用指标名称"},
}

var quarterlyReports = recordKind{
	table: &table{
		name: "quarterly_reports", entity: "quarterly_report", id: "id", nKey: 3, keyName: "部门、年度和季度", deptField: 0,
		fields: []field{{"department_id", fInt}, {"year", fInt}, {"quarter", fInt}, {"submitted", fDate}, {"figures", fText}},
	},
	keyCol: qrQuarter,
	build: func(c *checker) []string {
		return []string{c.department(qrDepartment), c.year(qrYear), c.integer(qrQuarter, 1, 4, "季度"), c.date(qrSubmitted), c.figures()}
	},
}

// figures returns the row's Annex 2 figures as a JSON object with sorted
// keys (so that the same figures always compare equal), or "" when none.
func (c *checker) figures() string {
	if len(c.row.extra) == 0 {
		return ""
	}
	out := make(map[string]float64, len(c.row.extra))
	for _, name := range slices.Sorted(maps.Keys(c.row.extra)) {
		if f, ok := c.number(name, c.row.extra[name]); ok {
			out[name] = f
		}
	}
	b, _ := json.Marshal(out) // a map of finite numbers always encodes
	return string(b)
}

// Columns of annual reports (年度报告).
const (
	arDepartment = iota
	arYear
	arSubmitted
)

var annualColumns = []column{
	arDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	arYear:       {key: "year", name: "年度", required: true, note: "报告所述的年度，如 2025"},
	arSubmitted:  {key: "submitted", name: "报送日期", date: true},
}

var annualReports = recordKind{
	table: &table{
		name: "annual_reports", entity: "annual_report", id: "id", nKey: 2, keyName: "部门和年度", deptField: 0,
		fields: []field{{"department_id", fInt}, {"year", fInt}, {"submitted", fDate}},
	},
	keyCol: arYear,
	build: func(c *checker) []string {
		return []string{c.department(arDepartment), c.year(arYear), c.date(arSubmitted)}
	},
}
