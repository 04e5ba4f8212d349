package scoring

import (
	"fmt"
	"slices"
)

// Scorer scores a year's departments a batch at a time, for a province
// whose records do not fit in memory at once. NewScorer takes the frame:
// the Input without its publications, requests and complaints (with
// ColumnPosts instead, since anyone may post to a department's column).
// Batch scores some departments from their own publications, requests and
// complaints; Rate then grades and ranks the year from every department's
// result. Score is the case of one batch of every department, and a year
// scored in batches gets the results Score would give.
type Scorer struct {
	r      *run
	clocks []*clock // one per worker, kept across batches for their caches and gaps
}

// NewScorer checks the frame and prepares the scoring of its departments.
func NewScorer(frame Input) (*Scorer, error) {
	r, err := newRun(&frame)
	if err != nil {
		return nil, err
	}
	return &Scorer{r: r, clocks: r.newClocks()}, nil
}

// Batch scores the departments with the given IDs, in that order, from
// their publications, requests and complaints, which must be theirs only.
func (s *Scorer) Batch(depts []uint, pubs []Publication, reqs []Request, comps []Complaint) ([]DepartmentResult, error) {
	x := *s.r.idx
	in := *s.r.in
	in.Publications, in.Requests, in.Complaints = pubs, reqs, comps
	positions := make([]int, len(depts))
	inBatch := make(map[uint]bool, len(depts))
	for k, id := range depts {
		i, ok := x.deptOf[id]
		if !ok {
			return nil, fmt.Errorf("部门 ID %d 不在考核范围内", id)
		}
		positions[k], inBatch[id] = i, true
	}
	var err error
	check := func(kind string, dept, id uint) {
		if err == nil && !inBatch[dept] {
			err = fmt.Errorf("%s %d 不属于本批部门（部门 ID %d）", kind, id, dept)
		}
	}
	for k := range pubs {
		check("公开记录", pubs[k].Dept, pubs[k].ID)
	}
	for k := range reqs {
		check("依申请公开记录", reqs[k].Dept, reqs[k].ID)
	}
	for k := range comps {
		check("投诉咨询记录", comps[k].Dept, comps[k].ID)
	}
	if err != nil {
		return nil, err
	}
	if x.pubs, err = groupByDept(pubs, func(p *Publication) (uint, uint) { return p.Dept, p.ID }, x.deptOf, "公开记录"); err != nil {
		return nil, err
	}
	x.pubs = x.pubs.without(func(k int32) bool { return pubs[k].Withheld })
	if x.reqs, err = groupByDept(reqs, func(r *Request) (uint, uint) { return r.Dept, r.ID }, x.deptOf, "依申请公开记录"); err != nil {
		return nil, err
	}
	if x.comps, err = groupByDept(comps, func(c *Complaint) (uint, uint) { return c.Dept, c.ID }, x.deptOf, "投诉咨询记录"); err != nil {
		return nil, err
	}
	r := *s.r
	r.in, r.idx = &in, &x
	out := make([]DepartmentResult, len(depts))
	r.scoreEach(positions, out, s.clocks)
	return out, nil
}

// Unresolved lists the catalog names that bind nobody (Result.Unresolved).
func (s *Scorer) Unresolved() []string { return slices.Clone(s.r.idx.unresolved) }

// CalendarGaps lists, ascending, the years the batches so far counted
// weekends-only (Result.CalendarGaps).
func (s *Scorer) CalendarGaps() []int { return mergeGaps(s.clocks) }
