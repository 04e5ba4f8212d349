// Package accounts keeps the accounts of the people who sign in: creating
// them, signing in (with the throttle on failed attempts), changing and
// resetting passwords, and the sessions the web server keeps.
package accounts

import (
	"context"
	"fmt"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/gongkai/gongkai/models"
)

// Store keeps the accounts in the application's database.
type Store struct{ *models.Store }

// New returns the account store on s.
func New(s *models.Store) *Store { return &Store{s} }

// Account changes: the office disables, enables, resets passwords and ends
// sessions; everyone changes their own password. Each is audit-logged
// without the password or its hash, and a password change or reset ends
// every session signed in before it.

// AccountAction is what the office does to an account.
type AccountAction string

// The office's account actions.
const (
	AccountDisable     AccountAction = "disable"
	AccountEnable      AccountAction = "enable"
	AccountEndSessions AccountAction = "end_sessions"
)

// ErrLastOffice: the office would lock itself out.
var ErrLastOffice = models.Invalid("user", "refuse.user.last_office")

// ChangeAccount disables, enables or ends the sessions of account id.
// Office only; the office cannot disable its last enabled office account.
func (s *Store) ChangeAccount(ctx context.Context, v models.Viewer, id uint, a AccountAction) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		u, err := lockUser(tx, id)
		if err != nil {
			return err
		}
		before := accountState(u)
		switch a {
		case AccountDisable:
			if (models.Viewer{Role: u.Role}).Can(models.ActAdminister) && !u.Disabled {
				var others int64
				if err := tx.DB.Model(&models.User{}).Where("role IN ? AND disabled = ? AND id <> ?", models.Allowed(models.ActAdminister), false, u.ID).Count(&others).Error; err != nil {
					return fmt.Errorf("count office accounts: %w", err)
				}
				if others == 0 {
					return ErrLastOffice
				}
			}
			u.Disabled = true
		case AccountEnable:
			u.Disabled = false
		case AccountEndSessions:
			u.SessionEpoch++
		default:
			return models.ErrNotFound
		}
		if err := tx.DB.Model(u).Select("disabled", "session_epoch", "updated_at").Updates(u).Error; err != nil {
			return fmt.Errorf("update account: %w", err)
		}
		return tx.Record(string(a), Entity, u.ID, before, accountState(u))
	})
}

// ResetPassword sets a new password for account id and ends its sessions.
// Office only.
func (s *Store) ResetPassword(ctx context.Context, v models.Viewer, id uint, password string) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	_, err := s.setPassword(ctx, v, id, "reset_password", password)
	return err
}

// ErrWrongPassword: the current password given to change it is wrong.
var ErrWrongPassword = models.Invalid("current", "refuse.user.wrong_password")

// ChangeOwnPassword checks the current password and sets a new one; every
// session of the account ends, and the caller goes on in a new one under
// the epoch returned.
func (s *Store) ChangeOwnPassword(ctx context.Context, v models.Viewer, current, password string) (epoch int, err error) {
	u, err := s.UserByID(ctx, v.UserID)
	if err != nil {
		return 0, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(current)) != nil {
		return 0, ErrWrongPassword
	}
	return s.setPassword(ctx, v, v.UserID, "change_password", password)
}

func (s *Store) setPassword(ctx context.Context, v models.Viewer, id uint, action, password string) (epoch int, err error) {
	if p := PasswordProblem("password", password); p != nil {
		return 0, p
	}
	hash, err := hashPassword(password)
	if err != nil {
		return 0, err
	}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		u, err := lockUser(tx, id)
		if err != nil {
			return err
		}
		before := accountState(u)
		u.PasswordHash = string(hash)
		u.SessionEpoch++
		if err := tx.DB.Model(u).Select("password_hash", "session_epoch", "updated_at").Updates(u).Error; err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		epoch = u.SessionEpoch
		return tx.Record(action, Entity, u.ID, before, accountState(u))
	})
	return epoch, err
}

// lockUser reads an account inside the transaction that changes it, locked
// for the transaction on MySQL, so that the audit entry's before is the
// row as it was when it was changed.
func lockUser(tx *models.Tx, id uint) (*models.User, error) {
	var u models.User
	if err := tx.ForUpdate().First(&u, id).Error; err != nil {
		return nil, models.NotFound(err, "read user")
	}
	return &u, nil
}

// accountState is what the audit log says of an account: never its hash.
func accountState(u *models.User) map[string]any {
	return map[string]any{"username": u.Username, "role": u.Role, "department_id": u.DepartmentID, "disabled": u.Disabled, "session_epoch": u.SessionEpoch}
}

// RecordSignInFailure logs a failed sign-in: the name tried (cut to 64
// characters) and the address.
func (s *Store) RecordSignInFailure(ctx context.Context, username, addr string) error {
	if utf8.RuneCountInString(username) > 64 {
		username = string([]rune(username)[:64])
	}
	if !utf8.ValidString(username) {
		username = "?"
	}
	return s.Audited(ctx, models.Viewer{Name: "-"}, func(tx *models.Tx) error {
		return tx.Record("sign_in_failed", Entity, username, nil, map[string]string{"ip": addr})
	})
}

// hashPassword is bcrypt at its default cost.
func hashPassword(pw string) ([]byte, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}
