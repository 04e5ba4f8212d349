package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// publicationList lists the documents the viewer may read (a department
// its own and those that consult it; the office all), a page at a time and
// for the office by department, the deferred ones until settled, and the
// registration form for a department's clerk.
func (s *Server) publicationList(c *fiber.Ctx) error { return s.publicationListPage(c, fiber.Map{}) }

// publicationsKey identifies the publications list under a department
// filter: who reads it (role and department decide the works they see),
// the filter, the day and the count of audited changes
// (models.Store.Changes: registering, every step, publishing, deferring,
// the secrecy office and every import are audited).
type publicationsKey struct {
	Role    models.Role
	Dept    uint
	Filter  uint
	Today   scoring.Date
	Changes int64
}

// publicationsList is what the list reads once per key: the ids of every
// work it lists, newest first (a page reads its fifty), the deferred works,
// the departments' names and the secrecy office.
type publicationsList struct {
	IDs      []uint
	Deferred []publications.Work
	Names    map[uint]string
	Secrecy  *models.Department
}

// publicationIDs bounds the ids the kept lists hold in all (8 bytes each):
// a bureau's year of a million works, with a few departments' lists.
const publicationIDs = 4_000_000

// publicationsOf is the list under department filter dept as v reads it,
// from the cache when nothing changed since it was read, and the key it is
// kept by.
func (s *Server) publicationsOf(c *fiber.Ctx, v models.Viewer, dept uint) (*publicationsList, publicationsKey, error) {
	ctx := c.UserContext()
	changes, err := s.store.Changes(ctx)
	if err != nil {
		return nil, publicationsKey{}, err
	}
	key := publicationsKey{Role: v.Role, Dept: v.DepartmentID, Filter: dept, Today: scoring.DateOf(s.opt.Now()), Changes: changes}
	l, err := s.pubLists.GetSized(key, func() (*publicationsList, int, error) {
		ps := publications.New(s.store)
		l := &publicationsList{}
		var err error
		if l.IDs, err = ps.List(ctx, v, dept); err != nil {
			return nil, 0, err
		}
		if l.Deferred, err = ps.Deferred(ctx, v); err != nil {
			return nil, 0, err
		}
		if l.Names, err = s.store.DepartmentNames(ctx); err != nil {
			return nil, 0, err
		}
		if v.Can(models.ActReviewPublication) {
			if l.Secrecy, err = ps.TheSecrecyOffice(ctx); err != nil {
				return nil, 0, err
			}
		}
		return l, len(l.IDs) + len(l.Deferred) + len(l.Names), nil
	})
	return l, key, err
}

func (s *Server) publicationListPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	d, picks, err := s.departmentFilter(c, v, "/publications")
	if err != nil {
		return err
	}
	data["D"], data["Picks"], data["Bureau"], data["Page"], data["Pages"] = d, picks, bureau(v), 1, 1
	if d.Resolved() {
		l, key, err := s.publicationsOf(c, v, d.ID)
		if err != nil {
			return err
		}
		page, pages, lo := models.Paging(len(l.IDs), queryInt(c, "page", 1))
		if ids := l.IDs[lo:min(lo+models.PageSize, len(l.IDs))]; len(ids) > 0 {
			data["Rows"], err = s.rendered(c, key, page, "partials/publication_rows", func(rows fiber.Map) error {
				works, err := publications.New(s.store).Works(ctx, v, ids)
				rows["Works"], rows["Names"] = works, l.Names
				return err
			})
			if err != nil {
				return err
			}
		}
		data["Total"], data["Page"], data["Pages"] = len(l.IDs), page, pages
		data["Deferred"], data["Names"], data["Secrecy"] = l.Deferred, l.Names, l.Secrecy
		data["Prev"], data["Next"] = pageLink("/publications", c, page-1, pages), pageLink("/publications", c, page+1, pages)
	}
	data["Params"] = filterParams(c)
	if v.Can(models.ActWorkPublication) {
		channels, err := s.store.Channels(ctx, models.ChannelPublication)
		if err != nil {
			return err
		}
		cols, err := columns.New(s.store).List(ctx)
		if err != nil {
			return err
		}
		data["Channels"], data["Attributes"], data["Exemptions"] = channels, scoring.Attributes, publications.Exemptions()
		data["Columns"] = cols
	}
	return s.page(c, "publications_list", "publications.title", data)
}

// registerForm is a document as its clerk types it at drafting.
type registerForm struct {
	Title, IndexNo, DocNo, Seq, Formed, Attribute, Exemption, Signer, Column string
	Involved                                                                 string // departments to consult, names or codes
	Channels                                                                 []string
}

// Validate checks what the form can: the Store checks the rest.
func (f registerForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("title", f.Title, 512, true)
	errs.Text("index_no", f.IndexNo, 64, true)
	errs.Text("doc_no", f.DocNo, 128, false)
	errs.Text("signer", f.Signer, models.MaxName, true)
	errs.Date("formed", f.Formed, true)
	if n, err := strconv.Atoi(f.Seq); f.Seq != "" && (err != nil || n < 0) {
		errs.Add("seq", "form.choose")
	}
	return errs
}

