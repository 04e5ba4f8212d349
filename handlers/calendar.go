package handlers

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/views"
)

// calendarYear is a stored notice as listed.
type calendarYear struct {
	Year   int
	Papers []string
	Days   int
}

// calendar lists the years with a State Council holiday notice; scoring a
// year without one falls back to weekends-only and says so.
func (s *Server) calendar(c *fiber.Ctx) error {
	return s.calendarPage(c, fiber.Map{})
}

// calendarPage lists the years; data carries a refused upload's error.
func (s *Server) calendarPage(c *fiber.Ctx, data fiber.Map) error {
	rows, err := s.store.HolidayYears(c.UserContext())
	if err != nil {
		return err
	}
	years := make([]calendarYear, len(rows))
	for i, r := range rows {
		var days []json.RawMessage
		_ = json.Unmarshal([]byte(r.Days), &days) // stored by the importer as a JSON array
		years[i] = calendarYear{Year: r.Year, Days: len(days)}
		_ = json.Unmarshal([]byte(r.Papers), &years[i].Papers)
	}
	data["Years"] = years
	return s.page(c, "calendar", "calendar.title", data)
}

// uploadCalendar adds or replaces a year's notice from a holiday-cn JSON
// file, through the same import path as every other kind; a refused file
// is named beside the form with the importer's reason.
func (s *Server) uploadCalendar(c *fiber.Ctx) error {
	v, _ := viewer(c)
	fh, _ := c.FormFile("file")
	var form fileForm
	if fh != nil {
		form.File = fh.Filename
	}
	data := fiber.Map{}
	if !validate(c, form, data) {
		return s.calendarPage(c, data)
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	_, err = ingest.New(s.store).File(c.UserContext(), ingest.Holidays, fh.Filename, f,
		ingest.Options{Source: "file", FileName: fh.Filename, Viewer: v})
	if errors.Is(err, models.ErrForbidden) {
		return err
	}
	if err != nil {
		c.Status(fiber.StatusUnprocessableEntity)
		data["Form"], data["Errors"] = form, FieldErrors{"file": {Text: userMessage(c, err)}}
		return s.calendarPage(c, data)
	}
	return s.flashBack(c, views.T(lang(c), "calendar.saved"), "/calendar")
}
