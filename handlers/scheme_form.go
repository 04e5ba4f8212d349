package handlers

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// schemeField is one input of the draft's form: a field per setting.
type schemeField struct {
	Key, Section, Label, Input, Value, Error string
}

// Inputs of the scheme form.
const (
	inNumber = "number"
	inText   = "text"
	inList   = "list" // one item a line, or separated by 、 or commas
	inCheck  = "check"
)

// schemeFields lists the form's fields for sc, with the values typed
// (values, when the form is shown again after a refusal) and the errors.
func schemeFields(sc *scoring.Scheme, values, errs map[string]string, l views.Lang) []schemeField {
	var out []schemeField
	add := func(section, key, label, input, value string) {
		if v, ok := values[key]; ok {
			value = v
		}
		out = append(out, schemeField{Key: key, Section: sectionTitle(l, section), Label: label, Input: input, Value: value, Error: errs[key]})
	}
	set := func(key string) string { return settingLabel(l, key) }
	check := func(b bool) string {
		if b {
			return "1"
		}
		return ""
	}
	add("title", "name", views.T(l, "scheme.name"), inText, sc.Name)
	for _, ind := range sc.Indicators {
		add("indicators", "points."+ind.Code, ind.Code+" "+ind.Name, inNumber, ind.Points.String())
	}
	add("grades", "grades.excellent", set("grades.excellent"), inNumber, sc.Grades.Excellent.String())
	add("grades", "grades.pass", set("grades.pass"), inNumber, sc.Grades.Pass.String())
	add("grades", "grades.basic_pass", set("grades.basic_pass"), inNumber, sc.Grades.BasicPass.String())
	quota := ""
	if sc.ExcellentQuota != nil {
		quota = sc.ExcellentQuota.String()
	}
	add("grades", "excellent_quota", views.T(l, "scheme.form.quota"), inText, quota)
	add("grades", "veto_incidents", set("veto_incidents"), inList, strings.Join(sc.VetoIncidents, "\n"))
	add("grades", "capping_sanctions", set("capping_sanctions"), inList, strings.Join(sc.CappingSanctions, "\n"))
	tl := sc.TimeLimits
	for _, f := range []struct {
		key string
		n   int
	}{{"publication", tl.Publication}, {"request", tl.Request}, {"extension", tl.Extension}, {"secrecy_review", tl.SecrecyReview}, {"coordination", tl.Coordination}, {"forwarding", tl.ForwardingDays()}} {
		add("limits", "limits."+f.key, set("limits."+f.key), inNumber, strconv.Itoa(f.n))
	}
	add("limits", "limits.correction_restart", set("limits.correction_restart"), inCheck, check(tl.Restarts()))
	add("duty", "cadences", set("cadences"), inList, strings.Join(sc.Cadences, "\n"))
	add("duty", "co_responsible_obligated", set("co_responsible_obligated"), inCheck, check(sc.CoResponsibleObligated))
	add("duty", "unrated_without_duty", set("unrated_without_duty"), inCheck, check(sc.UnratedWithoutDuty))
	add("duty", "idle_zero", set("idle_zero"), inList, strings.Join(sc.IdleZero, "\n"))
	p := sc.Params
	add("params", "A4.channel", set("A4.channel"), inText, p.Website.Channel)
	add("params", "A4.min_per_week", set("A4.min_per_week"), inNumber, strconv.Itoa(p.Website.MinPerWeek))
	add("params", "A4.per_column", set("A4.per_column"), inCheck, check(p.Website.PerColumn))
	add("params", "B2.per_case", set("B2.per_case"), inNumber, p.Overturned.PerCase.String())
	add("params", "D1.on_time", views.T(l, "scheme.form.D1.on_time"), inNumber, p.Quarterly.OnTime.String())
	add("params", "D1.late", views.T(l, "scheme.form.D1.late"), inNumber, p.Quarterly.Late.String())
	add("params", "D1.missing", views.T(l, "scheme.form.D1.missing"), inNumber, p.Quarterly.Missing.String())
	add("params", "D1.due", views.T(l, "scheme.form.D1.due"), inList, strings.Join(p.Quarterly.Due, "\n"))
	add("params", "D3.on_time", views.T(l, "scheme.form.D3.on_time"), inNumber, p.AnnualReport.OnTime.String())
	add("params", "D3.late", views.T(l, "scheme.form.D3.late"), inNumber, p.AnnualReport.Late.String())
	add("params", "D3.missing", views.T(l, "scheme.form.D3.missing"), inNumber, p.AnnualReport.Missing.String())
	add("params", "D3.due", views.T(l, "scheme.form.D3.due"), inText, p.AnnualReport.Due)
	if p.Press != nil {
		add("params", "A5.departments", set("A5.departments"), inList, strings.Join(p.Press.Departments, "\n"))
		add("params", "A5.min_per_month", set("A5.min_per_month"), inNumber, strconv.Itoa(p.Press.MinPerMonth))
	}
	return out
}