// formList reads every value of a repeated field.
func formList(c *fiber.Ctx, name string) []string {
	var out []string
	for _, b := range c.Request().PostArgs().PeekMulti(name) {
		if s := strings.TrimSpace(string(b)); s != "" && len(out) < 50 {
			out = append(out, s)
		}
	}
	return out
}

// registerPublication records a document of the clerk's department.
func (s *Server) registerPublication(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := registerForm{Title: strings.TrimSpace(c.FormValue("title")), IndexNo: strings.TrimSpace(c.FormValue("index_no")),
		DocNo: strings.TrimSpace(c.FormValue("doc_no")), Seq: strings.TrimSpace(c.FormValue("seq")), Formed: c.FormValue("formed"),
		Attribute: c.FormValue("attribute"), Exemption: c.FormValue("exemption"), Signer: strings.TrimSpace(c.FormValue("signer")),
		Column: c.FormValue("column"), Channels: formList(c, "channels"), Involved: c.FormValue("involved")}
	data := fiber.Map{"Rejected": "register"}
	if !validate(c, f, data) {
		return s.publicationListPage(c, data)
	}
	ps := publications.New(s.store)
	involved, err := ps.Consultable(c.UserContext(), f.Involved)
	if refused(c, err, f, data, "involved") {
		return s.publicationListPage(c, data)
	}
	if err != nil {
		return err
	}
	seq, _ := strconv.Atoi(f.Seq)
	r := publications.Registration{Title: f.Title, IndexNo: f.IndexNo, DocNo: f.DocNo, Seq: seq, Formed: formDate(f.Formed),
		Attribute: f.Attribute, Exemption: f.Exemption, Channels: f.Channels, Signer: f.Signer, ColumnID: typedID(f.Column), Involved: involved}
	w, err := ps.Register(c.UserContext(), v, r, s.opt.Now())
	if refused(c, err, f, data, "title", "index_no", "doc_no", "seq", "formed", "attribute", "exemption", "signer", "channels", "column", "involved") {
		return s.publicationListPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "publications.done"), "/publications/"+strconv.FormatUint(uint64(w.ID), 10))
}

// markSecrecyOffice marks the secrecy committee office (保密委员会办公室),
// the department named or coded in the form (a search, not a list of
// thousands); a name that finds none or several is refused beside the form.
func (s *Server) markSecrecyOffice(c *fiber.Ctx) error {
	v, _ := viewer(c)
	text := strings.TrimSpace(c.FormValue("department"))
	found, err := s.store.FindDepartments(c.UserContext(), v, text)
	if err != nil {
		return err
	}
	if len(found) != 1 {
		key := "dept.search.miss"
		if len(found) > 1 {
			key = "dept.search.exact"
		}
		c.Status(fiber.StatusUnprocessableEntity)
		return s.publicationListPage(c, fiber.Map{"SecrecyRefusal": views.T(lang(c), key, text), "SecrecyText": text})
	}
	if err := publications.New(s.store).MarkSecrecyOffice(c.UserContext(), v, found[0].ID); err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "publications.done"), "/publications")
}

// publicationPage shows a document with every step, its clocks, and the
// forms of the steps the viewer may take next.
func (s *Server) publicationPage(c *fiber.Ctx) error { return s.publicationView(c, fiber.Map{}) }

func (s *Server) publicationView(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	view, err := publications.New(s.store).Work(ctx, v, id, scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	office, err := s.isSecrecyOffice(ctx, v)
	if err != nil {
		return err
	}
	if data["Copies"], err = s.copiesView(c, v, view.Work.Doc(), data["Rejected"] == "override"); err != nil {
		return err
	}
	if view.Work.PublicationID != 0 {
		if data["ColumnChoice"], err = s.publicationColumn(c, view.Work.PublicationID); err != nil {
			return err
		}
	} else if view.Work.ColumnID != 0 {
		if data["PlannedColumn"], err = columns.New(s.store).Column(ctx, view.Work.ColumnID); err != nil {
			return err
		}
	}
	data["W"], data["Names"], data["SecrecyOffice"] = view, names, office
	data["Opinions"], data["Attributes"], data["Exemptions"] = scoring.Opinions, scoring.Attributes, publications.Exemptions()
	data["StepAction"] = publications.StepAction(view.NextStep)
	data["Today"] = scoring.DateOf(s.opt.Now())
	if err := s.publicationReminders(c, v, id, data); err != nil {
		return err
	}
	return s.page(c, "publications_work", "publications.title", data)
}

// isSecrecyOffice reports whether the viewer's department is the secrecy
// committee office, for the form of step 4.
func (s *Server) isSecrecyOffice(ctx context.Context, v models.Viewer) (bool, error) {
	if v.DepartmentID == 0 {
		return false, nil
	}
	d, err := s.store.Department(ctx, v, v.DepartmentID)
	if err != nil {
		return false, err
	}
	return d.SecrecyOffice, nil
}

// publicationsHome adds to a home what waits for the viewer in the
// publications' work: review steps to sign, consultations to answer, and
// for the office the disagreements to settle.
func (s *Server) publicationsHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	todo, err := publications.New(s.store).ToDo(c.UserContext(), v)
	if err != nil {
		return err
	}
	if len(todo.Steps)+len(todo.Answers)+len(todo.Settle)+len(todo.Objections) > 0 {
		data["PubToDo"] = todo
	}
	return nil
}
