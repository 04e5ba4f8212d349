package accountability

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// Proposal is a case the app suggests from what it sees in the stored score
// runs (待处理线索). It is computed, not stored: once accepted or dismissed
// its key is recorded, and it is never proposed again.
type Proposal struct {
	Key          string
	Year         int
	DepartmentID uint
	Department   string
	TriggerKind  int
	Other        string
	Summary      string
	Evidence     []Evidence
}

// Proposals lists what each department's standing in each year, and the
// score run behind it, give cause to pursue and nobody has dealt with yet: a 不合格 grade, a veto
// incident, catalog items left unpublished, requests unanswered past due,
// an act overturned on reconsideration or in court (art. 6(二)4).
func (s *Store) Proposals(ctx context.Context, v models.Viewer) ([]Proposal, error) {
	if !v.CanReadCaseFiles() {
		return nil, models.ErrForbidden
	}
	all, err := s.candidates(ctx)
	if err != nil {
		return nil, err
	}
	var handled []string
	if err := s.m.DB.WithContext(ctx).Model(&disposition{}).Pluck("proposal_key", &handled).Error; err != nil {
		return nil, fmt.Errorf("read proposals dealt with: %w", err)
	}
	return slices.DeleteFunc(all, func(p Proposal) bool { return slices.Contains(handled, p.Key) }), nil
}

