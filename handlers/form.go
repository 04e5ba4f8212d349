package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/views"
)

// Forms, one way. A form is a struct of the strings a user typed, read
// from the request in one place, with a Validate method that reads nothing
// but the struct and answers FieldErrors: for each field, the message key
// (views/i18n*.go) of what is wrong with it. A rejected form is shown again
// with the struct as typed (never the stored values) and each message
// beside its field, status 422, through formError; templates draw a field
// with partials/field, which shows the typed value and its error.

// FieldErrors says what is wrong with the fields of a form: a message key
// and its arguments per field name; empty when the form is valid.
type FieldErrors map[string]FieldError

// FieldError is a message key of the catalog and its arguments.
type FieldError struct {
	Key  string
	Args []any
}

// Add records what is wrong with a field; the first error of a field wins.
func (e FieldErrors) Add(field, key string, args ...any) {
	if _, ok := e[field]; !ok {
		e[field] = FieldError{Key: key, Args: args}
	}
}

// Message is a field's error in the reader's language, "" when it has none.
func (e FieldErrors) Message(l views.Lang, field string) string {
	fe, ok := e[field]
	if !ok {
		return ""
	}
	return views.T(l, fe.Key, fe.Args...)
}

// validator is what every form implements.
type validator interface {
	Validate() FieldErrors
}

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
