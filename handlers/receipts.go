package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// caseSignings adds to the page of document doc of case id its 签收: who
// signed for the case's department and when (on the page and in its
// print), or that it has not; and the form when the viewer may sign it.
func (s *Server) caseSignings(c *fiber.Ctx, v models.Viewer, id, doc uint, data fiber.Map) error {
	ss, err := s.cases.Signings(c.UserContext(), v, id, doc)
	if err != nil {
		return err
	}
	data["Signings"], data["SignURL"] = ss, fmt.Sprintf("/cases/%d/documents/%d/sign", id, doc)
	for _, g := range ss {
		if g.Receipt == nil && v.MayForDepartment(models.ActSignDocument, g.DepartmentID) == nil {
			data["CanSign"] = true
		}
	}
	return nil
}

// signCaseDocument is POST /cases/:id/documents/:doc/sign: the head of the
// case's department signs for the document (签收).
func (s *Server) signCaseDocument(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	doc := paramUint(c, "doc")
	err = s.cases.SignDocument(c.UserContext(), v, id, doc, s.opt.Now())
	if data := (fiber.Map{}); refused(c, err, noInput{}, data) {
		d, err := s.cases.Document(c.UserContext(), v, id, doc)
		if err != nil {
			return err
		}
		f, err := s.cases.Get(c.UserContext(), v, id)
		if err != nil {
			return err
		}
		if err := s.caseSignings(c, v, id, doc, data); err != nil {
			return err
		}
		url := func(doc uint) string { return fmt.Sprintf("/cases/%d/documents/%d", id, doc) }
		return s.documentPageWith(c, d, f.Documents, caseURL(id), url(doc)+"/docx", url, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "receipts.signed"), fmt.Sprintf("/cases/%d/documents/%d", id, doc))
}
