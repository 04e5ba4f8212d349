package ingest

// Columns of complaints and inquiries (群众投诉, 咨询).
const (
	cmpDepartment = iota
	cmpNo
	cmpLine
	cmpReceived
	cmpReplied
	cmpClosed
)

var complaintColumns = []column{
	cmpDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	cmpNo:         {key: "complaint_no", name: "编号", required: true, max: 64, note: "同一部门内不重复"},
	cmpLine:       {key: "line", name: "渠道", max: 32, note: "如 12389、网上问政"},
	cmpReceived:   {key: "received", name: "受理日期", required: true, date: true},
	cmpReplied:    {key: "replied", name: "回复日期", date: true},
	cmpClosed:     {key: "closed", name: "办结日期", date: true},
}

var complaints = recordKind{
	table: &table{
		name: "complaints", entity: "complaint", id: "id", nKey: 2, keyName: "部门和编号", deptField: 0,
		fields: []field{{"department_id", fInt}, {"complaint_no", fText}, {"line", fText}, {"received", fDate}, {"replied", fDate}, {"closed", fDate}},
	},
	keyCol: cmpNo,
	build: func(c *checker) []string {
		dept, no, line := c.department(cmpDepartment), c.text(cmpNo), c.text(cmpLine)
		received, replied, closed := c.date(cmpReceived), c.date(cmpReplied), c.date(cmpClosed)
		c.notBefore(cmpReplied, replied, cmpReceived, received)
		c.notBefore(cmpClosed, closed, cmpReceived, received)
		return []string{dept, no, line, received, replied, closed}
	},
}
