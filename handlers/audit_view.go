// Long file: the audit log as a person reads it, one reader for every kind
// of entry (what changed, on which record, in the reader's words); split, the
// readers of each kind would repeat the same lookups.

package handlers

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/views"
)

// auditRow is an audit entry as people read it: who did what, when, to
// which object (with a link), and each changed field old → new.
type auditRow struct {
	ID                  uint
	At                  time.Time
	Who, Action, Object string
	URL                 string
	Changes             []fieldChange
}

type fieldChange struct {
	Label, Old, New string
}

// auditURLs say where a record of each kind is; the kinds themselves are
// named by the catalog (audit.entity.<kind>).
var auditURLs = map[string]func(id string) string{
	"department":                 byID("/departments/"),
	"group":                      byID("/groups/"),
	"catalog_item":               func(string) string { return "/catalog" },
	"user":                       func(string) string { return "/users" },
	"scheme":                     func(id string) string { return schemeURL(id) },
	"scores":                     scoresURL,
	"import_run":                 func(string) string { return "/imports" },
	"holiday_year":               func(string) string { return "/calendar" },
	"source":                     func(string) string { return "/sources" },
	"api_token":                  func(string) string { return "/sources" },
	"channel":                    func(string) string { return "/channels" },
	"publication":                byID("/records/publication/"),
	"request":                    byID("/records/request/"),
	"complaint":                  byID("/records/complaint/"),
	"quarterly_report":           byID("/records/quarterly_report/"),
	"annual_report":              byID("/records/annual_report/"),
	"secrecy_review":             byID("/records/secrecy_review/"),
	"coordination":               byID("/records/coordination/"),
	"press_conference":           byID("/records/press_conference/"),
	"disclosure_flag":            byID("/records/publication/"),
	"request_category":           byID("/records/request/"),
	"annual_report_text":         func(string) string { return "/reports/annual" },
	"annual_final":               func(string) string { return "/reports/annual" },
	"annual_figures":             func(string) string { return "/reports/annual" },
	"assessment_plan":            byID("/assessment/"),
	"assessment_notice":          func(string) string { return "/assessment" },
	"assessment_self_inspection": func(string) string { return "/assessment" },
	"assessment_objection":       func(string) string { return "/assessment" },
	"assessment_adjustment":      func(string) string { return "/assessment" },
	"assessment_finding":         func(string) string { return "/assessment" },
	"assessment_commendation":    func(string) string { return "/assessment" },
	"accountability_case":        byID("/cases/"),
	"accountability_person":      func(string) string { return "/cases" },
	"accountability_proposal":    func(string) string { return "/cases" },
}

func byID(prefix string) func(string) string {
	return func(id string) string {
		if _, err := strconv.ParseUint(id, 10, 64); err != nil {
			return ""
		}
		return prefix + id
	}
}

// scoresURL: a run is logged as year/as-of/scheme.
func scoresURL(id string) string {
	year, _, _ := strings.Cut(id, "/")
	return "/scores?year=" + year
}

// noise are fields that change with every save and say nothing.
var noise = map[string]bool{"CreatedAt": true, "UpdatedAt": true, "ID": true}

// auditValues names the codes the app stores in changes.
var auditValuePrefixes = []string{"asmt.status.", "case.status.", "role.", "import.from.", "flag.state.", "run.", "case.post.", "case.share.", "document.kind.", "document.relation.", "document.subject.", "appeal."}

// auditPageNeeds are the record pages a reader of the log may lack the
// right to open: such a row is not linked.
var auditPageNeeds = map[string]models.Action{"user": models.ActAdminister}

// readAuditFor is readAudit for a viewer: linked only to the pages the
// viewer may open.
func readAuditFor(v models.Viewer, e models.AuditEntry, l views.Lang, depts map[string]string) auditRow {
	r := readAudit(e, l, depts)
	if need, ok := auditPageNeeds[e.Entity]; ok && !v.Can(need) {
		r.URL = ""
	}
	return r
}

