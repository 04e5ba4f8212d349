package reports

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// UnitTally is what one department's own records say about a year, as the
// public site shows it (docs/OPEN-DATA.md): its requests and complaints,
// counted as the annual report counts them.
type UnitTally struct {
	Requests   Requests
	Complaints Complaints
	// Days are the working days each request answered in the year took,
	// from the day after receipt to the day of the answer, in order.
	Days []int
	// Results counts the requests answered in the year by the national
	// result group (予以公开 … 其他处理, ResultGroups), "" for those not
	// yet categorised.
	Results map[string]int
	// Published counts the pieces of information it published proactively
	// in the year by the catalog's 二级目录 ("" outside the catalog).
	Published map[string]int
}

// YearTallies reads every department's requests and complaints of a year
// once and counts each department's own (not those of the units under
// it): the figures of the public site's unit pages and open data. A
// department without a request, a complaint or a publication of the year
// is absent.
func YearTallies(ctx context.Context, s *models.Store, year int) (map[uint]*UnitTally, error) {
	if err := validYear(year); err != nil {
		return nil, err
	}
	var p period
	p.From, p.To = scoring.YearSpan(year)
	from, to := p.From.Time(), p.To.Time()
	db := s.DB.WithContext(ctx)
	var reqs []models.Request
	if err := db.Where("(received BETWEEN ? AND ?) OR (answered BETWEEN ? AND ?)", from, to, from, to).Order("id").Find(&reqs).Error; err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	var comps []models.Complaint
	if err := db.Where("received BETWEEN ? AND ?", from, to).Order("id").Find(&comps).Error; err != nil {
		return nil, fmt.Errorf("read complaints: %w", err)
	}
	// Publications by department, catalog item and attribute: a province
	// publishes a million a year, and only their counts are shown.
	var pubs []struct {
		DepartmentID uint
		Seq          int
		Attribute    string
		N            int
	}
	err := db.Model(&models.Publication{}).Select("department_id, seq, COALESCE(attribute, '') AS attribute, COUNT(*) AS n").
		Where("published BETWEEN ? AND ?", from, to).Group("department_id, seq, attribute").Scan(&pubs).Error
	if err != nil {
		return nil, fmt.Errorf("count publications: %w", err)
	}
	items, err := s.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	areas := map[int]string{}
	for _, it := range items {
		areas[it.Seq] = it.Level2
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]uint, len(reqs))
	for i, q := range reqs {
		ids[i] = q.ID
	}
	cats, err := s.RequestCategories(ctx, ids)
	if err != nil {
		return nil, err
	}
	byDept := map[uint]*records{}
	rec := func(dept uint) *records {
		r, ok := byDept[dept]
		if !ok {
			r = &records{areas: map[int]string{}}
			byDept[dept] = r
		}
		return r
	}
	for _, q := range reqs {
		rec(q.DepartmentID).requests = append(rec(q.DepartmentID).requests, q)
	}
	for _, c := range comps {
		rec(c.DepartmentID).complaints = append(rec(c.DepartmentID).complaints, c)
	}
	published := map[uint]map[string]int{} // department → 二级目录 → pieces
	for _, pub := range pubs {
		if !proactive(pub.Attribute) {
			continue
		}
		rec(pub.DepartmentID)
		if published[pub.DepartmentID] == nil {
			published[pub.DepartmentID] = map[string]int{}
		}
		published[pub.DepartmentID][areas[pub.Seq]] += pub.N
	}
	out := make(map[uint]*UnitTally, len(byDept))
	for dept, r := range byDept {
		a := tally(r, cal, p)
		t := &UnitTally{Requests: a.Requests, Complaints: a.Complaints, Results: map[string]int{}, Published: published[dept]}
		if t.Published == nil {
			t.Published = map[string]int{}
		}
		for _, q := range r.requests {
			answered := dateOf(q.Answered)
			if !p.contains(answered) {
				continue
			}
			t.Days = append(t.Days, cal.WorkingDays(scoring.DateOf(q.Received)+1, answered))
			_, result := Categories(q, cats[q.ID])
			group, _, _ := strings.Cut(result, ResultSep)
			t.Results[group]++
		}
		slices.Sort(t.Days)
		out[dept] = t
	}
	return out, nil
}

// IssuedAnnualReports lists every annual report issued (定稿) and each of
// its 更正 versions, without page and DOCX, oldest first: what the law
// asks be published. SubjectID is the department, 0 for the bureau.
func IssuedAnnualReports(ctx context.Context, s *models.Store) ([]documents.Document, error) {
	var out []documents.Document
	err := s.DB.WithContext(ctx).Omit("html", "docx").Where("kind IN ?", []string{KindAnnual, KindAnnualCorrection}).
		Order("issue_date, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list the issued annual reports: %w", err)
	}
	return out, nil
}
