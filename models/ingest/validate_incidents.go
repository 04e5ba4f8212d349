package ingest

import (
	"strings"

	"github.com/gongkai/gongkai/models"
	cases "github.com/gongkai/gongkai/models/accountability"
)

// Columns of incidents: a leak, a publication of what must not be
// published, a falsification; each vetoes the year's grade.
const (
	incDepartment = iota
	incDate
	incKind
	incDescription
)

var incidentColumns = []column{
	incDepartment:  {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	incDate:        {key: "date", name: "日期", required: true, date: true},
	incKind:        {key: "kind", name: "类别", required: true, note: "泄密 / 不应公开而公开 / 弄虚作假"},
	incDescription: {key: "description", name: "说明", max: models.MaxText},
}

var incidents = recordKind{
	table: &table{
		name: "incidents", entity: "incident", id: "id", nKey: 3, keyName: "部门、日期和类别", deptField: 0,
		fields: []field{{"department_id", fInt}, {"date", fDate}, {"kind", fText}, {"description", fText}},
	},
	keyCol: incKind,
	build: func(c *checker) []string {
		return []string{c.department(incDepartment), c.date(incDate), c.oneOf(incKind, incidentKinds, "事件类别"), c.text(incDescription)}
	},
}

// Columns of accountability decisions (责任追究), past ones kept on paper.
// Each becomes a case of the discipline office's workspace in state
// "decided" (the table's defaults), so that there is one list of cases.
const (
	accCaseNo = iota
	accDepartment
	accDecided
	accSanction
	accPersons
	accTrigger
	accSummary
)

var accountabilityColumns = []column{
	accCaseNo:     {key: "case_no", name: "案号", required: true, max: 64},
	accDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	accDecided:    {key: "decided", name: "决定日期", required: true, date: true},
	accSanction:   {key: "sanction", name: "处理方式", required: true, max: 256, note: "告诫、批评教育、通报批评、书面检查、取消评先选优资格、限期整改、政纪处分、移送司法机关；多项用“、”分隔"},
	accPersons:    {key: "persons", name: "责任人", max: 256},
	accTrigger:    {key: "trigger", name: "追责情形", max: 256},
	accSummary:    {key: "summary", name: "摘要", max: models.MaxText},
}

var accountability = recordKind{
	table: &table{
		name: cases.Case{}.TableName(), entity: "accountability_case", id: "id", nKey: 1, keyName: "案号", deptField: 1,
		fields: []field{{"case_no", fText}, {"department_id", fInt}, {"decided", fDate}, {"sanctions", fText},
			{"persons", fText}, {"trigger", fText}, {"summary", fText}},
	},
	keyCol: accCaseNo,
	build: func(c *checker) []string {
		no := c.text(accCaseNo)
		if strings.HasPrefix(no, cases.CaseNoPrefix) {
			c.fail(accCaseNo, "“%s”是责任追究工作台立案的案号，纸质决定请使用原案号", no)
		}
		return []string{no, c.department(accDepartment), c.date(accDecided), c.listOf(accSanction, sanctions, "处理方式"),
			c.text(accPersons), c.text(accTrigger), c.text(accSummary)}
	},
}