// readAudit lays an entry out for reading; names names departments by id
// and by code, schemes by "scheme:" and their version, score runs by
// "run:" and their id.
func readAudit(e models.AuditEntry, l views.Lang, depts map[string]string) auditRow {
	r := auditRow{ID: e.ID, At: e.At, Who: who(l, e.UserName), Action: label(l, "audit.action.", e.Action), Object: label(l, "audit.entity.", e.Entity)}
	if url, ok := auditURLs[e.Entity]; ok {
		r.URL = url(e.EntityID)
	}
	switch {
	case e.Entity == "scores":
		// year/as-of/scheme
		parts := strings.SplitN(e.EntityID, "/", 3)
		if len(parts) == 3 {
			r.Object += " " + views.T(l, "audit.run", parts[0], parts[1])
		}
	case e.Entity == "accountability_proposal":
		r.Object += " " + auditValue(e.EntityID, "Key", l, depts)
	case e.Entity == "assessment_finding" && depts["finding:"+e.EntityID] != "":
		// year/department/number: 2025年度治安支队问题1
		var year, dept, no int
		fmt.Sscanf(depts["finding:"+e.EntityID], "%d/%d/%d", &year, &dept, &no)
		r.Object += " " + views.T(l, "audit.finding", year, depts[strconv.Itoa(dept)], no)
	case e.Entity == "scheme":
		if title, ok := depts["scheme:"+e.EntityID]; ok {
			r.Object += " " + title
		} else {
			r.Object += " " + e.EntityID
		}
	case e.Entity == "download":
		r.Object += " " + e.EntityID // the address taken out of the app
	case e.EntityID != "" && e.EntityID != "0":
		r.Object += recordName(e, l, depts)
	}
	r.Changes = changes(e, l, depts)
	return r
}

// nameFields are the fields of a stored record that name it, best first.
var nameFields = []string{"CaseNo", "Name", "name", "Username", "username", "number", "Title", "file"}

// recordName names the record of an entry by what people call it: the
// department of that id, a name the stored record carries, or the
// department it concerns. Its database id is no name: the link leads to it;
// a key of the record's own shows as it is.
func recordName(e models.AuditEntry, l views.Lang, depts map[string]string) string {
	if _, err := strconv.ParseUint(e.EntityID, 10, 64); err != nil {
		return " " + e.EntityID // a key of its own (2025/3/problems), not a database id
	}
	if e.Entity == "department" && depts[e.EntityID] != "" {
		return " " + depts[e.EntityID]
	}
	for _, stored := range []string{e.After, e.Before} {
		var m map[string]any
		if json.Unmarshal([]byte(stored), &m) != nil {
			continue
		}
		for _, k := range nameFields {
			if v, ok := m[k].(string); ok && v != "" {
				return " " + v
			}
		}
		if y, ok := m["year"].(float64); ok && e.Entity == "assessment_plan" {
			return " " + views.T(l, "asmt.yearly", int(y))
		}
	}
	if name := depts[strconv.FormatUint(uint64(e.DepartmentID), 10)]; e.DepartmentID != 0 && name != "" {
		return views.T(l, "audit.of", name)
	}
	return ""
}

