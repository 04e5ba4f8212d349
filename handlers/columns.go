package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// columnForm is a column as the office typed it.
type columnForm struct {
	Name, Channel, Department, Cadence string
}

func readColumnForm(c *fiber.Ctx) columnForm {
	return columnForm{
		Name: strings.TrimSpace(c.FormValue("name")), Channel: c.FormValue("channel"),
		Department: c.FormValue("department"), Cadence: c.FormValue("cadence"),
	}
}

// Validate asks for every field; the Store checks the channel, cadence
// and department exist and the name is free.
func (f columnForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("name", f.Name, columns.MaxName, true)
	if f.Channel == "" {
		errs.Add("channel", "form.required")
	}
	if _, err := strconv.ParseUint(f.Department, 10, 32); err != nil {
		errs.Add("department", "form.required")
	}
	if f.Cadence == "" {
		errs.Add("cadence", "form.required")
	}
	return errs
}

func (f columnForm) input() columns.Input {
	dept, _ := strconv.ParseUint(f.Department, 10, 32)
	return columns.Input{Name: f.Name, Channel: f.Channel, DepartmentID: uint(dept), Cadence: f.Cadence}
}

// columnChoices are what the column form offers: the office's channels,
// the departments and the cadences.
func (s *Server) columnChoices(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	var err error
	if data["Channels"], err = s.store.Channels(c.UserContext(), models.ChannelPublication); err != nil {
		return err
	}
	if data["Departments"], err = s.store.Departments(c.UserContext(), v); err != nil {
		return err
	}
	data["Cadences"] = scoring.ColumnCadences
	return nil
}

// columnsPage is GET /columns: every column with its owner, cadence, last
// post and state today, and the form of a new column.
func (s *Server) columnsPage(c *fiber.Ctx) error { return s.columnsList(c, fiber.Map{}) }

func (s *Server) columnsList(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	var err error
	if data["Columns"], err = columns.New(s.store).Upkeep(c.UserContext(), v, scoring.DateOf(s.opt.Now())); err != nil {
		return err
	}
	if data["Form"] == nil {
		data["Form"] = columnForm{Cadence: scoring.CadenceDynamic}
	}
	if err := s.columnChoices(c, data); err != nil {
		return err
	}
	return s.page(c, "columns_list", "columns.title", data)
}

// createColumn is POST /columns, audit-logged.
func (s *Server) createColumn(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readColumnForm(c)
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.columnsList(c, data)
	}
	_, err := columns.New(s.store).Create(c.UserContext(), v, f.input())
	if refused(c, err, f, data, "name", "channel", "department", "cadence") {
		return s.columnsList(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "columns.created"), "/columns")
}

// columnPage is GET /columns/:id: the form of one column.
func (s *Server) columnPage(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	col, err := columns.New(s.store).Column(c.UserContext(), id)
	if err != nil {
		return err
	}
	f := columnForm{Name: col.Name, Channel: col.Channel, Department: strconv.FormatUint(uint64(col.DepartmentID), 10), Cadence: col.Cadence}
	return s.columnEdit(c, col, fiber.Map{"Form": f})
}

func (s *Server) columnEdit(c *fiber.Ctx, col *columns.Column, data fiber.Map) error {
	data["Column"] = col
	if err := s.columnChoices(c, data); err != nil {
		return err
	}
	return s.page(c, "columns_edit", "columns.edit", data)
}

// updateColumn is POST /columns/:id, audit-logged.
func (s *Server) updateColumn(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	col, err := columns.New(s.store).Column(c.UserContext(), id)
	if err != nil {
		return err
	}
	f := readColumnForm(c)
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.columnEdit(c, col, data)
	}
	err = columns.New(s.store).Update(c.UserContext(), v, id, f.input())
	if refused(c, err, f, data, "name", "channel", "department", "cadence") {
		return s.columnEdit(c, col, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "columns.saved"), "/columns")
}

// assignColumn is POST /publications/:id/column: the column the
// publication was posted in (none when empty), audit-logged. It returns to
// the page the form was on (partials/columns_publication.html).
func (s *Server) assignColumn(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var column uint
	if raw := c.FormValue("column"); raw != "" {
		n, err := strconv.ParseUint(raw, 10, 32)
		if err != nil {
			return models.Invalid("column", "columns.refuse.unknown")
		}
		column = uint(n)
	}
	if err := columns.New(s.store).Assign(c.UserContext(), v, id, column); err != nil {
		return err
	}
	back := "/records/publication/" + strconv.FormatUint(uint64(id), 10)
	if b := c.FormValue("back"); strings.HasPrefix(b, "/publications/") || strings.HasPrefix(b, "/records/publication/") {
		back = b
	}
	return s.flashBack(c, views.T(lang(c), "columns.assigned"), back+"#column")
}

// publicationColumn is what partials/columns_publication.html shows of a
// publication: its column and the columns of its channel to choose from.
func (s *Server) publicationColumn(c *fiber.Ctx, pub uint) (*columns.Choice, error) {
	return columns.New(s.store).ChoiceFor(c.UserContext(), pub)
}
