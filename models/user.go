package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
)

// User is a person who signs in.
type User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;not null;uniqueIndex"`
	Name         string `gorm:"size:64;not null"`
	Role         Role   `gorm:"size:16;not null"`
	DepartmentID *uint  `gorm:"index"` // RoleHead only
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

// NewUser is what the office (or the CLI) gives to create an account.
type NewUser struct {
	Username     string
	Name         string
	Role         Role
	DepartmentID uint
	Password     string
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

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// maxPasswordBytes is as much of a password as bcrypt reads.
const maxPasswordBytes = 72

// PasswordProblem is the rule for every new password, whoever sets it:
// at least MinPasswordLen characters besides the spaces around it (a
// password of spaces only is none), at most the bytes bcrypt reads. The
// password is kept as typed.
func PasswordProblem(field, password string) *ValidationError {
	switch trimmed := strings.TrimSpace(password); {
	case trimmed == "":
		return Invalid(field, "refuse.user.password_blank")
	case utf8.RuneCountInString(trimmed) < MinPasswordLen || len(password) > maxPasswordBytes:
		return Invalid(field, "form.password_short", MinPasswordLen)
	}
	return nil
}

// Problems lists what the rules refuse in a new account, at most one
// problem a field, in the form's order: the users form shows them all, the
// Store refuses with the first.
func (n NewUser) Problems() []*ValidationError {
	var out []*ValidationError
	add := func(p *ValidationError) {
		if p != nil {
			out = append(out, p)
		}
	}
	add(usernameProblem(n.Username))
	if strings.TrimSpace(n.Name) == "" || utf8.RuneCountInString(n.Name) > 64 {
		add(Invalid("name", "refuse.user.name"))
	}
	if !n.Role.Valid() {
		add(Invalid("role", "refuse.user.role"))
	}
	if n.Role.HasDepartment() && n.DepartmentID == 0 {
		add(Invalid("department", "form.head_dept"))
	}
	add(PasswordProblem("password", n.Password))
	return out
}

// Validate checks a new account before anything is written.
func (n NewUser) Validate() error {
	if p := n.Problems(); len(p) > 0 {
		return p[0]
	}
	return nil
}

// ErrUsernameTaken: another account has that username.
var ErrUsernameTaken = Invalid("username", "refuse.user.taken")

// CreateUser hashes the password and stores the account, audit-logged.
func (s *Store) CreateUser(ctx context.Context, v Viewer, n NewUser) (*User, error) {
	if !v.IsOffice() {
		return nil, ErrForbidden
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	u := User{Username: NormalizeUsername(n.Username), Name: strings.TrimSpace(n.Name), Role: n.Role, PasswordHash: string(hash)}
	if n.Role.HasDepartment() {
		u.DepartmentID = &n.DepartmentID
	}
	err = s.Audited(ctx, v, func(tx *Tx) error {
		if u.DepartmentID != nil {
			if err := tx.DB.First(&Department{}, *u.DepartmentID).Error; err != nil {
				return Invalid("department", "refuse.user.no_dept")
			}
		}
		if err := tx.DB.Create(&u).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrUsernameTaken
			}
			return fmt.Errorf("create user: %w", err)
		}
		return tx.Record("create", "user", u.ID, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// ErrBadCredentials: unknown user, wrong password or disabled account. One
// error for all three, so a sign-in page does not reveal which usernames exist.
var ErrBadCredentials = errors.New("bad credentials")

// Authenticate checks a username, in any of its forms (NormalizeUsername),
// and password.
func (s *Store) Authenticate(ctx context.Context, username, password string) (*User, error) {
	var u User
	err := s.DB.WithContext(ctx).Where("username = ?", NormalizeUsername(username)).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// Spend the same time as a real check so timing does not tell.
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("read user: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || u.Disabled {
		return nil, ErrBadCredentials
	}
	return &u, nil
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("gongkai-timing-equaliser"), bcrypt.DefaultCost)

// UserByID reads an account for the session middleware.
func (s *Store) UserByID(ctx context.Context, id uint) (*User, error) {
	var u User
	if err := s.DB.WithContext(ctx).First(&u, id).Error; err != nil {
		return nil, notFound(err, "read user")
	}
	return &u, nil
}

// Users lists accounts for the office.
func (s *Store) Users(ctx context.Context, v Viewer) ([]User, error) {
	if !v.IsOffice() {
		return nil, ErrForbidden
	}
	var out []User
	if err := s.DB.WithContext(ctx).Preload("Department").Order("role, username").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}
