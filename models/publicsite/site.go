// Package publicsite is the read side of the public site (公开网站, issue
// 25): what /public and its open data show, built from what was published
// (results notices and their 更正, posted 通报, issued annual reports) and
// from the records' counts, never from anything not yet published and
// never with a name, a number or a case of a person.
package publicsite

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// MinSample is the fewest cases a share or a median rests on: below it the
// site says 样本不足 instead of a figure that one case would swing (as
// Alaveteli does). Counts are always shown.
const MinSample = 5

// FigureYears is how many years a unit's figures go back, this year
// (so far) included.
const FigureYears = 4

// BulletinKinds are the kinds of the 通报 the office may post: a campaign
// phase's and a monitoring run's.
var BulletinKinds = []string{"campaign_bulletin", "monitoring_bulletin"}

// Unrated is how a notice names a unit not rated.
const Unrated = "不参评"

// Unit is a department as the public site names it: its id and name only.
type Unit struct {
	ID   uint
	Name string
}

// Notice is a results notice or 更正 of a year, as issued.
type Notice struct {
	documents.Document
	Correction bool
}

// Group is the units of one grade in a year, by name.
type Group struct {
	Grade scoring.Grade
	Units []Unit
}

// Year is an assessed year with a results notice issued: the grades of its
// newest notice (the notice, or its last 更正), grouped in the grades'
// order, the units not rated apart, and every notice of the year, oldest
// first.
type Year struct {
	Year    int
	Groups  []Group
	Unrated []Unit
	Notices []Notice
}

// Grade is a unit's grade of a year, as published.
type Grade struct {
	Year     int
	Grade    string // a grade, or Unrated
	Document uint   // the notice that says it
}

// Site is everything the public site shows, built at once.
type Site struct {
	Today     scoring.Date
	Years     []Year // newest first
	Units     []Unit // every department, by name
	Grades    map[uint][]Grade
	Figures   map[uint][]Figures // by department, newest year first; years without a case absent
	Bureau    []Figures          // the bureau's, all departments together
	Bulletins []documents.Posted // newest first
	Reports   []documents.Document
	names     map[uint]string
}

// Name is a unit's name, "" when there is none; 0 is the bureau.
func (s *Site) Name(id uint) string { return s.names[id] }

// Unit finds a unit by id.
func (s *Site) Unit(id uint) (Unit, bool) {
	name, ok := s.names[id]
	return Unit{id, name}, ok && id != 0
}

// Listed are the units with something public, by name: a grade
// published, figures of a recent year, or an annual report issued.
func (s *Site) Listed() []Unit {
	var out []Unit
	for _, u := range s.Units {
		if len(s.Grades[u.ID]) > 0 || len(s.Figures[u.ID]) > 0 || len(s.ReportsOf(u.ID)) > 0 {
			out = append(out, u)
		}
	}
	return out
}

// YearOf finds an assessed year.
func (s *Site) YearOf(y int) (*Year, bool) {
	for i := range s.Years {
		if s.Years[i].Year == y {
			return &s.Years[i], true
		}
	}
	return nil, false
}

// ReportsOf lists the annual reports issued for a unit (0: the bureau),
// newest first.
func (s *Site) ReportsOf(id uint) []documents.Document {
	var out []documents.Document
	for _, d := range s.Reports {
		if d.SubjectID == id {
			out = append(out, d)
		}
	}
	slices.Reverse(out)
	return out
}

// Report finds an issued annual report by its document id.
func (s *Site) Report(id uint) (documents.Document, bool) {
	for _, d := range s.Reports {
		if d.ID == id {
			return d, true
		}
	}
	return documents.Document{}, false
}

// Stamp says whether the site must be built again: anything issued or
// posted (a results notice or 更正, a 通报 posted, an annual report
// finalised, a guide), an import, or a new year.
func Stamp(ctx context.Context, s *models.Store, today scoring.Date) (string, error) {
	docs, err := documents.IssueStamp(ctx, s.DB)
	if err != nil {
		return "", err
	}
	imp, err := imports.New(s).LastImportID(ctx)
	if err != nil {
		return "", fmt.Errorf("read the last import: %w", err)
	}
	return fmt.Sprintf("%s/%d/%d", docs, imp, today.Year()), nil
}

// Build reads what the public site shows as of today.
func Build(ctx context.Context, s *models.Store, a *assessment.Store, today scoring.Date) (*Site, error) {
	site := &Site{Today: today, Grades: map[uint][]Grade{}, Figures: map[uint][]Figures{}}
	depts, err := s.Departments(ctx, models.System)
	if err != nil {
		return nil, err
	}
	site.names = map[uint]string{0: reports.BureauName}
	for _, d := range depts {
		site.names[d.ID] = d.Name
		site.Units = append(site.Units, Unit{d.ID, d.Name})
	}
	slices.SortFunc(site.Units, byName)
	if err := site.readYears(ctx, a); err != nil {
		return nil, err
	}
	if err := site.readFigures(ctx, s); err != nil {
		return nil, err
	}
	if site.Bulletins, err = documents.Postings(ctx, s.DB, BulletinKinds...); err != nil {
		return nil, err
	}
	if site.Reports, err = reports.IssuedAnnualReports(ctx, s); err != nil {
		return nil, err
	}
	return site, nil
}

func byName(a, b Unit) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) }

// readYears reads the notices and the grades they published.
func (site *Site) readYears(ctx context.Context, a *assessment.Store) error {
	ns, err := a.Published(ctx)
	if err != nil {
		return err
	}
	for _, n := range ns { // newest year first, newest notice first
		last := len(site.Years) - 1
		if last < 0 || site.Years[last].Year != n.Assessed {
			site.Years = append(site.Years, Year{Year: n.Assessed})
			last++
		}
		d := n.Document
		site.Years[last].Notices = append(site.Years[last].Notices, Notice{Document: d, Correction: d.Kind == assessment.KindResultsCorrection})
	}
	for i := range site.Years {
		slices.Reverse(site.Years[i].Notices)
	}
	grades, err := a.PublishedGrades(ctx)
	if err != nil {
		return err
	}
	byYear := map[int]map[string][]Unit{}
	for _, g := range grades {
		u := Unit{g.DepartmentID, site.names[g.DepartmentID]}
		if byYear[g.Year] == nil {
			byYear[g.Year] = map[string][]Unit{}
		}
		byYear[g.Year][g.Grade] = append(byYear[g.Year][g.Grade], u)
		site.Grades[g.DepartmentID] = append(site.Grades[g.DepartmentID], Grade{Year: g.Year, Grade: g.Grade, Document: g.DocumentID})
	}
	for i := range site.Years {
		y := &site.Years[i]
		for _, g := range scoring.Grades() {
			if us := byYear[y.Year][string(g)]; len(us) > 0 {
				slices.SortFunc(us, byName)
				y.Groups = append(y.Groups, Group{Grade: g, Units: us})
			}
		}
		y.Unrated = byYear[y.Year][Unrated]
		slices.SortFunc(y.Unrated, byName)
	}
	return nil
}
