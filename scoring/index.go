package scoring

import (
	"fmt"
	"maps"
	"slices"
)

// index is what Score derives once from the input before scoring any
// department: who is obligated for what, and every record kind grouped by
// department, so that each department reads only its own records.
type index struct {
	deptOf map[uint]int // department ID → position in Input.Departments
	itemOf map[int]int  // catalog seq → position in Input.Items

	kinds   []cadence  // per item; cadenceNone when the scheme does not count it
	periods [][]Period // per item: its slot periods in the year

	obligated [][]int32 // per department: the items it is obligated for, ascending
	leads     []bool    // per department: it leads an item

	pubs, reqs, comps, quarterly, annual, incidents, decisions byDept
	reviews, press                                             byDept
	coordinations                                              byDept   // by the department asked
	pressDepts                                                 []bool   // per department: A5 watches it
	columns                                                    byDept   // by the owning department
	posts                                                      [][]Date // per column: its post dates, ascending

	unresolved []string
}

// byDept groups the records of one kind: the positions of department i's
// records are order[start[i]:start[i+1]], in input order.
type byDept struct {
	start []int32
	order []int32
}

func (g byDept) of(i int) []int32 { return g.order[g.start[i]:g.start[i+1]] }

// groupByDept is a counting sort of records by department. kind names the
// records in the error for a record of an unknown department.
func groupByDept[T any](records []T, owner func(*T) (dept, id uint), deptOf map[uint]int, kind string) (byDept, error) {
	pos := make([]int32, len(records))
	g := byDept{start: make([]int32, len(deptOf)+1), order: make([]int32, len(records))}
	for k := range records {
		dept, id := owner(&records[k])
		i, ok := deptOf[dept]
		if !ok {
			return byDept{}, fmt.Errorf("%s %d 属于未知的部门（ID %d）", kind, id, dept)
		}
		pos[k] = int32(i)
		g.start[i+1]++
	}
	for i := 1; i < len(g.start); i++ {
		g.start[i] += g.start[i-1]
	}
	next := slices.Clone(g.start[:len(g.start)-1])
	for k, i := range pos {
		g.order[next[i]] = int32(k)
		next[i]++
	}
	return g, nil
}

// newIndex checks the references of the input and builds the index.
func newIndex(in *Input) (*index, error) {
	x := &index{deptOf: make(map[uint]int, len(in.Departments)), itemOf: make(map[int]int, len(in.Items))}
	for i, d := range in.Departments {
		if _, dup := x.deptOf[d.ID]; dup {
			return nil, fmt.Errorf("部门 ID %d 重复", d.ID)
		}
		x.deptOf[d.ID] = i
	}
	for _, name := range slices.Sorted(maps.Keys(in.Groups)) {
		for _, id := range in.Groups[name] {
			if _, ok := x.deptOf[id]; !ok {
				return nil, fmt.Errorf("分组“%s”含有未知的部门（ID %d）", name, id)
			}
		}
	}
	counted := make(map[string]bool)
	for _, c := range in.Scheme.Cadences {
		counted[c] = true
	}
	for j, it := range in.Items {
		if _, dup := x.itemOf[it.Seq]; dup {
			return nil, fmt.Errorf("目录序号 %d 重复", it.Seq)
		}
		x.itemOf[it.Seq] = j
		kind, keyword := classifyCadence(it.Cadence)
		if !counted[keyword] {
			kind = cadenceNone
		}
		x.kinds = append(x.kinds, kind)
		x.periods = append(x.periods, slotPeriods(kind, in.Year))
	}
	x.obligate(in)
	return x, x.group(in)
}

// obligate expands the catalog's names into departments. A name is a
// department's name or code first, else a group's name; a department named
// twice for one item is obligated once.
func (x *index) obligate(in *Input) {
	named := make(map[string][]int)
	for i, d := range in.Departments {
		named[d.Name] = append(named[d.Name], i)
		if d.Code != d.Name {
			named[d.Code] = append(named[d.Code], i)
		}
	}
	resolve := func(name string) []int {
		if is, ok := named[name]; ok {
			return is
		}
		members, ok := in.Groups[name]
		if !ok {
			if !slices.Contains(x.unresolved, name) {
				x.unresolved = append(x.unresolved, name)
			}
			return nil
		}
		is := make([]int, len(members))
		for k, id := range members {
			is[k] = x.deptOf[id]
		}
		return is
	}

	x.obligated = make([][]int32, len(in.Departments))
	x.leads = make([]bool, len(in.Departments))
	bind := func(j int, names []string, lead bool) {
		for _, name := range names {
			if name == "" {
				continue
			}
			for _, i := range resolve(name) {
				x.leads[i] = x.leads[i] || lead
				if o := x.obligated[i]; len(o) == 0 || o[len(o)-1] != int32(j) {
					x.obligated[i] = append(o, int32(j))
				}
			}
		}
	}
	for j, it := range in.Items {
		bind(j, it.Leads, true)
		if in.Scheme.CoResponsibleObligated {
			bind(j, it.Co, false)
		}
	}
	x.pressDepts = make([]bool, len(in.Departments))
	if p := in.Scheme.Params.Press; p != nil {
		for _, name := range p.Departments {
			for _, i := range resolve(name) {
				x.pressDepts[i] = true
			}
		}
	}
}

// group sorts every record kind by department.
func (x *index) group(in *Input) error {
	var err error
	try := func(g byDept, e error) byDept {
		if err == nil {
			err = e
		}
		return g
	}
	x.pubs = try(groupByDept(in.Publications, func(p *Publication) (uint, uint) { return p.Dept, p.ID }, x.deptOf, "公开记录"))
	x.reqs = try(groupByDept(in.Requests, func(r *Request) (uint, uint) { return r.Dept, r.ID }, x.deptOf, "依申请公开记录"))
	x.comps = try(groupByDept(in.Complaints, func(c *Complaint) (uint, uint) { return c.Dept, c.ID }, x.deptOf, "投诉咨询记录"))
	x.quarterly = try(groupByDept(in.QuarterlyReports, func(q *QuarterlyReport) (uint, uint) { return q.Dept, q.ID }, x.deptOf, "季度报表"))
	x.annual = try(groupByDept(in.AnnualReports, func(a *AnnualReport) (uint, uint) { return a.Dept, a.ID }, x.deptOf, "年度报告"))
	x.incidents = try(groupByDept(in.Incidents, func(e *Incident) (uint, uint) { return e.Dept, e.ID }, x.deptOf, "事件记录"))
	x.decisions = try(groupByDept(in.Decisions, func(d *Decision) (uint, uint) { return d.Dept, d.ID }, x.deptOf, "追责决定"))
	x.reviews = try(groupByDept(in.SecrecyReviews, func(r *SecrecyReview) (uint, uint) { return r.Dept, r.ID }, x.deptOf, "保密审查记录"))
	x.coordinations = try(groupByDept(in.Coordinations, func(c *Coordination) (uint, uint) { return c.Asked, c.ID }, x.deptOf, "发布协调记录"))
	x.press = try(groupByDept(in.PressConferences, func(p *PressConference) (uint, uint) { return p.Dept, p.ID }, x.deptOf, "新闻发布会记录"))
	if err == nil {
		err = x.groupColumns(in)
	}
	if err == nil {
		x.pubs = x.pubs.without(func(k int32) bool { return in.Publications[k].Withheld })
	}
	return err
}
