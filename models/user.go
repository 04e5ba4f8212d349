package models

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/i18n"
)

// User is a person who signs in.
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;not null;uniqueIndex"`
	Name         string `gorm:"size:64;not null"`
	Role         Role   `gorm:"size:16;not null"`
	DepartmentID *uint  `gorm:"index"` // a role of one department only
	Department   *Department
	PasswordHash string `gorm:"size:100;not null" json:"-"`
	Disabled     bool   `gorm:"not null;default:false"`
	// SessionEpoch counts the times every session of the account was ended
	// (a password change or reset, the office's "end all sessions"); a
	// session remembers the epoch it signed in under.
	SessionEpoch int `gorm:"not null;default:0"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Viewer returns who the user is for authorization.
func (u User) Viewer() Viewer {
	v := Viewer{UserID: u.ID, Name: u.Name, Role: u.Role}
	if u.DepartmentID != nil {
		v.DepartmentID = *u.DepartmentID
	}
	return v
}

// ValidationError says which field a user got wrong. Key and Args name its
// sentence in the catalog (package i18n), for a page in the reader's language;
// Message is that sentence in Chinese, for the command line, the API and
// the run messages stored with imports.
type ValidationError struct {
	Field   string
	Message string
	Key     string
	Args    []any
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

// Invalid refuses field with the catalog's sentence key, formatted with
// args (a i18n.Phrase among them is worded in the same language).
func Invalid(field, key string, args ...any) *ValidationError {
	return &ValidationError{Field: field, Message: i18n.T(i18n.Chinese, key, args...), Key: key, Args: args}
}

// MaxText bounds a written text (说明, reasons, statements, findings,
// drafts), in characters: every form and import takes at most this much,
// and the Store checks it again with CheckText.
const MaxText = 20000

// CheckText trims a written text and checks it: present when required, at
// most max characters of valid UTF-8. label is the catalog key naming the
// field in the refusal.
func CheckText(field string, label i18n.Phrase, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		return "", Invalid(field, "refuse.text.required", label)
	case !utf8.ValidString(s) || utf8.RuneCountInString(s) > max:
		return "", Invalid(field, "refuse.text.too_long", label, max)
	}
	return s, nil
}

// Text is the refusal in lang: the catalog's sentence when the error names
// one, else Message.
func (e *ValidationError) Text(lang i18n.Lang) string {
	if e.Key == "" {
		return e.Message
	}
	return i18n.T(lang, e.Key, e.Args...)
}
