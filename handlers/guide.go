package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// guideForm is the guide's content as typed.
type guideForm struct {
	Classification, Obtain, Office, Address, Hours, Phone, Fax, Email, Apply string
}

// Validate needs what seed 004 art. 13 asks, within bounds.
func (f guideForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for _, x := range []struct {
		name, value string
		max         int
		required    bool
	}{
		{"classification", f.Classification, guide.MaxPart, true}, {"obtain", f.Obtain, guide.MaxPart, true},
		{"office", f.Office, guide.MaxLine, true}, {"address", f.Address, guide.MaxLine, true}, {"hours", f.Hours, guide.MaxLine, true},
		{"phone", f.Phone, guide.MaxLine, true}, {"fax", f.Fax, guide.MaxLine, false}, {"email", f.Email, guide.MaxLine, false},
		{"apply", f.Apply, guide.MaxPart, true},
	} {
		errs.Text(x.name, x.value, x.max, x.required)
	}
	return errs
}

func readGuideForm(c *fiber.Ctx) guideForm {
	return guideForm{Classification: c.FormValue("classification"), Obtain: c.FormValue("obtain"), Office: c.FormValue("office"),
		Address: c.FormValue("address"), Hours: c.FormValue("hours"), Phone: c.FormValue("phone"), Fax: c.FormValue("fax"),
		Email: c.FormValue("email"), Apply: c.FormValue("apply")}
}

// guideCatalogForm is the year of a catalog to issue.
type guideCatalogForm struct{ Year string }

// Validate needs a year.
func (f guideCatalogForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if y, err := strconv.Atoi(f.Year); err != nil || y < 2000 || y > 9999 {
		errs.Add("year", "form.required")
	}
	return errs
}

// guidePage is GET /guide: the guide and catalog in force, every issue,
// and for the office the content's form and the buttons that issue.
func (s *Server) guidePage(c *fiber.Ctx, data fiber.Map) error {
	g := guide.New(s.store)
	cur, cat, err := g.Current(c.UserContext())
	if err != nil {
		return err
	}
	history, err := g.History(c.UserContext())
	if err != nil {
		return err
	}
	latest, err := g.Latest(c.UserContext())
	if err != nil {
		return err
	}
	if _, typed := data["Form"]; !typed || data["Rejected"] != "content" {
		data["Content"] = guideForm{Classification: latest.Classification, Obtain: latest.Obtain, Office: latest.Office, Address: latest.Address,
			Hours: latest.Hours, Phone: latest.Phone, Fax: latest.Fax, Email: latest.Email, Apply: latest.Apply}
	} else {
		data["Content"] = data["Form"]
	}
	data["Guide"], data["Catalog"], data["History"], data["Latest"] = cur, cat, history, latest
	data["Year"] = s.opt.Now().Year()
	return s.page(c, "guide", "guide.title", data)
}

func (s *Server) guideShow(c *fiber.Ctx) error { return s.guidePage(c, fiber.Map{}) }

// guideSave is POST /guide: the content kept as a new version (the office).
func (s *Server) guideSave(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readGuideForm(c)
	data := fiber.Map{"Rejected": "content"}
	if !validate(c, f, data) {
		return s.guidePage(c, data)
	}
	saved, err := guide.New(s.store).Save(c.UserContext(), v, f.content(), s.opt.Now())
	if refused(c, err, f, data, "classification", "obtain", "office", "address", "hours", "phone", "fax", "email", "apply") {
		return s.guidePage(c, data)
	}
	if err != nil {
		return err
	}
	return s.guideDone(c, views.T(lang(c), "guide.saved", saved.Version))
}

func (f guideForm) content() guide.Content {
	return guide.Content{Classification: f.Classification, Obtain: f.Obtain, Office: f.Office, Address: f.Address, Hours: f.Hours,
		Phone: f.Phone, Fax: f.Fax, Email: f.Email, Apply: f.Apply}
}

// guideIssue is POST /guide/issue: the newest content issued as the guide.
func (s *Server) guideIssue(c *fiber.Ctx) error {
	v, _ := viewer(c)
	data := fiber.Map{"Rejected": "issue"}
	d, err := guide.New(s.store).IssueGuide(c.UserContext(), v, scoring.DateOf(s.opt.Now()))
	if refused(c, err, noInput{}, data) {
		return s.guidePage(c, data)
	}
	if err != nil {
		return err
	}
	return s.guideDone(c, views.T(lang(c), "guide.issued", d.Number))
}

// guideCatalog is POST /guide/catalog: the year's catalog issued.
func (s *Server) guideCatalog(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := guideCatalogForm{Year: c.FormValue("year")}
	data := fiber.Map{"Rejected": "catalog"}
	if !validate(c, f, data) {
		return s.guidePage(c, data)
	}
	year, _ := strconv.Atoi(f.Year)
	d, err := guide.New(s.store).IssueCatalog(c.UserContext(), v, year, scoring.DateOf(s.opt.Now()))
	if refused(c, err, f, data, "year") {
		return s.guidePage(c, data)
	}
	if err != nil {
		return err
	}
	return s.guideDone(c, views.T(lang(c), "guide.issued", d.Number))
}

// guideDone says what was done and goes back to the guide's page; the
// public page shows the new documents at once.
func (s *Server) guideDone(c *fiber.Ctx, msg string) error {
	s.public.reset()
	if err := s.flash(c, msg); err != nil {
		return err
	}
	return c.Redirect("/guide", fiber.StatusSeeOther)
}

// guideDocument is GET /guide/documents/:id: an issued guide or catalog,
// printable as issued.
func (s *Server) guideDocument(c *fiber.Ctx) error {
	d, err := s.guideDoc(c)
	if err != nil {
		return err
	}
	return s.documentPage(c, d, nil, "/guide", guideDocURL(d.ID)+"/docx", guideDocURL)
}

// guideDocumentDOCX is GET /guide/documents/:id/docx.
func (s *Server) guideDocumentDOCX(c *fiber.Ctx) error {
	d, err := s.guideDoc(c)
	if err != nil {
		return err
	}
	return sendIssued(c, d)
}

func (s *Server) guideDoc(c *fiber.Ctx) (*documents.Document, error) {
	id, err := pathID(c)
	if err != nil {
		return nil, err
	}
	return guide.New(s.store).Document(c.UserContext(), id)
}

func guideDocURL(id uint) string { return "/guide/documents/" + strconv.FormatUint(uint64(id), 10) }

// publicGuides is the 公开指南 and the 公开目录 in force, as /public shows
// them: issued documents, with no personal data (the catalog masks any
// number a title holds).
func publicGuides(c *fiber.Ctx, s *Server) ([]issued, error) {
	g, cat, err := guide.New(s.store).Current(c.UserContext())
	if err != nil {
		return nil, err
	}
	var ds []documents.Document
	for _, d := range []*documents.Document{g, cat} {
		if d != nil {
			ds = append(ds, *d)
		}
	}
	return issuedPages(ds), nil
}
