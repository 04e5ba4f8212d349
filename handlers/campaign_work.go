package handlers

import (
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// campaignReportForm is a unit's progress report as typed.
type campaignReportForm struct {
	Part, Note, Publication string
}

// Validate asks for a note; a publication is its number in the app.
func (f campaignReportForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("note", f.Note, models.MaxText, true)
	if f.Publication != "" {
		if n, err := strconv.ParseUint(f.Publication, 10, 32); err != nil || n == 0 {
			errs.Add("publication", "campaign.form.publication")
		}
	}
	return errs
}

// reportCampaignTask is POST /campaigns/:id/parts/:part/report: a unit's
// progress with its evidence, audit-logged.
func (s *Server) reportCampaignTask(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	part := paramUint(c, "part")
	f := campaignReportForm{Part: strconv.FormatUint(uint64(part), 10), Note: c.FormValue("note"), Publication: c.FormValue("publication")}
	data := fiber.Map{"Rejected": "report-" + f.Part}
	if !validate(c, f, data) {
		return s.campaignPageWith(c, data)
	}
	in := campaigns.ReportInput{Note: f.Note}
	if f.Publication != "" {
		n, _ := strconv.ParseUint(f.Publication, 10, 32)
		in.PublicationID = uint(n)
	}
	if fh, ferr := c.FormFile("files"); ferr == nil && fh.Size > 0 {
		var u upload.Upload
		if u, err = readUpload(fh); err == nil {
			in.File = &u
		}
	}
	if err == nil {
		err = campaigns.New(s.store).Report(c.UserContext(), v, part, in, s.opt.Now())
	}
	if refused(c, err, f, data, "note", "publication", "file") {
		return s.campaignPageWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.reported"), campaignURL(id)+"#part-"+f.Part)
}

// campaignReportFile is GET /campaigns/:id/reports/:report/file: a
// report's evidence, for those who may read its unit's (another unit's is
// a 404).
func (s *Server) campaignReportFile(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := campaigns.New(s.store).ReportFile(c.UserContext(), v, id, paramUint(c, "report"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, r.FileMIME)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Attachment(r.FileName)
	return c.Send(r.FileData)
}

// checkForm is the office's check of a phase as typed: an outcome, a
// finding and a rectification per unit's part.
type checkForm struct {
	Checks []campaigns.CheckInput
}

// Validate asks for nothing the Store does not check.
func (checkForm) Validate() FieldErrors { return nil }

// checkCampaignPhase is POST /campaigns/:id/phases/:phase/check, audit-logged.
func (s *Server) checkCampaignPhase(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	phase := paramUint(c, "phase")
	st := campaigns.New(s.store)
	parts, err := st.Parts(c.UserContext(), v, id, phase)
	if err != nil {
		return err
	}
	var f checkForm
	for _, p := range parts {
		k := strconv.FormatUint(uint64(p.ID), 10)
		f.Checks = append(f.Checks, campaigns.CheckInput{AssignmentID: p.ID, Outcome: campaigns.Outcome(c.FormValue("outcome_" + k)),
			Finding: c.FormValue("finding_" + k), Rectification: c.FormValue("rectification_" + k)})
	}
	data := fiber.Map{"Rejected": "check-" + strconv.FormatUint(uint64(phase), 10)}
	err = st.CheckPhase(c.UserContext(), v, id, phase, f.Checks, s.opt.Now())
	if refused(c, err, f, data) {
		return s.campaignPageWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.checked"), campaignURL(id))
}

// issueCampaignBulletin is POST /campaigns/:id/phases/:phase/bulletin: the
// phase's 通报, numbered, audit-logged; it opens the document.
func (s *Server) issueCampaignBulletin(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	data := fiber.Map{"Rejected": "bulletin"}
	d, err := campaigns.New(s.store).IssueBulletin(c.UserContext(), v, id, paramUint(c, "phase"), s.opt.Now())
	if refused(c, err, noInput{}, data) {
		return s.campaignPageWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.bulletin_issued", d.Number), campaignDocURL(id)(d.ID))
}

// campaignDocURL links a campaign's documents.
func campaignDocURL(campaign uint) func(id uint) string {
	return func(id uint) string {
		return campaignURL(campaign) + "/documents/" + strconv.FormatUint(uint64(id), 10)
	}
}

func (s *Server) campaignDoc(c *fiber.Ctx) (*documents.Document, uint, error) {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return nil, 0, err
	}
	st := campaigns.New(s.store)
	if _, err := st.Get(c.UserContext(), v, id); err != nil {
		return nil, 0, err
	}
	d, err := st.Bulletin(c.UserContext(), id, paramUint(c, "doc"))
	return d, id, err
}

// campaignDocument is GET /campaigns/:id/documents/:doc: a 通报 as issued,
// printable, with its DOCX, its corrections and, for the office, the
// forms that post and correct it.
func (s *Server) campaignDocument(c *fiber.Ctx) error { return s.campaignDocumentWith(c, fiber.Map{}) }

func (s *Server) campaignDocumentWith(c *fiber.Ctx, data fiber.Map) error {
	d, id, err := s.campaignDoc(c)
	if err != nil {
		return err
	}
	st := campaigns.New(s.store)
	related, err := st.Bulletins(c.UserContext(), id)
	if err != nil {
		return err
	}
	posted, err := st.Posted(c.UserContext(), id)
	if err != nil {
		return err
	}
	if at, ok := posted[d.ID]; ok {
		data["PostedOn"] = documents.ChineseDate(scoring.DateOf(at))
	}
	data["CampaignID"], data["PublicURL"] = id, "/public/documents/"+strconv.FormatUint(uint64(d.ID), 10)
	url := campaignDocURL(id)
	return s.documentPageWith(c, d, related, campaignURL(id), url(d.ID)+"/docx", url, data)
}

// campaignDocumentDOCX is GET /campaigns/:id/documents/:doc/docx.
func (s *Server) campaignDocumentDOCX(c *fiber.Ctx) error {
	d, _, err := s.campaignDoc(c)
	if err != nil {
		return err
	}
	return sendIssued(c, d)
}

// postCampaignBulletin is POST /campaigns/:id/documents/:doc/post: the
// office puts the 通报 on /public, once.
func (s *Server) postCampaignBulletin(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	doc := paramUint(c, "doc")
	data := fiber.Map{"Rejected": "post"}
	err = campaigns.New(s.store).PostBulletin(c.UserContext(), v, id, doc, s.opt.Now())
	if refused(c, err, noInput{}, data) {
		return s.campaignDocumentWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.posted"), campaignDocURL(id)(doc))
}

// correctionForm is a correction's text as typed.
type correctionForm struct{ Text string }

// Validate asks for the text.
func (f correctionForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("correction", f.Text, models.MaxText, true)
	return errs
}

// correctCampaignBulletin is POST /campaigns/:id/documents/:doc/correct: a
// new numbered 通报 naming the old one (更正).
func (s *Server) correctCampaignBulletin(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := correctionForm{Text: c.FormValue("correction")}
	data := fiber.Map{"Rejected": "correct"}
	if !validate(c, f, data) {
		return s.campaignDocumentWith(c, data)
	}
	d, err := campaigns.New(s.store).CorrectBulletin(c.UserContext(), v, id, paramUint(c, "doc"), f.Text, s.opt.Now())
	if refused(c, err, f, data, "correction") {
		return s.campaignDocumentWith(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "campaign.bulletin_issued", d.Number), campaignDocURL(id)(d.ID))
}

// campaignBoard is GET /campaigns/:id/board: units × tasks coloured by
// state, of one phase (?phase=) or all, the laggards first; printable.
func (s *Server) campaignBoard(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	st := campaigns.New(s.store)
	camp, err := st.Get(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	phases, err := st.Phases(c.UserContext(), id)
	if err != nil {
		return err
	}
	phase := uint(0)
	if n, err := strconv.ParseUint(c.Query("phase"), 10, 32); err == nil {
		for _, p := range phases {
			if p.ID == uint(n) {
				phase = p.ID
			}
		}
	}
	b, err := st.Board(c.UserContext(), v, id, phase, scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	data := fiber.Map{"Campaign": camp, "Phases": phases, "Phase": phase, "Board": b}
	if len(b.Rows) > 0 {
		data["Charts"] = []chartView{completionChart(lang(c), b)}
	}
	return s.page(c, "campaign_board", "campaign.board", data)
}

// completionChart is the board's bar of each unit's completion, in the
// board's order (the laggards first), with its numbers.
func completionChart(l views.Lang, b *campaigns.Board) chartView {
	names := make([]string, len(b.Rows))
	data := make([]opts.BarData, len(b.Rows))
	table := &dataTable{Head: []string{views.T(l, "campaign.unit"), views.T(l, "campaign.completion"), views.T(l, "campaign.behind")}}
	for i, r := range b.Rows {
		names[i] = r.Department
		data[i] = opts.BarData{Value: r.Percent()}
		table.Rows = append(table.Rows, []string{r.Department, strconv.Itoa(r.Percent()) + "%", strconv.Itoa(r.Behind)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(views.T(l, "campaign.completion"))...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100}))
	bar.SetXAxis(names).AddSeries(views.T(l, "campaign.completion"), data)
	return chartView{ID: "campaign-completion", Title: views.T(l, "campaign.completion"), Option: optionJSON(bar), Height: 280, Table: table}
}
