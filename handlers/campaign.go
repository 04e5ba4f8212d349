package handlers

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// campaignForm is a campaign as the office typed it: phases and tasks one
// a line, separated by ｜.
type campaignForm struct {
	Title, Basis, Scope, Phases, Tasks string
}

func readCampaignForm(c *fiber.Ctx) campaignForm {
	return campaignForm{Title: strings.TrimSpace(c.FormValue("title")), Basis: c.FormValue("basis"), Scope: c.FormValue("scope"),
		Phases: c.FormValue("phases"), Tasks: c.FormValue("tasks")}
}

// Validate asks for a title, phases and tasks within their lengths; the
// Store checks the lines, their order and dates, and the units.
func (f campaignForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("title", f.Title, campaigns.MaxTitle, true)
	errs.Text("basis", f.Basis, models.MaxText, false)
	errs.Text("scope", f.Scope, campaigns.MaxScope, false)
	errs.Text("phases", f.Phases, models.MaxText, true)
	errs.Text("tasks", f.Tasks, models.MaxText, true)
	return errs
}

// input reads the lines of phases and tasks; a line that does not read is
// refused naming it.
func (f campaignForm) input() (campaigns.Input, error) {
	in := campaigns.Input{Title: f.Title, Basis: f.Basis, Scope: f.Scope}
	var err error
	if in.Phases, err = campaigns.ParsePhases(f.Phases); err != nil {
		return in, err
	}
	in.Tasks, err = campaigns.ParseTasks(f.Tasks)
	return in, err
}

func campaignURL(id uint) string { return "/campaigns/" + strconv.FormatUint(uint64(id), 10) }

// campaignList is GET /campaigns: the campaigns the viewer may read and,
// for the office, the form of a new one.
func (s *Server) campaignList(c *fiber.Ctx) error { return s.campaignListWith(c, fiber.Map{}) }

func (s *Server) campaignListWith(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	var err error
	if data["Campaigns"], err = campaigns.New(s.store).List(c.UserContext(), v); err != nil {
		return err
	}
	if data["Form"] == nil {
		data["Form"] = campaignForm{}
	}
	return s.page(c, "campaigns", "campaign.title", data)
}

// createCampaign is POST /campaigns: a draft, audit-logged.
func (s *Server) createCampaign(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readCampaignForm(c)
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.campaignListWith(c, data)
	}
	in, err := f.input()
	var created *campaigns.Campaign
	if err == nil {
		created, err = campaigns.New(s.store).Create(c.UserContext(), v, in, s.opt.Now())
	}
	if refused(c, err, f, data, "title", "basis", "scope", "phases", "tasks") {
		return s.campaignListWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.created"), campaignURL(created.ID))
}

// campaignPartView is a unit's part of a task on the campaign's page.
type campaignPartView struct {
	campaigns.Part
	State   campaigns.State
	Reports []campaigns.Report
}

// campaignTaskView is a task with its lead unit's name and its units' parts.
type campaignTaskView struct {
	campaigns.Task
	Lead  string
	Parts []campaignPartView
}

// campaignPhaseView is a phase with its tasks and its 通报.
type campaignPhaseView struct {
	campaigns.Phase
	Tasks     []campaignTaskView
	Checkable bool // ended on or before today, not yet checked
}

// campaignPage is GET /campaigns/:id: the plan, its phases and tasks with
// each unit's part (a unit sees its own), the reports, the checks and the
// 通报.
func (s *Server) campaignPage(c *fiber.Ctx) error { return s.campaignPageWith(c, fiber.Map{}) }

func (s *Server) campaignPageWith(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx, st := c.UserContext(), campaigns.New(s.store)
	camp, err := st.Get(ctx, v, id)
	if err != nil {
		return err
	}
	phases, err := st.Phases(ctx, id)
	if err != nil {
		return err
	}
	tasks, err := st.Tasks(ctx, id)
	if err != nil {
		return err
	}
	parts, err := st.Parts(ctx, v, id, 0)
	if err != nil {
		return err
	}
	reports, err := st.Reports(ctx, v, id)
	if err != nil {
		return err
	}
	depts, err := s.store.Departments(ctx, models.System)
	if err != nil {
		return err
	}
	names := map[uint]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	byPart := map[uint][]campaigns.Report{}
	for _, r := range reports {
		byPart[r.AssignmentID] = append(byPart[r.AssignmentID], r)
	}
	today := scoring.DateOf(s.opt.Now())
	pvs := make([]campaignPhaseView, len(phases))
	at := map[uint]int{}
	for i, p := range phases {
		pvs[i] = campaignPhaseView{Phase: p, Checkable: !p.Checked() && today >= p.End()}
		at[p.ID] = i
	}
	for _, t := range tasks {
		tv := campaignTaskView{Task: t, Lead: names[t.LeadDepartmentID]}
		for _, p := range parts {
			if p.TaskID == t.ID {
				tv.Parts = append(tv.Parts, campaignPartView{Part: p, State: campaigns.StateOf(p, today), Reports: byPart[p.ID]})
			}
		}
		if len(tv.Parts) > 0 || !v.Can(models.ActReportCampaign) {
			pv := &pvs[at[t.PhaseID]]
			pv.Tasks = append(pv.Tasks, tv)
		}
	}
	if data["Bulletins"], err = st.Bulletins(ctx, id); err != nil {
		return err
	}
	posted, err := st.Posted(ctx, id)
	if err != nil {
		return err
	}
	onPublic := map[uint]bool{}
	for doc := range posted {
		onPublic[doc] = true
	}
	data["Posted"] = onPublic
	data["Campaign"], data["Phases"], data["Outcomes"] = camp, pvs, campaigns.Outcomes
	if v.Can(models.ActManageCampaigns) && (camp.Status == campaigns.Draft || camp.Status == campaigns.Returned) {
		if data["Rejected"] == "edit" {
			data["EditForm"] = data["Form"]
		} else {
			data["EditForm"] = formOf(camp, pvs)
		}
	}
	data["Approved"] = camp.Status == campaigns.Approved
	return s.page(c, "campaign", "campaign.page", data)
}

