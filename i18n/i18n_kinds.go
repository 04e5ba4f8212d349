package i18n

// kindMessages name the kinds of file the importer reads (docs/FORMATS.md):
// the import pages, the importer's own messages and the sheet names of its
// templates.
var kindMessages = map[Lang]map[string]string{
	Chinese: {
		"kind.departments":       "部门",
		"kind.catalog":           "责任分解表",
		"kind.publications":      "公开记录",
		"kind.requests":          "依申请公开",
		"kind.complaints":        "投诉咨询",
		"kind.quarterly_reports": "季度报表",
		"kind.annual_reports":    "年度报告",
		"kind.annual_figures":    "年度报告数据",
		"kind.incidents":         "事件",
		"kind.accountability":    "责任追究",
		"kind.holidays":          "节假日安排",
		"kind.secrecy_reviews":   "保密审查",
		"kind.coordinations":     "发布协调",
		"kind.press_conferences": "新闻发布会",
	},
	English: {
		"kind.departments":       "Departments",
		"kind.catalog":           "Catalog",
		"kind.publications":      "Publications",
		"kind.requests":          "Information requests",
		"kind.complaints":        "Complaints and inquiries",
		"kind.quarterly_reports": "Quarterly reports",
		"kind.annual_reports":    "Annual reports",
		"kind.annual_figures":    "Annual report figures",
		"kind.incidents":         "Incidents",
		"kind.accountability":    "Accountability decisions",
		"kind.holidays":          "Holiday calendar",
		"kind.secrecy_reviews":   "Secrecy reviews",
		"kind.coordinations":     "Coordinations",
		"kind.press_conferences": "Press conferences",
	},
}
