package handlers

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// Forms, one way. A form is a struct of the strings a user typed, read
// from the request in one place, with a Validate method that reads nothing
// but the struct and answers FieldErrors: for each field, the message key
// (i18n/i18n*.go) of what is wrong with it. A rejected form is shown again
// on its own page with the struct as typed (never the stored values) and
// each message beside its field, status 422, through validate; a rule the
// Store refuses (a duplicate, a step the state does not allow) is shown
// the same way through refused. Templates draw a field with partials/field,
// which shows the typed value and its error, and the top of a rejected
// form with partials/form_errors. A page of several forms names the
// rejected one in data["Rejected"]; its templates read that form's values
// and errors with formFor and errorsFor, so that nothing shows beside the
// fields of the others.

// FieldErrors says what is wrong with the fields of a form: a message key
// and its arguments per field name; empty when the form is valid.
type FieldErrors map[string]FieldError

// FieldError is a message key of the catalog and its arguments, or, for a
// business rule the Store refused (see refused), the Store's own sentence.
type FieldError struct {
	Key  string
	Args []any
	Text string // the Store's sentence, when Key is empty
}

// formWide is the field name of an error that belongs to no one field of
// the form: partials/form_errors shows it above the fields.
const formWide = ""

// Add records what is wrong with a field; the first error of a field wins.
func (e FieldErrors) Add(field, key string, args ...any) {
	if _, ok := e[field]; !ok {
		e[field] = FieldError{Key: key, Args: args}
	}
}

// Text checks a typed text: present when required, at most max characters.
func (e FieldErrors) Text(field, value string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(value) == "":
		e.Add(field, "form.required")
	case utf8.RuneCountInString(value) > max:
		e.Add(field, "form.too_long", max)
	}
}

// typedID reads an id chosen in a form, 0 when absent or bad.
func typedID(typed string) uint {
	n, err := strconv.ParseUint(typed, 10, 32)
	if err != nil {
		return 0
	}
	return uint(n)
}

// Choice checks that an id was chosen.
func (e FieldErrors) Choice(field, typed string) {
	if typedID(typed) == 0 {
		e.Add(field, "form.choose")
	}
}

// Date checks a typed date: present when required, and a real date.
func (e FieldErrors) Date(field, typed string, required bool) {
	switch _, err := scoring.ParseDate(typed); {
	case typed == "" && required:
		e.Add(field, "form.required")
	case typed != "" && err != nil:
		e.Add(field, "form.bad_date")
	}
}

// formDate reads a YYYY-MM-DD date typed in a form, zero when absent or bad
// (Validate has refused a bad one already).
func formDate(typed string) scoring.Date {
	d, err := scoring.ParseDate(typed)
	if err != nil {
		return 0
	}
	return d
}

// Phone checks a typed telephone number: digits and - + ( ) and spaces, at
// most 32 characters.
func (e FieldErrors) Phone(field, value string) {
	if !models.ValidPhone(value) {
		e.Add(field, "form.bad_phone")
	}
}

// Figure checks a typed figure of a report line: a number the line accepts
// (an amount, or a whole count).
func (e FieldErrors) Figure(field string, spec reports.AnnualFigureSpec, raw string) {
	if _, ok := reports.ParseAnnualFigure(spec, raw); !ok {
		if spec.Amount {
			e.Add(field, "filing.bad_amount")
		} else {
			e.Add(field, "filing.bad_count")
		}
	}
}

// Message is a field's error in the reader's language, "" when it has none.
func (e FieldErrors) Message(l views.Lang, field string) string {
	fe, ok := e[field]
	if !ok {
		return ""
	}
	if fe.Key == "" {
		return fe.Text
	}
	return views.T(l, fe.Key, fe.Args...)
}

// validator is what every form implements.
type validator interface {
	Validate() FieldErrors
}

// noInput is a form with nothing typed in it: a button, whose only
// refusals are the Store's.
type noInput struct{}

// Validate finds nothing wrong: there is nothing to check.
func (noInput) Validate() FieldErrors { return nil }

// validate runs a form's Validate and, when it finds errors, puts the form
// as typed and its errors into data for the page to show them, and sets
// status 422. It reports whether the form was valid.
func validate(c *fiber.Ctx, f validator, data fiber.Map) bool {
	errs := f.Validate()
	if len(errs) == 0 {
		return true
	}
	c.Status(fiber.StatusUnprocessableEntity)
	data["Form"], data["Errors"] = f, errs
	return false
}

// refused shows a rule the Store refused (a models.ValidationError, such as
// a duplicate name or a step the state does not allow) the way validate
// shows a field's error: the form as typed, the Store's sentence (in the
// reader's language) beside the field it names when that is one of fields,
// above the form otherwise, status 422. It reports whether err was such a refusal.
func refused(c *fiber.Ctx, err error, f any, data fiber.Map, fields ...string) bool {
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		return false
	}
	field := formWide
	if slices.Contains(fields, verr.Field) {
		field = verr.Field
	}
	c.Status(fiber.StatusUnprocessableEntity)
	data["Form"], data["Errors"] = f, FieldErrors{field: {Text: verr.Text(lang(c))}}
	return true
}

// errorsFor is the template's view of a page of several forms: the errors
// of the form named, when it is the one rejected, else none.
func errorsFor(data fiber.Map, form string) FieldErrors {
	if data["Rejected"] != form {
		return nil
	}
	e, _ := data["Errors"].(FieldErrors)
	return e
}

// formFor is the template's view of a page of several forms: the form named
// as typed, when it is the one rejected, else a blank one (whose fields
// all read as empty).
func formFor(data fiber.Map, form string) any {
	if data["Rejected"] != form {
		return fiber.Map{}
	}
	return data["Form"]
}

// pageStep ends a form on a record's page (the form named form, the record
// the path's id): rejected by its Validate or by the Store (a step the
// record's state does not allow, say), show renders the page again with the
// form as typed and the errors beside fields; done, back to url(id) with
// the message step returns. Cases, requests and monitoring runs end their
// forms through it.
func (s *Server) pageStep(c *fiber.Ctx, form string, f validator, show func(*fiber.Ctx, fiber.Map) error, url func(uint) string,
	step func(v models.Viewer, id uint) (string, error), fields ...string) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	data := fiber.Map{"Rejected": form}
	if !validate(c, f, data) {
		return show(c, data)
	}
	msg, err := step(v, id)
	if refused(c, err, f, data, fields...) {
		return show(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, msg, url(id))
}

// unitOptions are the <option>s of a choice of departments, the one whose
// id prints as selected marked: written in one pass, since a template's
// range over a province's 3,000 units took most of a page's time (issue
// 27's mixed load).
func unitOptions(depts []models.Department, selected any) template.HTML {
	want := fmt.Sprint(selected)
	var b strings.Builder
	b.Grow(len(depts) * 48)
	for _, d := range depts {
		id := strconv.FormatUint(uint64(d.ID), 10)
		b.WriteString(`<option value="` + id + `"`)
		if id == want {
			b.WriteString(" selected")
		}
		b.WriteString(">" + template.HTMLEscapeString(d.Name) + "</option>")
	}
	return template.HTML(b.String()) // every text escaped above
}
