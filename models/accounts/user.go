package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// NewUser is what the office (or the CLI) gives to create an account.
type NewUser struct {
	Username     string
	Name         string
	Role         models.Role
	DepartmentID uint
	Password     string
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// maxPasswordBytes is as much of a password as bcrypt reads.
const maxPasswordBytes = 72

// PasswordProblem is the rule for every new password, whoever sets it:
// at least MinPasswordLen characters besides the spaces around it (a
// password of spaces only is none), at most the bytes bcrypt reads. The
// password is kept as typed.
func PasswordProblem(field, password string) *models.ValidationError {
	switch trimmed := strings.TrimSpace(password); {
	case trimmed == "":
		return models.Invalid(field, "refuse.user.password_blank")
	case utf8.RuneCountInString(trimmed) < MinPasswordLen || len(password) > maxPasswordBytes:
		return models.Invalid(field, "form.password_short", MinPasswordLen)
	}
	return nil
}

// Problems lists what the rules refuse in a new account, at most one
// problem a field, in the form's order: the users form shows them all, the
// Store refuses with the first.
func (n NewUser) Problems() []*models.ValidationError {
	var out []*models.ValidationError
	add := func(p *models.ValidationError) {
		if p != nil {
			out = append(out, p)
		}
	}
	add(models.UsernameProblem(n.Username))
	if strings.TrimSpace(n.Name) == "" || utf8.RuneCountInString(n.Name) > 64 {
		add(models.Invalid("name", "refuse.user.name"))
	}
	if !n.Role.Valid() {
		add(models.Invalid("role", "refuse.user.role"))
	}
	if n.Role.HasDepartment() && n.DepartmentID == 0 {
		add(models.Invalid("department", "form.head_dept"))
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
var ErrUsernameTaken = models.Invalid("username", "refuse.user.taken")

// CreateUser hashes the password and stores the account, audit-logged.
func (s *Store) CreateUser(ctx context.Context, v models.Viewer, n NewUser) (*models.User, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := hashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	u := models.User{Username: models.NormalizeUsername(n.Username), Name: strings.TrimSpace(n.Name), Role: n.Role, PasswordHash: string(hash)}
	if n.Role.HasDepartment() {
		u.DepartmentID = &n.DepartmentID
	}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		if u.DepartmentID != nil {
			if err := tx.DB.First(&models.Department{}, *u.DepartmentID).Error; err != nil {
				return models.Invalid("department", "refuse.user.no_dept")
			}
		}
		if err := tx.DB.Create(&u).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrUsernameTaken
			}
			return fmt.Errorf("create user: %w", err)
		}
		return tx.Record("create", Entity, u.ID, nil, u)
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
func (s *Store) Authenticate(ctx context.Context, username, password string) (*models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).Where("username = ?", models.NormalizeUsername(username)).First(&u).Error
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

// Entity names accounts in the audit log: every change of one (and every
// sign-in) is recorded under it, so an account kept by its
// audit.Store.ChangesTo is never stale.
const Entity = "user"

// UserByID reads an account for the session middleware.
func (s *Store) UserByID(ctx context.Context, id uint) (*models.User, error) {
	var u models.User
	if err := s.DB.WithContext(ctx).First(&u, id).Error; err != nil {
		return nil, models.NotFound(err, "read user")
	}
	return &u, nil
}

// Users lists accounts for the office.
func (s *Store) Users(ctx context.Context, v models.Viewer) ([]models.User, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	var out []models.User
	if err := s.DB.WithContext(ctx).Preload("Department").Order("role, username").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}
