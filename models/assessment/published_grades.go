package assessment

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// PublishedGrade is a department's grade as a results notice, or its last
// 更正, published it: 不参评 for a unit not rated.
type PublishedGrade struct {
	Year         int  // the year assessed
	DocumentID   uint // the notice or 更正 that says it
	DepartmentID uint
	Grade        string
}

// PublishedGrades lists, for every year with a results notice issued, the
// grades the newest notice of that year (the notice, or its last 更正)
// published: what the public site says each unit got. Newest year first,
// then by department id.
func (s *Store) PublishedGrades(ctx context.Context) ([]PublishedGrade, error) {
	ns, err := s.Published(ctx)
	if err != nil {
		return nil, err
	}
	newest := map[int]uint{} // year → the newest notice's id
	var docs []uint
	for _, n := range ns {
		if newest[n.Assessed] < n.ID {
			newest[n.Assessed] = n.ID
		}
	}
	for _, id := range newest {
		docs = append(docs, id)
	}
	if len(docs) == 0 {
		return nil, nil
	}
	var rows []publishedGrade
	if err := s.m.DB.WithContext(ctx).Where("document_id IN ?", docs).Order("department_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read the grades published: %w", err)
	}
	yearOf := make(map[uint]int, len(newest))
	for y, id := range newest {
		yearOf[id] = y
	}
	out := make([]PublishedGrade, 0, len(rows))
	for _, r := range rows {
		out = append(out, PublishedGrade{Year: yearOf[r.DocumentID], DocumentID: r.DocumentID, DepartmentID: r.DepartmentID, Grade: r.Grade})
	}
	slices.SortStableFunc(out, func(a, b PublishedGrade) int { return cmp.Compare(b.Year, a.Year) })
	return out, nil
}
