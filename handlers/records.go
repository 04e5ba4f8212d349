package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/scoring"
)

// record shows one record behind a deduction; the Store refuses records of
// departments the viewer may not see.
func (s *Server) record(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.recordPage(c, c.Params("kind"), id, fiber.Map{})
}

// recordPage shows a record with data added (a rejected form of the page);
// a publication's page shows its column (partials/columns_publication).
// Its electronic copies are its registered document's, on /publications/:id.
func (s *Server) recordPage(c *fiber.Ctx, kind string, id uint, data fiber.Map) error {
	v, _ := viewer(c)
	rv, err := records.New(s.store).Record(c.UserContext(), v, kind, id, scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	d, err := s.store.Department(c.UserContext(), v, rv.DepartmentID)
	if errors.Is(err, models.ErrNotFound) && rv.Asked != 0 {
		// The department asked by a coordination reads it under its own name.
		d, err = s.store.Department(c.UserContext(), v, rv.Asked)
	}
	if err != nil {
		return err
	}
	if kind == "publication" {
		if data["ColumnChoice"], err = s.publicationColumn(c, rv.ID); err != nil {
			return err
		}
	}
	data["Record"], data["Dept"] = rv, d
	return s.page(c, "record", "record.title", data)
}