// listSep splits a list typed one item a line or with 、，, between items.
var listSep = regexp.MustCompile(`[\r\n、，,；;]+`)

func splitList(s string) []string {
	out := []string{}
	for _, item := range listSep.Split(s, -1) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// applySchemeForm sets the form's values on a copy of sc. It returns the
// values as typed and, per field, why a value cannot be read; the rules
// between settings (points summing to 100 …) are Validate's.
func applySchemeForm(sc *scoring.Scheme, get func(key string) string, l views.Lang) (*scoring.Scheme, map[string]string, map[string]string) {
	out := sc.Clone()
	values, errs := map[string]string{}, map[string]string{}
	for _, f := range schemeFields(sc, nil, nil, l) {
		values[f.Key] = get(f.Key)
	}
	text := func(key string) string { return strings.TrimSpace(values[key]) }
	dec := func(key string, into *scoring.Decimal) {
		d, err := scoring.ParseDecimal(text(key))
		if err != nil {
			errs[key] = views.T(l, "scheme.form.number")
			return
		}
		*into = d
	}
	num := func(key string, into *int) {
		n, err := strconv.Atoi(text(key))
		if err != nil || n < 0 || n > 3650 {
			errs[key] = views.T(l, "scheme.form.whole")
			return
		}
		*into = n
	}
	if out.Name = text("name"); out.Name == "" || len([]rune(out.Name)) > 128 {
		errs["name"] = views.T(l, "scheme.form.name")
	}
	for i := range out.Indicators {
		dec("points."+out.Indicators[i].Code, &out.Indicators[i].Points)
	}
	dec("grades.excellent", &out.Grades.Excellent)
	dec("grades.pass", &out.Grades.Pass)
	dec("grades.basic_pass", &out.Grades.BasicPass)
	out.ExcellentQuota = nil
	if text("excellent_quota") != "" {
		var q scoring.Decimal
		dec("excellent_quota", &q)
		out.ExcellentQuota = &q
	}
	out.VetoIncidents = splitList(values["veto_incidents"])
	out.CappingSanctions = splitList(values["capping_sanctions"])
	tl := &out.TimeLimits
	num("limits.publication", &tl.Publication)
	num("limits.request", &tl.Request)
	num("limits.extension", &tl.Extension)
	num("limits.secrecy_review", &tl.SecrecyReview)
	num("limits.coordination", &tl.Coordination)
	num("limits.forwarding", &tl.Forwarding)
	switch restart := values["limits.correction_restart"] != ""; {
	case restart:
		tl.Correction = scoring.CorrectionRestart
	case tl.Restarts():
		tl.Correction = "" // unticked: a pause, as the shipped schemes count it
	}
	out.Cadences = splitList(values["cadences"])
	out.CoResponsibleObligated = values["co_responsible_obligated"] != ""
	out.UnratedWithoutDuty = values["unrated_without_duty"] != ""
	out.IdleZero = splitList(values["idle_zero"])
	p := &out.Params
	p.Website.Channel = text("A4.channel")
	num("A4.min_per_week", &p.Website.MinPerWeek)
	p.Website.PerColumn = values["A4.per_column"] != ""
	dec("B2.per_case", &p.Overturned.PerCase)
	dec("D1.on_time", &p.Quarterly.OnTime)
	dec("D1.late", &p.Quarterly.Late)
	dec("D1.missing", &p.Quarterly.Missing)
	p.Quarterly.Due = splitList(values["D1.due"])
	dec("D3.on_time", &p.AnnualReport.OnTime)
	dec("D3.late", &p.AnnualReport.Late)
	dec("D3.missing", &p.AnnualReport.Missing)
	p.AnnualReport.Due = text("D3.due")
	if p.Press != nil {
		p.Press.Departments = splitList(values["A5.departments"])
		num("A5.min_per_month", &p.Press.MinPerMonth)
	}
	return out, values, errs
}
