package ingest

import (
	"strings"

	"github.com/gongkai/gongkai/models/reports"
)

// Columns of the annual report's filed figures (年度报告数据): a unit's
// figures of a year that the records cannot give (sections 二 and 六 of the
// national format), one column per reports.AnnualFigureSpecs.
const (
	afDepartment = iota
	afYear
	afFirstFigure
)

var annualFigureColumns = func() []column {
	cols := []column{
		afDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
		afYear:       {key: "year", name: "年度", required: true, note: "报告所述的年度，如 2025"},
	}
	for _, f := range reports.AnnualFigureSpecs {
		note := "件数，不小于 0 的整数；空白表示未填报"
		if f.Amount {
			note = "万元，不小于 0，最多四位小数；空白表示未填报"
		}
		cols = append(cols, column{key: f.Key, name: f.Name, note: note})
	}
	return cols
}()

var annualFigures = recordKind{
	table: &table{
		name: "annual_figures", entity: "annual_figures", id: "id", nKey: 2, keyName: "部门和年度", deptField: 0,
		fields: []field{{"department_id", fInt}, {"year", fInt}, {"figures", fText}},
	},
	keyCol: afYear,
	build: func(c *checker) []string {
		dept, year := c.department(afDepartment), c.year(afYear)
		figures := map[string]float64{}
		for i, f := range reports.AnnualFigureSpecs {
			if v, ok := c.annualFigure(afFirstFigure+i, f); ok {
				figures[f.Key] = v
			}
		}
		return []string{dept, year, reports.EncodeAnnualFigures(figures)}
	},
}

// annualFigure reads one filed figure: a count, or an amount in 万元.
func (c *checker) annualFigure(col int, f reports.AnnualFigureSpec) (float64, bool) {
	v := strings.TrimSuffix(strings.TrimSpace(c.text(col)), "万元")
	if v == "" {
		return 0, false
	}
	n, ok := reports.ParseAnnualFigure(f, v)
	if !ok {
		what := "不小于 0 的整数"
		if f.Amount {
			what = "不小于 0、最多四位小数的金额（万元）"
		}
		c.fail(col, "“%s”不是有效的数字（应为%s）", v, what)
	}
	return n, ok
}
