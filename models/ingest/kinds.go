package ingest

import (
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Kind names what a file holds: one of the tables of docs/FORMATS.md.
type Kind string

// The kinds, by their English keys.
const (
	Departments      Kind = "departments"
	Catalog          Kind = "catalog"
	Publications     Kind = "publications"
	Requests         Kind = "requests"
	Complaints       Kind = "complaints"
	QuarterlyReports Kind = "quarterly_reports"
	AnnualReports    Kind = "annual_reports"
	AnnualFigures    Kind = "annual_figures"
	Incidents        Kind = "incidents"
	Accountability   Kind = "accountability"
	Holidays         Kind = "holidays"
	SecrecyReviews   Kind = "secrecy_reviews"
	Coordinations    Kind = "coordinations"
	PressConferences Kind = "press_conferences"
)

// Kinds lists every kind in load order: departments before the catalog that
// names them, the catalog before the records that cite its items.
var Kinds = []Kind{Departments, Catalog, Publications, Requests, Complaints, QuarterlyReports, AnnualReports, AnnualFigures, Incidents, Accountability, Holidays,
	SecrecyReviews, Coordinations, PressConferences}

var titles = map[Kind][2]string{
	Departments:      {"部门", "Departments"},
	Catalog:          {"责任分解表", "Catalog"},
	Publications:     {"公开记录", "Publications"},
	Requests:         {"依申请公开", "Information requests"},
	Complaints:       {"投诉咨询", "Complaints and inquiries"},
	QuarterlyReports: {"季度报表", "Quarterly reports"},
	AnnualReports:    {"年度报告", "Annual reports"},
	AnnualFigures:    {"年度报告数据", "Annual report figures"},
	Incidents:        {"事件", "Incidents"},
	Accountability:   {"责任追究", "Accountability decisions"},
	Holidays:         {"节假日安排", "Holiday calendar"},
	SecrecyReviews:   {"保密审查", "Secrecy reviews"},
	Coordinations:    {"发布协调", "Coordinations"},
	PressConferences: {"新闻发布会", "Press conferences"},
}

// Title is the kind's name for people: Chinese unless lang is "en".
func (k Kind) Title(lang string) string {
	t, ok := titles[k]
	if !ok {
		return string(k)
	}
	if strings.HasPrefix(lang, "en") {
		return t[1]
	}
	return t[0]
}

// ParseKind accepts a kind by its English key or its Chinese title.
func ParseKind(s string) (Kind, error) {
	s = strings.TrimSpace(s)
	for _, k := range Kinds {
		if strings.EqualFold(s, string(k)) || s == k.Title("zh") {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k) + "（" + k.Title("zh") + "）"
	}
	return "", models.Invalid("kind", "refuse.ingest.kind", s, strings.Join(names, "、"))
}

// departmental reports whether each row of the kind belongs to one
// department, so that a token scoped to a department may send it.
func (k Kind) departmental() bool {
	switch k {
	case Departments, Catalog, Holidays:
		return false
	}
	return true
}
