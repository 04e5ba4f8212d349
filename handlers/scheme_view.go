package handlers

import (
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// schemeView is a scheme as people read it: the indicators with their
// points and their rule in words, and every other setting as a line.
type schemeView struct {
	Indicators []indicatorRow
	Settings   []settingRow
}

type indicatorRow struct {
	Code, Name, Points, Rule string
}

// settingRow is one setting: Key names it for the comparison and the form.
type settingRow struct {
	Key, Section, Label, Value string
}

// schemeChange is one setting that differs from the version copied from.
type schemeChange struct {
	Label, Old, New string
}

// readScheme lays a scheme out for reading in lang.
func readScheme(sc *scoring.Scheme, l views.Lang) schemeView {
	var v schemeView
	for _, ind := range sc.Indicators {
		v.Indicators = append(v.Indicators, indicatorRow{Code: ind.Code, Name: indicatorName(l, ind.Name, ind.NameEN),
			Points: views.T(l, "scheme.points", ind.Points.String()), Rule: indicatorRule(sc, ind, l)})
	}
	add := func(section, key, value string) {
		v.Settings = append(v.Settings, settingRow{Key: key, Section: sectionTitle(l, section), Label: settingLabel(l, key), Value: value})
	}
	yes := func(b bool) string {
		if b {
			return views.T(l, "scheme.yes")
		}
		return views.T(l, "scheme.no")
	}
	days := func(n int) string { return views.T(l, "scheme.workdays", n) }
	add("grades", "grades.excellent", views.T(l, "scheme.atleast", sc.Grades.Excellent.String()))
	add("grades", "grades.pass", views.T(l, "scheme.atleast", sc.Grades.Pass.String()))
	add("grades", "grades.basic_pass", views.T(l, "scheme.atleast", sc.Grades.BasicPass.String()))
	quota := views.T(l, "scheme.none")
	if sc.ExcellentQuota != nil {
		f, _ := sc.ExcellentQuota.Rat().Float64()
		quota = strconv.FormatFloat(100*f, 'f', -1, 64) + "%"
	}
	add("grades", "excellent_quota", quota)
	add("grades", "veto_incidents", list(l, sc.VetoIncidents))
	add("grades", "capping_sanctions", list(l, sc.CappingSanctions))
	add("limits", "limits.publication", days(sc.TimeLimits.Publication))
	add("limits", "limits.request", days(sc.TimeLimits.Request))
	add("limits", "limits.extension", days(sc.TimeLimits.Extension))
	add("limits", "limits.secrecy_review", days(sc.TimeLimits.SecrecyReview))
	add("limits", "limits.coordination", days(sc.TimeLimits.Coordination))
	add("limits", "limits.forwarding", views.T(l, "scheme.days", sc.TimeLimits.ForwardingDays()))
	add("limits", "limits.correction_restart", yes(sc.TimeLimits.Restarts()))
	add("duty", "cadences", list(l, sc.Cadences))
	add("duty", "co_responsible_obligated", yes(sc.CoResponsibleObligated))
	add("duty", "unrated_without_duty", yes(sc.UnratedWithoutDuty))
	add("duty", "idle_zero", list(l, indicatorNames(sc, sc.IdleZero, l)))
	p := sc.Params
	add("params", "A4.channel", p.Website.Channel)
	add("params", "A4.min_per_week", strconv.Itoa(p.Website.MinPerWeek))
	add("params", "A4.per_column", yes(p.Website.PerColumn))
	add("params", "B2.per_case", views.T(l, "scheme.points", p.Overturned.PerCase.String()))
	add("params", "D1.points", views.T(l, "scheme.punctuality", p.Quarterly.OnTime.String(), p.Quarterly.Late.String(), p.Quarterly.Missing.String()))
	add("params", "D1.due", list(l, monthDays(p.Quarterly.Due, l)))
	add("params", "D3.points", views.T(l, "scheme.punctuality", p.AnnualReport.OnTime.String(), p.AnnualReport.Late.String(), p.AnnualReport.Missing.String()))
	add("params", "D3.due", strings.Join(monthDays([]string{p.AnnualReport.Due}, l), ""))
	if p.Press != nil {
		add("params", "A5.departments", list(l, p.Press.Departments))
		add("params", "A5.min_per_month", strconv.Itoa(p.Press.MinPerMonth))
	}
	return v
}

// compareSchemes lists what changed from old to new: indicators added,
// removed, renamed or re-weighted, and every other setting that differs.
func compareSchemes(old, new *scoring.Scheme, l views.Lang) []schemeChange {
	ov, nv := readScheme(old, l), readScheme(new, l)
	var out []schemeChange
	none := views.T(l, "scheme.absent")
	oldInd := map[string]indicatorRow{}
	for _, r := range ov.Indicators {
		oldInd[r.Code] = r
	}
	for _, r := range nv.Indicators {
		o, ok := oldInd[r.Code]
		delete(oldInd, r.Code)
		switch {
		case !ok:
			out = append(out, schemeChange{r.Code + " " + r.Name, none, r.Points})
		case o.Name != r.Name || o.Points != r.Points:
			out = append(out, schemeChange{r.Code, o.Name + " " + o.Points, r.Name + " " + r.Points})
		}
	}
	for _, r := range ov.Indicators {
		if _, gone := oldInd[r.Code]; gone {
			out = append(out, schemeChange{r.Code + " " + r.Name, r.Points, none})
		}
	}
	oldSet := map[string]settingRow{}
	for _, r := range ov.Settings {
		oldSet[r.Key] = r
	}
	for _, r := range nv.Settings {
		o, ok := oldSet[r.Key]
		delete(oldSet, r.Key)
		if !ok {
			out = append(out, schemeChange{r.Label, none, r.Value})
		} else if o.Value != r.Value {
			out = append(out, schemeChange{r.Label, o.Value, r.Value})
		}
	}
	for _, r := range ov.Settings {
		if _, gone := oldSet[r.Key]; gone {
			out = append(out, schemeChange{r.Label, r.Value, none})
		}
	}
	return out
}

// indicatorRule says in words how the indicator is scored under sc.
func indicatorRule(sc *scoring.Scheme, ind scoring.Indicator, l views.Lang) string {
	p, t := sc.Params, sc.TimeLimits
	var rule string
	switch ind.Code {
	case "A2":
		rule = views.T(l, "scheme.rule.A2", t.Publication)
	case "A4":
		rule = views.T(l, "scheme.rule.A4", p.Website.Channel, p.Website.MinPerWeek)
		if p.Website.PerColumn {
			rule = views.T(l, "scheme.rule.A4.per_column", p.Website.Channel, p.Website.MinPerWeek)
		}
	case "A5":
		if p.Press != nil {
			rule = views.T(l, "scheme.rule.A5", list(l, p.Press.Departments), p.Press.MinPerMonth)
		}
	case "B1":
		rule = views.T(l, "scheme.rule.B1", t.Request, t.Extension)
	case "B2":
		rule = views.T(l, "scheme.rule.B2", p.Overturned.PerCase.String())
	case "B3":
		rule = views.T(l, "scheme.rule.B3", t.ForwardingDays())
	case "D1":
		rule = views.T(l, "scheme.rule.D1", p.Quarterly.OnTime.String(), p.Quarterly.Late.String(), p.Quarterly.Missing.String(), list(l, monthDays(p.Quarterly.Due, l)))
	case "D3":
		rule = views.T(l, "scheme.rule.D3", strings.Join(monthDays([]string{p.AnnualReport.Due}, l), ""), p.AnnualReport.OnTime.String(), p.AnnualReport.Late.String(), p.AnnualReport.Missing.String())
	case "D4":
		rule = views.T(l, "scheme.rule.D4", t.SecrecyReview)
	case "D5":
		rule = views.T(l, "scheme.rule.D5", t.Coordination)
	default:
		key := "scheme.rule." + ind.Code // A1, A3, C1, C2, D2: no setting
		rule = views.T(l, key)
	}
	for _, code := range sc.IdleZero {
		if code == ind.Code {
			rule += views.T(l, "scheme.rule.idle")
		}
	}
	return rule
}

// list joins words the way the language does.
func list(l views.Lang, items []string) string {
	if len(items) == 0 {
		return views.T(l, "scheme.none")
	}
	return strings.Join(items, views.T(l, "list.separator"))
}

// indicatorNames names indicators by code and name: A2 公开及时.
func indicatorNames(sc *scoring.Scheme, codes []string, l views.Lang) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = code
		if ind, ok := sc.Indicator(code); ok {
			out[i] = code + " " + indicatorName(l, ind.Name, ind.NameEN)
		}
	}
	return out
}

// monthDays writes MM-DD as 3月20日 (20 March).
func monthDays(mmdd []string, l views.Lang) []string {
	out := make([]string, len(mmdd))
	for i, s := range mmdd {
		out[i] = s
		m, d, ok := strings.Cut(s, "-")
		mi, err1 := strconv.Atoi(m)
		di, err2 := strconv.Atoi(d)
		if ok && err1 == nil && err2 == nil {
			out[i] = views.T(l, "scheme.monthday", mi, di)
		}
	}
	return out
}

// sectionTitle and settingLabel name a part of the scheme and a setting
// (messages scheme.section.* and scheme.set.*).
func sectionTitle(l views.Lang, section string) string {
	key := "scheme.section." + section
	return views.T(l, key)
}

func settingLabel(l views.Lang, setting string) string {
	key := "scheme.set." + setting
	return views.T(l, key)
}
