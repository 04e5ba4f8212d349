package handlers

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/views"
)

// auditQuery reads the audit page's filters: person, date range, action,
// kind of record and department. The page and its export read the same.
func auditQuery(c *fiber.Ctx) (audit.AuditQuery, url.Values) {
	q := audit.AuditQuery{
		UserName: strings.TrimSpace(c.Query("who")),
		Action:   strings.TrimSpace(c.Query("action")),
		Entity:   strings.TrimSpace(c.Query("entity")),
	}
	if d, err := time.ParseInLocation(time.DateOnly, c.Query("from"), time.Local); err == nil {
		q.From = d
	}
	if d, err := time.ParseInLocation(time.DateOnly, c.Query("to"), time.Local); err == nil {
		q.To = d
	}
	if id, err := strconv.ParseUint(c.Query("department"), 10, 32); err == nil {
		q.DepartmentID = uint(id)
	}
	params := url.Values{}
	for _, k := range []string{"who", "from", "to", "action", "entity", "department"} {
		if v := c.Query(k); v != "" {
			params.Set(k, v)
		}
	}
	return q, params
}

// audit shows the newest changes in words, filtered.
func (s *Server) audit(c *fiber.Ctx) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	q, params := auditQuery(c)
	q.Limit = 300
	entries, err := audit.New(s.store).AuditEntries(ctx, v, q)
	if err != nil {
		return err
	}
	facets, err := audit.New(s.store).AuditFacets(ctx, v)
	if err != nil {
		return err
	}
	l := lang(c)
	names, depts, err := s.auditNames(ctx, v, l)
	if err != nil {
		return err
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = readAuditFor(v, e, l, names)
	}
	type option struct{ Value, Label string }
	var users, actions, entities []option
	for _, u := range facets.Users {
		users = append(users, option{u, who(l, u)})
	}
	for _, a := range facets.Actions {
		actions = append(actions, option{a, readAudit(models.AuditEntry{Action: a}, l, nil).Action})
	}
	for _, e := range facets.Entities {
		entities = append(entities, option{e, readAudit(models.AuditEntry{Entity: e}, l, nil).Object})
	}
	return s.page(c, "audit", "audit.title", fiber.Map{"Rows": rows, "Users": users, "Actions": actions, "Entities": entities,
		"Departments": depts, "Q": q, "From": c.Query("from"), "To": c.Query("to"), "Params": params.Encode(), "Limit": q.Limit,
		"Chain": s.chainState(c)})
}

// chainView is the tamper check as a page shows it: intact or not, in words.
type chainView struct {
	OK   bool
	Text string
}

// chainState is the tamper check of the audit page and the auditor's home:
// the whole chain, verified within a few seconds, or the word that it takes
// longer (gongkai audit verify checks any length).
func (s *Server) chainState(c *fiber.Ctx) chainView {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	st, err := s.store.AuditChainState(ctx)
	switch {
	case err != nil:
		return chainView{Text: views.T(lang(c), "audit.chain.slow")}
	case st.OK:
		return chainView{OK: true, Text: views.T(lang(c), "audit.chain.ok", st.Entries, st.HeadHash)}
	}
	return chainView{Text: views.T(lang(c), "audit.chain.bad", views.T(lang(c), st.Problem, st.Args...))}
}

// auditNames names what audit entries refer to by id, code or version, in
// l: the departments the viewer may read (by id and by code; returned too,
// for the page's filter), the scheme versions, the on-site findings and the
// score runs.
func (s *Server) auditNames(ctx context.Context, v models.Viewer, l views.Lang) (map[string]string, []models.Department, error) {
	all, err := s.store.DepartmentChoices(ctx)
	if err != nil {
		return nil, nil, err
	}
	depts := slices.DeleteFunc(slices.Clone(all), func(d models.Department) bool { return !v.CanSeeDepartment(d.ID) })
	names := make(map[string]string, 2*len(depts))
	for _, d := range depts {
		names[strconv.FormatUint(uint64(d.ID), 10)] = d.Name
		names[d.Code] = d.Name
	}
	if titles, err := s.store.SchemeTitles(ctx); err == nil { // else the versions show as they are stored
		for version, title := range titles {
			names["scheme:"+version] = title
		}
	}
	if refs, err := s.assess.FindingRefs(ctx); err == nil { // else the ids show
		for _, r := range refs {
			names[fmt.Sprintf("finding:%d", r.ID)] = fmt.Sprintf("%d/%d/%d", r.Year, r.DepartmentID, r.No)
		}
	}
	if runs, err := scoreruns.New(s.store).ScoreRunHeads(ctx); err == nil { // else the ids show
		for i := range runs {
			names["run:"+strconv.FormatUint(uint64(runs[i].ID), 10)] = runName(l, &runs[i])
		}
	}
	return names, depts, nil
}

// auditChangesText writes an entry's changes on one line each, for the export.
func auditChangesText(r auditRow, l views.Lang) string {
	lines := make([]string, len(r.Changes))
	for i, ch := range r.Changes {
		lines[i] = ch.Label + views.T(l, "audit.colon") + ch.Old + " → " + ch.New
	}
	return strings.Join(lines, "\n")
}