func (s *Store) candidates(ctx context.Context) ([]Proposal, error) {
	years, err := scoreruns.New(s.m).Years(ctx)
	if err != nil {
		return nil, fmt.Errorf("read score years: %w", err)
	}
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []Proposal
	for _, y := range years {
		standings, err := s.standings.Standings(ctx, models.System, y)
		if err != nil {
			return nil, err
		}
		// Once the leading group approved the year's grades, the year's
		// assessment says who was assessed: a unit outside a focused plan
		// is not proposed on that year.
		approved := slices.ContainsFunc(standings, func(st scoreruns.Standing) bool { return st.Source == scoreruns.StandingApproved })
		for i := range standings {
			st := &standings[i]
			if approved && st.PlanID == 0 {
				continue
			}
			facts, err := s.runFacts(ctx, st.RunID)
			if err != nil {
				return nil, err
			}
			r, ok := facts[st.DepartmentID]
			if !ok {
				continue
			}
			out = append(out, proposalsOf(st, r, names[st.DepartmentID])...)
		}
	}
	breaches, err := publicationProposals(ctx, s.m, names)
	if err != nil {
		return nil, err
	}
	out = append(out, breaches...)
	if len(out) > 0 {
		if err := s.labelIncidents(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// proposalsOf reads one department's standing in a year and the result
// of the run behind it: the grade from the standing (approved, proposed or
// provisional, never the raw run's when they differ), the facts from the run.
func proposalsOf(st *scoreruns.Standing, r *scoring.DepartmentResult, dept string) []Proposal {
	var out []Proposal
	y := st.Year
	p := func(key string, trigger int, other, summary string, ev []Evidence) {
		out = append(out, Proposal{Key: key, Year: y, DepartmentID: st.DepartmentID, Department: dept, TriggerKind: trigger, Other: other, Summary: summary, Evidence: ev})
	}
	if st.Rated() && st.Grade == string(scoring.GradeFail) {
		source := i18n.T(i18n.Chinese, st.SourceKey())
		p(fmt.Sprintf("fail:%d:%d", y, st.DepartmentID), TriggerOther, "年度考核等次为不合格",
			fmt.Sprintf("%d年度考核等次为不合格（总分%s，%s）。", y, st.Rounded(), source),
			[]Evidence{{Kind: "grade", RefID: st.DepartmentID, Label: fmt.Sprintf("%d年度考核：不合格（%s），总分%s", y, source, st.Rounded())}})
	}
	for _, id := range r.VetoIncidents {
		p(fmt.Sprintf("incident:%d", id), TriggerOther, "发生一票否决事件", fmt.Sprintf("%d年度发生一票否决事件。", y),
			[]Evidence{{Kind: "incident", RefID: id}})
	}
	var unpublished, overdue []Evidence
	for _, ind := range r.Indicators {
		for _, d := range ind.Deductions {
			switch d.Kind {
			case scoring.DeductSlotUnfilled:
				unpublished = append(unpublished, Evidence{Kind: "item", RefID: uint(d.Item), Label: fmt.Sprintf("%s（%s）未公开", d.Title, i18n.Word(i18n.Chinese, d.Period.Text()))})
			case scoring.DeductRequestOverdueOpen:
				overdue = append(overdue, Evidence{Kind: "request", RefID: d.Record.ID, Label: fmt.Sprintf("申请%s逾期未答复（应于%s前答复）", d.Title, documents.ChineseDate(d.Due))})
			case scoring.DeductOverturned:
				p(fmt.Sprintf("overturned:%d", d.Record.ID), TriggerOther, "具体行政行为被复议撤销或判决败诉（第六条（二）4）",
					fmt.Sprintf("申请%s的答复于%s被依法纠错。", d.Title, documents.ChineseDate(d.On)),
					[]Evidence{{Kind: "request", RefID: d.Record.ID, Label: fmt.Sprintf("申请%s：复议诉讼被依法纠错", d.Title)}})
			}
		}
	}
	if len(unpublished) > 0 {
		p(fmt.Sprintf("unpublished:%d:%d", y, st.DepartmentID), 1, "", fmt.Sprintf("%d年度有%d项应公开的目录事项未公开。", y, len(unpublished)), unpublished)
	}
	if len(overdue) > 0 {
		p(fmt.Sprintf("overdue:%d:%d", y, st.DepartmentID), 4, "", fmt.Sprintf("%d年度有%d件公开申请逾期未答复。", y, len(overdue)), overdue)
	}
	return out
}

// publicationProposals proposes a case for each breach of the secrecy
// review or the coordination a publication worked in the app shows
// (保密审查制度 art. 10, 发布协调制度 art. 12-13): published before the
// review approved it or against it, without consulting, against a
// disagreement, or a consultation sent late.
func publicationProposals(ctx context.Context, m *models.Store, names map[uint]string) ([]Proposal, error) {
	vs, err := publications.New(m).Violations(ctx, models.System)
	if err != nil {
		return nil, err
	}
	out := make([]Proposal, 0, len(vs))
	for _, b := range vs {
		what := i18n.T(i18n.Chinese, "publications.vio."+b.Kind)
		p := Proposal{Key: fmt.Sprintf("publication:%s:%d:%d", b.Kind, b.WorkID, b.Other), Year: b.On.Year(), DepartmentID: b.DepartmentID,
			Department: names[b.DepartmentID], TriggerKind: TriggerOther, Other: what,
			Summary: fmt.Sprintf("《%s》%s（%s）。", b.Title, what, documents.ChineseDate(b.On))}
		if b.Other != 0 {
			p.Summary = fmt.Sprintf("《%s》%s（%s，%s）。", b.Title, what, names[b.Other], documents.ChineseDate(b.On))
		}
		if b.Publication != 0 {
			p.Evidence = []Evidence{{Kind: "publication", RefID: b.Publication, Label: fmt.Sprintf("《%s》：%s", b.Title, what)}}
		}
		out = append(out, p)
	}
	return out, nil
}

// labelIncidents writes each incident's kind and date into its evidence.
func (s *Store) labelIncidents(ctx context.Context, ps []Proposal) error {
	for i := range ps {
		for j := range ps[i].Evidence {
			e := &ps[i].Evidence[j]
			if e.Kind != "incident" {
				continue
			}
			var inc models.Incident
			if err := s.m.DB.WithContext(ctx).First(&inc, e.RefID).Error; err != nil {
				return fmt.Errorf("read incident %d: %w", e.RefID, err)
			}
			e.Label = fmt.Sprintf("%s %s：%s", documents.ChineseDate(scoring.DateOf(inc.Date)), inc.Kind, inc.Description)
		}
	}
	return nil
}

func (s *Store) proposal(ctx context.Context, v models.Viewer, key string) (*Proposal, error) {
	ps, err := s.Proposals(ctx, v)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Key == key {
			return &p, nil
		}
	}
	return nil, models.ErrNotFound
}

// Accept turns a proposal into a case (立案) with its evidence attached.
func (s *Store) Accept(ctx context.Context, v models.Viewer, key string, now time.Time) (*Case, error) {
	if !v.CanHandleCases() {
		return nil, models.ErrForbidden
	}
	p, err := s.proposal(ctx, v, key)
	if err != nil {
		return nil, err
	}
	c, err := s.newCase(ctx, v, OpenForm{Department: p.DepartmentID, TriggerKind: p.TriggerKind, Other: p.Other, Summary: p.Summary, ProposalKey: p.Key}, now)
	if err != nil {
		return nil, err
	}
	err = s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := s.create(tx, c, p.Evidence); err != nil {
			return err
		}
		return handle(tx, p.Key, "accepted", "", c.ID, now)
	})
	return c, err
}

