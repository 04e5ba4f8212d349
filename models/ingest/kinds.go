package ingest

import (
	"strings"

	"github.com/gongkai/gongkai/i18n"
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

// Title is the kind's name for people (kind.<kind> in the catalog), as the
// import page, its reports and the templates' sheet names show it.
func (k Kind) Title(lang i18n.Lang) string {
	if !i18n.HasMessage(lang, "kind."+string(k)) {
		return string(k)
	}
	return i18n.T(lang, "kind."+string(k))
}

// ParseKind accepts a kind by its English key or its Chinese title.
func ParseKind(s string) (Kind, error) {
	s = strings.TrimSpace(s)
	for _, k := range Kinds {
		if strings.EqualFold(s, string(k)) || s == k.Title(i18n.Chinese) {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k) + "（" + k.Title(i18n.Chinese) + "）"
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
