// Package notify is the inbox of every account (issue 26): the
// notifications the Store makes in the same transaction as the change they
// tell of, the deadline reminders, the office's 催办 and who read it, and the
// e-mail queue that carries them out when an SMTP server is configured.
package notify

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/stamps"
)

// The kinds of notification, as Notification.Kind.
const (
	KindNotice    = "notice"    // a notice or document to sign for (签收)
	KindRemind    = "remind"    // the office's reminder (催办)
	KindDeadline  = "deadline"  // a deadline reminder
	KindAnswered  = "answered"  // an objection answered
	KindDecided   = "decided"   // a case decided or its notice issued
	KindDocument  = "document"  // a document issued to the department
	KindMailError = "mail_fail" // an e-mail that could not be sent, for the office
)

// Bounds of what a notification stores.
const (
	maxNote = 500
	maxLink = 255
	maxArgs = 1000
)

// Notification is one message in an account's inbox: its subject is a key
// of the catalog with its arguments, rendered in the reader's language.
type Notification struct {
	ID uint `gorm:"primaryKey"`
	// UserID is the account whose inbox holds it.
	UserID  uint   `gorm:"not null;index:idx_notification_inbox,priority:1"`
	Kind    string `gorm:"size:16;not null"`
	Subject string `gorm:"size:64;not null"`   // catalog key
	Args    string `gorm:"size:1000;not null"` // JSON array of strings
	Note    string `gorm:"size:500;not null;default:''"`
	Link    string `gorm:"size:255;not null"`
	// Ref groups the notifications of one act (a 催办 sent to seven units),
	// so that the sender lists who read them.
	Ref string `gorm:"size:64;not null;default:'';index"`
	// Required marks what the regime requires the reader to act on: a
	// preference may delay its e-mail to the digest, never drop it.
	Required bool       `gorm:"not null;default:false"`
	ReadAt   *time.Time `gorm:"index:idx_notification_inbox,priority:2"`
	// Mail is its e-mail's state for a reader who takes the daily digest:
	// MailDigest waiting for the day's digest, MailDigested in one.
	Mail      string    `gorm:"size:8;not null;default:'';index"`
	CreatedAt time.Time `gorm:"not null"`
}

// TableName names the table.
func (Notification) TableName() string { return "notifications" }

// Keyed names the subject with its arguments, for i18n.Word: an argument
// made by Phrase is worded in the reader's language.
func (n Notification) Keyed() (string, []any) {
	var args []string
	_ = json.Unmarshal([]byte(n.Args), &args)
	out := make([]any, len(args))
	for i, a := range args {
		if k, ok := strings.CutPrefix(a, phrasePrefix); ok {
			out[i] = i18n.Phrase(k)
		} else {
			out[i] = a
		}
	}
	return n.Subject, out
}

const phrasePrefix = "i18n:"

// Phrase is an argument of a subject worded in the reader's language (a
// catalog key), where a plain argument is shown as it is.
func Phrase(key string) string { return phrasePrefix + key }

// Message is what a notification says, before it knows its readers.
type Message struct {
	Kind    string
	Subject string   // catalog key
	Args    []string // its arguments, already words (a department's name, a date)
	Note    string   // the sender's note, as typed
	Link    string   // where the work is done
	Ref     string
	// Required: see Notification.Required.
	Required bool
}

// row makes the stored notification of m for one account.
func (m Message) row(user uint, at time.Time) (Notification, error) {
	args, err := json.Marshal(m.Args)
	if err != nil {
		return Notification{}, err
	}
	note, err := models.CheckText("note", "notify.note", m.Note, maxNote, false)
	if err != nil {
		return Notification{}, err
	}
	if len(args) > maxArgs || len(m.Link) > maxLink || m.Subject == "" {
		return Notification{}, fmt.Errorf("notification %s too large", m.Subject)
	}
	return Notification{UserID: user, Kind: m.Kind, Subject: m.Subject, Args: string(args), Note: note, Link: m.Link,
		Ref: m.Ref, Required: m.Required, CreatedAt: at.UTC()}, nil
}

// In puts m in the inboxes of users, inside tx: the transaction of the change
// it tells of, so that none is lost and none tells of what did not happen.
// Each notification is queued for e-mail as its reader prefers (mail.go).
// Duplicate and zero ids are skipped.
func In(tx *models.Tx, m Message, at time.Time, users ...uint) error {
	seen := map[uint]bool{0: true}
	for _, u := range users {
		if seen[u] {
			continue
		}
		seen[u] = true
		n, err := m.row(u, at)
		if err != nil {
			return err
		}
		if err := tx.DB.Create(&n).Error; err != nil {
			return fmt.Errorf("notify: %w", err)
		}
		if err := queue(tx, n); err != nil {
			return err
		}
	}
	if len(seen) == 1 {
		return nil
	}
	return stamps.Bump(tx.DB, stamps.Inboxes)
}

// ToDepartment puts m in the inbox of every active account of department
// dept that may do action a (the permission table decides: a head files for
// the department, a clerk reads its requesters).
func ToDepartment(tx *models.Tx, dept uint, a models.Action, m Message, at time.Time) error {
	users, err := Holders(tx, a, dept)
	if err != nil {
		return err
	}
	return In(tx, m, at, users...)
}

// ToAction puts m in the inbox of every active account that may do action a
// whatever its department (the office's list: models.ActAdminister).
func ToAction(tx *models.Tx, a models.Action, m Message, at time.Time) error {
	users, err := Holders(tx, a, 0)
	if err != nil {
		return err
	}
	return In(tx, m, at, users...)
}

// Holders lists the active accounts that may do a, of department dept (0:
// any), by id.
func Holders(tx *models.Tx, a models.Action, dept uint) ([]uint, error) {
	q := tx.DB.Model(&models.User{}).Where("disabled = ?", false).Order("id")
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	var users []models.User
	if err := q.Find(&users).Error; err != nil {
		return nil, fmt.Errorf("read accounts: %w", err)
	}
	var out []uint
	for _, u := range users {
		if u.Viewer().Can(a) {
			out = append(out, u.ID)
		}
	}
	return out, nil
}