// Dismiss sets a proposal aside with a reason; it is not proposed again.
func (s *Store) Dismiss(ctx context.Context, v models.Viewer, key, reason string, now time.Time) error {
	if !v.CanHandleCases() {
		return models.ErrForbidden
	}
	r, err := models.CheckText("reason", "refuse.label.dismissal", reason, models.MaxText, true)
	if err != nil {
		return err
	}
	if _, err := s.proposal(ctx, v, key); err != nil {
		return err
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error { return handle(tx, key, "dismissed", r, 0, now) })
}

func handle(tx *models.Tx, key, action, reason string, caseID uint, now time.Time) error {
	d := disposition{Key: key, Action: action, Reason: reason, CaseID: caseID, By: tx.Viewer.Name, At: now.UTC()}
	if err := tx.DB.Create(&d).Error; err != nil {
		if models.IsDuplicate(err) {
			return models.Invalid("proposal", "refuse.case.proposal_taken")
		}
		return fmt.Errorf("record proposal %s: %w", action, err)
	}
	return tx.Record(action, "accountability_proposal", key, nil, d)
}

// ProposalYear is one year's proposals, by department.
type ProposalYear struct {
	Year        int
	Count       int
	Departments []ProposalGroup
}

// ProposalGroup is one department's proposals in one year.
type ProposalGroup struct {
	DepartmentID uint
	Department   string
	Proposals    []Proposal
}

// ProposalPage is a page of the proposals, grouped: its years (each with
// the year's count on every page), this page and how many.
type ProposalPage struct {
	Years       []ProposalYear
	Page, Pages int
}

// GroupProposals groups page p (from 1, models.PageSize proposals a page)
// of proposals by year, newest first, then by department in the order
// they come, keeping each group's order. A year's Count is all its
// proposals, on whichever page.
func GroupProposals(ps []Proposal, p int) ProposalPage {
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b Proposal) int { return b.Year - a.Year })
	count := map[int]int{}
	for _, q := range ps {
		count[q.Year]++
	}
	var out ProposalPage
	var lo int
	out.Page, out.Pages, lo = models.Paging(len(ps), p)
	for _, q := range ps[lo:min(lo+models.PageSize, len(ps))] {
		y := slices.IndexFunc(out.Years, func(g ProposalYear) bool { return g.Year == q.Year })
		if y < 0 {
			out.Years, y = append(out.Years, ProposalYear{Year: q.Year, Count: count[q.Year]}), len(out.Years)
		}
		yr := &out.Years[y]
		d := slices.IndexFunc(yr.Departments, func(g ProposalGroup) bool { return g.DepartmentID == q.DepartmentID })
		if d < 0 {
			yr.Departments, d = append(yr.Departments, ProposalGroup{DepartmentID: q.DepartmentID, Department: q.Department}), len(yr.Departments)
		}
		yr.Departments[d].Proposals = append(yr.Departments[d].Proposals, q)
	}
	return out
}