// formOf writes a stored campaign back as the office's form, its phases
// and tasks one a line.
func formOf(c *campaigns.Campaign, phases []campaignPhaseView) campaignForm {
	var ps, ts []string
	for _, p := range phases {
		ps = append(ps, strings.Join([]string{p.Name, p.Start().String(), p.End().String(), p.Asks}, "｜"))
		for _, t := range p.Tasks {
			units := make([]string, len(t.Parts))
			for i, part := range t.Parts {
				units[i] = part.Department
			}
			lead := cmp.Or(t.Lead, "-")
			line := []string{strconv.Itoa(p.Seq), t.Category, t.Content, lead, strings.Join(units, "、"), scoring.DateOf(t.Due).String()}
			if t.CatalogSeq != 0 {
				line = append(line, strconv.Itoa(t.CatalogSeq))
			}
			ts = append(ts, strings.Join(line, "｜"))
		}
	}
	return campaignForm{Title: c.Title, Basis: c.Basis, Scope: c.Scope, Phases: strings.Join(ps, "\n"), Tasks: strings.Join(ts, "\n")}
}

// updateCampaign is POST /campaigns/:id: a draft's or returned plan's
// changes, audit-logged.
func (s *Server) updateCampaign(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := readCampaignForm(c)
	data := fiber.Map{"Rejected": "edit"}
	if !validate(c, f, data) {
		return s.campaignPageWith(c, data)
	}
	in, err := f.input()
	if err == nil {
		err = campaigns.New(s.store).Update(c.UserContext(), v, id, in)
	}
	if refused(c, err, f, data, "title", "basis", "scope", "phases", "tasks") {
		return s.campaignPageWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.saved"), campaignURL(id))
}

// campaignStep takes an approval step and returns to the campaign.
func (s *Server) campaignStep(c *fiber.Ctx, step campaigns.Step, done string) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := reasonForm{Reason: c.FormValue("reason")}
	data := fiber.Map{"Rejected": "step"}
	err = campaigns.New(s.store).Take(c.UserContext(), v, id, step, f.Reason, s.opt.Now())
	if refused(c, err, f, data, "reason") {
		return s.campaignPageWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), done), campaignURL(id))
}

// reasonForm is the leading group's reason for returning a campaign.
type reasonForm struct{ Reason string }

// submitCampaign is POST /campaigns/:id/submit (the office).
func (s *Server) submitCampaign(c *fiber.Ctx) error {
	return s.campaignStep(c, campaigns.Submit, "campaign.submitted")
}

// approveCampaign is POST /campaigns/:id/approve (the leading group).
func (s *Server) approveCampaign(c *fiber.Ctx) error {
	return s.campaignStep(c, campaigns.Approve, "campaign.approved")
}

// returnCampaign is POST /campaigns/:id/return (the leading group), with a reason.
func (s *Server) returnCampaign(c *fiber.Ctx) error {
	return s.campaignStep(c, campaigns.Return, "campaign.returned")
}

// campaignHome adds the campaigns' to-dos to the home: a unit's open
// tasks, the plans waiting for the leading group, the office's phases to
// check or to report on.
func (s *Server) campaignHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	st := campaigns.New(s.store)
	var err error
	if data["CampaignTasks"], err = st.Open(c.UserContext(), v); err != nil {
		return err
	}
	if data["CampaignsToApprove"], err = st.ToApprove(c.UserContext(), v); err != nil {
		return err
	}
	data["CampaignPhases"], err = st.ToCheck(c.UserContext(), v, scoring.DateOf(s.opt.Now()))
	return err
}