// changes lists the fields that differ between before and after.
func changes(e models.AuditEntry, l views.Lang, depts map[string]string) []fieldChange {
	var before, after any
	_ = json.Unmarshal([]byte(e.Before), &before) // empty or not JSON: nothing to compare
	_ = json.Unmarshal([]byte(e.After), &after)
	if e.Entity == "scheme" {
		// A scheme's body is its JSON: compare it as a scheme.
		if b, ok := before.(string); ok && strings.HasPrefix(b, "{") {
			if a, ok := after.(string); ok {
				return schemeBodyChanges(b, a, l)
			}
		}
		if a, ok := after.(string); ok && strings.HasPrefix(a, "{") {
			return nil
		}
	}
	bm, bok := before.(map[string]any)
	am, aok := after.(map[string]any)
	if !bok && !aok {
		if before == nil && after == nil {
			return nil
		}
		return []fieldChange{{views.T(l, "audit.value"), stateValue(e, before, "", l, depts), stateValue(e, after, "", l, depts)}}
	}
	keys := []string{}
	for k := range bm {
		keys = append(keys, k)
	}
	for k := range am {
		if _, ok := bm[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []fieldChange
	for _, k := range keys {
		if noise[k] {
			continue
		}
		b, a := bm[k], am[k]
		if bj, aj := fmt.Sprint(b), fmt.Sprint(a); bj == aj {
			continue
		}
		out = append(out, fieldChange{fieldLabel(e.Entity, k, l, depts), stateValue(e, b, k, l, depts), stateValue(e, a, k, l, depts)})
	}
	return out
}

// stateField is a field of an entity's entries that holds a state; ""
// when the entry stores the state alone.
type stateField struct{ entity, field string }

// auditStates names, for each field that holds a state, the catalog prefix
// the pages name its states with, so the log says what the page says (an
// open finding is 整改中 on both) and a word that means something else
// elsewhere stays apart (an approved scheme is not an assessment under way).
var auditStates = map[stateField]string{
	{"scheme", ""}:                     "scheme.state.",
	{"assessment_plan", "status"}:      "asmt.status.",
	{"assessment_objection", "status"}: "asmt.obj.",
	{"assessment_finding", "status"}:   "asmt.finding.",
	{"accountability_case", "Status"}:  "case.status.",
	{"accountability_case", "kind"}:    "case.statement.", // a statement recorded, or refused
}

// stateValue reads a value of an entry's change, its state in the words of
// its own entity when it is one.
func stateValue(e models.AuditEntry, v any, key string, l views.Lang, depts map[string]string) string {
	if s, ok := v.(string); ok {
		if p, ok := auditStates[stateField{e.Entity, key}]; ok && views.HasMessage(l, p+s) {
			return views.T(l, p+s)
		}
	}
	return auditValue(v, key, l, depts)
}

func schemeBodyChanges(before, after string, l views.Lang) []fieldChange {
	var out []fieldChange
	b, errB := models.SchemeVersion{Body: before}.Scheme()
	a, errA := models.SchemeVersion{Body: after}.Scheme()
	if errB != nil || errA != nil {
		return nil
	}
	for _, c := range compareSchemes(b, a, l) {
		out = append(out, fieldChange(c))
	}
	return out
}

// fieldLabel names a field, in the words of its entity where that has its
// own (a commendation's person is the one commended); a department's code
// (a score run records one line per department) is named by the department.
func fieldLabel(entity, k string, l views.Lang, depts map[string]string) string {
	if key := "audit.field." + entity + "." + snake(k); views.HasMessage(l, key) {
		return views.T(l, key)
	}
	if key := "audit.field." + snake(k); views.HasMessage(l, key) {
		return views.T(l, key)
	}
	if name, ok := depts[k]; ok {
		return name
	}
	return k
}

// auditValue writes a stored value in words: codes named, dates as dates,
// lists and maps spelled out.
func auditValue(v any, key string, l views.Lang, depts map[string]string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return views.T(l, "scheme.yes")
		}
		return views.T(l, "scheme.no")
	case float64:
		if key == "run" {
			if name, ok := depts["run:"+strconv.FormatFloat(x, 'f', -1, 64)]; ok {
				return name
			}
		}
		if strings.Contains(strings.ToLower(key), "department") {
			if name, ok := depts[strconv.FormatFloat(x, 'f', -1, 64)]; ok {
				return name
			}
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format(time.DateOnly)
			}
			return t.Local().Format("2006-01-02 15:04")
		}
		if key == "scheme" {
			if title, ok := depts["scheme:"+x]; ok {
				return title
			}
		}
		if key == "Key" || key == "ProposalKey" {
			if kind, rest, ok := strings.Cut(x, ":"); ok {
				if views.HasMessage(l, "audit.word."+kind) {
					return views.T(l, "audit.word."+kind) + " " + strings.ReplaceAll(rest, ":", "/")
				}
			}
		}
		if key == "kind" || key == "Kind" {
			if k := ingest.Kind(x); k.Title(l) != x {
				return k.Title(l)
			}
		}
		for _, p := range auditValuePrefixes {
			if views.HasMessage(l, p+x) {
				return views.T(l, p+x)
			}
		}
		if views.HasMessage(l, "audit.word."+x) {
			return views.T(l, "audit.word."+x)
		}
		if g, ok := gradeSummary(x, l); ok {
			return g
		}
		if g := gradeLabel(x, l); g != x {
			return g
		}
		if r := []rune(x); len(r) > 200 {
			return string(r[:200]) + "…"
		}
		return x
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = auditValue(item, key, l, depts)
		}
		return list(l, parts)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if !noise[k] {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fieldLabel("", k, l, depts) + views.T(l, "audit.colon") + auditValue(x[k], k, l, depts)
		}
		return strings.Join(parts, views.T(l, "audit.semicolon"))
	}
	return fmt.Sprint(v)
}

// snake writes a stored field name as a catalog key's last part: PlanID
// and plan_id are both plan_id, SessionEpoch is session_epoch.
func snake(field string) string {
	var b strings.Builder
	r := []rune(field)
	for i, c := range r {
		upper := unicode.IsUpper(c)
		if upper && i > 0 && (unicode.IsLower(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// gradeLine is a plan's grade as its audit entries store it (assessment's
// labels): "优秀 98.50 第1名".
var gradeLine = regexp.MustCompile(`^(\p{Han}+) ([0-9]+\.[0-9]{2}) 第([0-9]+)名$`)

// gradeSummary words a stored grade line, or 不参评, in the reader's
// language: the log keeps what it stored, and an English page reads
// "Excellent 98.50, rank 1".
func gradeSummary(s string, l views.Lang) (string, bool) {
	if s == views.T(views.Chinese, "asmt.unrated") {
		return views.T(l, "asmt.unrated"), true
	}
	m := gradeLine.FindStringSubmatch(s)
	if m == nil || gradeLabel(m[1], l) == m[1] {
		return "", false
	}
	return views.T(l, "audit.grade_line", gradeLabel(m[1], l), m[2], m[3]), true
}
