package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/views"
)

// copiesForm is an electronic copy as chosen: the file's name (the file
// itself is read apart) and the current copy it replaces, if any.
type copiesForm struct {
	File, Replaces string
}

// Validate needs a file.
func (f copiesForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.File == "" {
		errs.Add("file", "form.required")
	}
	return errs
}

// copiesBack is the page of a document's copies: its own page.
func copiesBack(id string) string { return "/publications/" + id }

// copiesDoc reads the document (the registered work) whose copies :id
// names, if the viewer reads it; otherwise a 404.
func (s *Server) copiesDoc(c *fiber.Ctx, v models.Viewer) (guard.Doc, error) {
	id, err := pathID(c)
	if err != nil {
		return guard.Doc{}, err
	}
	return publications.New(s.store).Doc(c.UserContext(), v, id)
}

// copiesUpload is POST /publications/:id/files: a copy of the registered
// document attached, or one replacing a current copy, scanned for personal
// data as it is stored.
func (s *Server) copiesUpload(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, err := s.copiesDoc(c, v)
	if err != nil {
		return err
	}
	fh, _ := c.FormFile("file")
	f := copiesForm{Replaces: c.FormValue("replaces")}
	if fh != nil {
		f.File = fh.Filename
	}
	data := fiber.Map{"Rejected": "copies"}
	if !validate(c, f, data) {
		return s.publicationView(c, data)
	}
	u, err := readUpload(fh)
	if err == nil {
		var file *guard.File
		if file, err = guard.New(s.store).Attach(c.UserContext(), v, d, u, typedID(f.Replaces), s.opt.Now()); err == nil {
			if err := s.flash(c, views.T(lang(c), "guide.copies.uploaded", file.Name, file.Findings)); err != nil {
				return err
			}
			return c.Redirect(copiesBack(c.Params("id"))+"#copies", fiber.StatusSeeOther)
		}
	}
	if refused(c, err, f, data, "file", "replaces") {
		return s.publicationView(c, data)
	}
	return err
}

// copiesFile is GET /publications/:id/files/:fid: a copy, to those who
// read the department; served as a download so that nothing runs in the
// page, and logged as every download is.
func (s *Server) copiesFile(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, err := s.copiesDoc(c, v)
	if err != nil {
		return err
	}
	f, err := guard.New(s.store).Download(c.UserContext(), d, paramUint(c, "fid"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, f.MIME)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Attachment(f.Name)
	return c.Send(f.Data)
}

// copiesOverrideForm is the office's reason to publish despite the findings.
type copiesOverrideForm struct{ Reason string }

// Validate needs a reason within bounds.
func (f copiesOverrideForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("reason", f.Reason, guard.MaxReason, true)
	return errs
}

// copiesOverride is POST /publications/:id/files/override: the office lets
// the publication go out despite the personal data found, with a reason.
func (s *Server) copiesOverride(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, err := s.copiesDoc(c, v)
	if err != nil {
		return err
	}
	f := copiesOverrideForm{Reason: c.FormValue("reason")}
	data := fiber.Map{"Rejected": "override"}
	if !validate(c, f, data) {
		return s.publicationView(c, data)
	}
	err = guard.New(s.store).Override(c.UserContext(), v, d, guard.OverrideForm{Reason: f.Reason}, s.opt.Now())
	if refused(c, err, f, data, "reason") {
		return s.publicationView(c, data)
	}
	if err != nil {
		return err
	}
	if err := s.flash(c, views.T(lang(c), "guide.override.done")); err != nil {
		return err
	}
	return c.Redirect(copiesBack(c.Params("id"))+"#copies", fiber.StatusSeeOther)
}

// copiesView is the copies of a document as its page shows them: each
// finding's place worded, and what the viewer may do.
type copiesView struct {
	ID                     uint
	Files, Replaced        []copiesRow
	Title                  []copiesHit
	Overrides              []guard.Override
	Blocking               int
	CanAttach, CanOverride bool
}

type copiesRow struct {
	guard.File
	Hits []copiesHit
}

type copiesHit struct {
	Kind          guard.Kind
	Where, Masked string
}

// copiesView reads the copies of document d, which the page has shown
// its viewer; the override's form shows while something blocks, or when
// it was refused.
func (s *Server) copiesView(c *fiber.Ctx, v models.Viewer, d guard.Doc, overrideRefused bool) (*copiesView, error) {
	cs, err := guard.New(s.store).Copies(c.UserContext(), d)
	if err != nil {
		return nil, err
	}
	l := lang(c)
	out := &copiesView{ID: d.ID, Overrides: cs.Overrides, Blocking: cs.Blocking,
		CanAttach: v.MayForDepartment(models.ActPublicationFiles, d.DepartmentID) == nil, CanOverride: v.Can(models.ActOverridePersonalData) && (cs.Blocking > 0 || overrideRefused)}
	files := func(fs []guard.File) []copiesRow {
		var out []copiesRow
		for _, f := range fs {
			cf := copiesRow{File: f}
			for _, h := range f.Hits {
				cf.Hits = append(cf.Hits, copiesHit{Kind: h.Kind, Where: guardWhere(l, h.Hit().Place), Masked: h.Masked})
			}
			out = append(out, cf)
		}
		return out
	}
	out.Files, out.Replaced = files(cs.Files), files(cs.Replaced)
	for _, h := range cs.TitleHits {
		out.Title = append(out.Title, copiesHit{Kind: h.Kind, Where: guardWhere(l, h.Place), Masked: h.Masked})
	}
	return out, nil
}

// guardWhere words where a finding is, in the reader's language.
func guardWhere(l views.Lang, p guard.Place) string {
	switch p.Unit {
	case guard.InCell:
		return views.T(l, "guide.where.cell", p.Sheet, p.Row, p.Col)
	case guard.InTitle:
		return views.T(l, "guide.where.title")
	}
	return views.T(l, "guide.where."+string(p.Unit), p.N)
}
