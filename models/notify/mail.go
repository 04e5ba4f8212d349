package notify

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// E-mail preferences, as Settings.Mode.
const (
	ModeImmediate = "immediate" // each notification when it is made
	ModeDigest    = "digest"    // one e-mail a day with the day's notifications
	ModeRequired  = "required"  // only what the regime requires, in the digest
)

// Modes lists the preferences in display order.
var Modes = []string{ModeImmediate, ModeDigest, ModeRequired}

// The states of a notification's e-mail for a digest reader.
const (
	MailDigest   = "digest"
	MailDigested = "digested"
)

// Settings are an account's e-mail address and how it takes its
// notifications by e-mail; without a row, none is mailed.
type Settings struct {
	UserID    uint   `gorm:"primaryKey;autoIncrement:false"`
	Email     string `gorm:"size:254;not null;default:''"`
	Mode      string `gorm:"size:16;not null;default:'immediate'"`
	UpdatedAt time.Time
}

// TableName names the table.
func (Settings) TableName() string { return "notify_settings" }

// Outbox states.
const (
	OutQueued = "queued"
	OutSent   = "sent"
	OutFailed = "failed" // given up after MaxAttempts
)

// MaxAttempts is how many times an e-mail is tried before it is given up and
// the office told.
const MaxAttempts = 6

// Mail is an e-mail waiting in the database to be sent, or sent: every
// instance of the app drains the same queue, and Key keeps one e-mail per
// notification (n:<id>) or per reader's day (d:<user>:<day>).
type Mail struct {
	ID        uint      `gorm:"primaryKey"`
	Key       string    `gorm:"size:64;not null;uniqueIndex:uk_notify_mail"`
	UserID    uint      `gorm:"not null;index"`
	To        string    `gorm:"column:to_addr;size:254;not null"`
	Subject   string    `gorm:"size:255;not null"`
	Body      string    `gorm:"type:text;not null"`
	Status    string    `gorm:"size:8;not null;index:idx_notify_mail_due,priority:1"`
	Attempts  int       `gorm:"not null;default:0"`
	NextAt    time.Time `gorm:"not null;index:idx_notify_mail_due,priority:2"`
	LastError string    `gorm:"size:500;not null;default:''"`
	CreatedAt time.Time `gorm:"not null"`
	SentAt    *time.Time
}

// TableName names the table.
func (Mail) TableName() string { return "notify_mail" }

// queue queues n's e-mail as its reader prefers: now, in the day's digest,
// or (ModeRequired) only what the regime requires, in the digest.
func queue(tx *models.Tx, n Notification) error {
	var st Settings
	if err := tx.DB.Where("user_id = ?", n.UserID).Limit(1).Find(&st).Error; err != nil {
		return fmt.Errorf("read mail settings: %w", err)
	}
	switch {
	case st.Email == "":
		return nil
	case st.Mode == ModeImmediate:
		subject := i18n.Word(i18n.Chinese, n)
		return enqueue(tx, Mail{Key: fmt.Sprintf("n:%d", n.ID), UserID: n.UserID, To: st.Email,
			Subject: i18n.T(i18n.Chinese, "notify.mail.subject", subject), Body: mailBody([]Notification{n}), CreatedAt: n.CreatedAt})
	case st.Mode == ModeDigest || n.Required:
		return tx.DB.Model(&Notification{}).Where("id = ?", n.ID).Update("mail", MailDigest).Error
	}
	return nil
}

// enqueue stores m once (its key), due now.
func enqueue(tx *models.Tx, m Mail) error {
	m.Status, m.NextAt = OutQueued, m.CreatedAt
	if err := tx.DB.Clauses(clause.OnConflict{DoNothing: true}).Create(&m).Error; err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// mailBody words notifications for an e-mail, in Chinese.
func mailBody(ns []Notification) string {
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s  %s\n", n.CreatedAt.Local().Format("2006-01-02 15:04"), i18n.Word(i18n.Chinese, n))
		if n.Note != "" {
			fmt.Fprintf(&b, "%s%s\n", i18n.T(i18n.Chinese, "notify.note"), "："+n.Note)
		}
		fmt.Fprintf(&b, "%s%s\n", i18n.T(i18n.Chinese, "notify.mail.link"), n.Link)
	}
	b.WriteString("\n" + i18n.T(i18n.Chinese, "notify.mail.footer") + "\n")
	return b.String()
}

// Digest queues, for each reader of the digest, one e-mail a day with the
// notifications of each day before today's that wait for it. Run twice or
// by two instances, a day's digest is queued once.
func (s *Store) Digest(ctx context.Context, now time.Time) (int, error) {
	start := scoring.DateOf(now.Local()).Time()
	var ns []Notification
	if err := s.DB.WithContext(ctx).Where("mail = ? AND created_at < ?", MailDigest, start).Order("user_id, created_at, id").Find(&ns).Error; err != nil {
		return 0, fmt.Errorf("read digest: %w", err)
	}
	type key struct {
		user uint
		day  scoring.Date
	}
	groups := map[key][]Notification{}
	var order []key
	for _, n := range ns {
		k := key{n.UserID, scoring.DateOf(n.CreatedAt.Local())}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	queued := 0
	for _, k := range order {
		group := groups[k]
		err := s.Audited(ctx, models.System, func(tx *models.Tx) error {
			var st Settings
			if err := tx.DB.Where("user_id = ?", k.user).Limit(1).Find(&st).Error; err != nil {
				return fmt.Errorf("read mail settings: %w", err)
			}
			ids := make([]uint, len(group))
			for i, n := range group {
				ids[i] = n.ID
			}
			if err := tx.DB.Model(&Notification{}).Where("id IN ?", ids).Update("mail", MailDigested).Error; err != nil {
				return fmt.Errorf("mark digested: %w", err)
			}
			if st.Email == "" {
				return nil
			}
			queued++
			return enqueue(tx, Mail{Key: fmt.Sprintf("d:%d:%s", k.user, k.day), UserID: k.user, To: st.Email,
				Subject: i18n.T(i18n.Chinese, "notify.mail.digest", k.day.String(), len(group)), Body: mailBody(group), CreatedAt: now.UTC()})
		})
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

// Backoff is how long an e-mail waits after its attempts-th failure: a
// minute, doubling, at most six hours.
func Backoff(attempts int) time.Duration {
	d := time.Minute << min(max(attempts-1, 0), 9)
	return min(d, 6*time.Hour)
}

// Sender sends e-mails.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Drain sends the e-mails due on now, at most limit: each is claimed by one
// instance, sent, and on failure put back with its error, due again after
// Backoff; after MaxAttempts it is given up and the office is told. Without
// a sender nothing is sent and nothing fails.
func (s *Store) Drain(ctx context.Context, sender Sender, now time.Time, limit int) (sent int, err error) {
	if sender == nil {
		return 0, nil
	}
	var due []Mail
	if err := s.DB.WithContext(ctx).Where("status = ? AND next_at <= ?", OutQueued, now.UTC()).Order("next_at, id").Limit(limit).Find(&due).Error; err != nil {
		return 0, fmt.Errorf("read mail queue: %w", err)
	}
	for _, m := range due {
		// Claim it: another instance that read it too finds it moved on.
		hold := now.UTC().Add(10 * time.Minute)
		res := s.DB.WithContext(ctx).Model(&Mail{}).Where("id = ? AND status = ? AND attempts = ? AND next_at <= ?", m.ID, OutQueued, m.Attempts, now.UTC()).
			Update("next_at", hold)
		if res.Error != nil {
			return sent, fmt.Errorf("claim mail: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			continue
		}
		if err := sender.Send(ctx, m.To, m.Subject, m.Body); err != nil {
			if err := s.failed(ctx, m, err, now); err != nil {
				return sent, err
			}
			continue
		}
		at := now.UTC()
		if err := s.DB.WithContext(ctx).Model(&Mail{}).Where("id = ?", m.ID).
			Updates(map[string]any{"status": OutSent, "sent_at": at, "attempts": m.Attempts + 1, "last_error": ""}).Error; err != nil {
			return sent, fmt.Errorf("mark mail sent: %w", err)
		}
		sent++
	}
	return sent, nil
}

// failed puts a mail back with its error, or gives it up and tells the office.
func (s *Store) failed(ctx context.Context, m Mail, cause error, now time.Time) error {
	msg := cause.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	m.Attempts++
	upd := map[string]any{"attempts": m.Attempts, "last_error": msg, "next_at": now.UTC().Add(Backoff(m.Attempts))}
	if m.Attempts < MaxAttempts {
		return s.DB.WithContext(ctx).Model(&Mail{}).Where("id = ?", m.ID).Updates(upd).Error
	}
	upd["status"] = OutFailed
	return s.Audited(ctx, models.System, func(tx *models.Tx) error {
		if err := tx.DB.Model(&Mail{}).Where("id = ?", m.ID).Updates(upd).Error; err != nil {
			return fmt.Errorf("give mail up: %w", err)
		}
		return ToAction(tx, models.ActAdminister, Message{Kind: KindMailError, Subject: "notify.mail.failed", Args: []string{m.To},
			Link: "/inbox/mail"}, now)
	})
}

// Troubles lists the e-mails that failed at least once and are not sent,
// newest first, for the office.
func (s *Store) Troubles(ctx context.Context, v models.Viewer) ([]Mail, error) {
	if !v.Can(models.ActAdminister) {
		return nil, models.ErrForbidden
	}
	var out []Mail
	err := s.DB.WithContext(ctx).Omit("body").Where("status <> ? AND attempts > 0", OutSent).Order("id desc").Limit(200).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("read mail troubles: %w", err)
	}
	return out, nil
}

// SettingsOf reads the viewer's e-mail settings (immediate, no address, when
// none are stored).
func (s *Store) SettingsOf(ctx context.Context, v models.Viewer) (Settings, error) {
	st := Settings{UserID: v.UserID, Mode: ModeImmediate}
	if err := s.DB.WithContext(ctx).Where("user_id = ?", v.UserID).Limit(1).Find(&st).Error; err != nil {
		return st, fmt.Errorf("read mail settings: %w", err)
	}
	return st, nil
}

// settingsEntity names e-mail settings in the audit log.
const settingsEntity = "notify_settings"

// SaveSettings stores the viewer's e-mail address ("" for none) and mode.
func (s *Store) SaveSettings(ctx context.Context, v models.Viewer, email, mode string, now time.Time) error {
	email = strings.TrimSpace(email)
	if email != "" {
		a, err := mail.ParseAddress(email)
		if err != nil || a.Address != email || len(email) > 254 {
			return models.Invalid("email", "notify.refuse.email")
		}
	}
	valid := false
	for _, m := range Modes {
		valid = valid || m == mode
	}
	if !valid {
		return models.Invalid("mode", "notify.refuse.mode")
	}
	st := Settings{UserID: v.UserID, Email: email, Mode: mode, UpdatedAt: now.UTC()}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Clauses(clause.OnConflict{UpdateAll: true}).Create(&st).Error; err != nil {
			return fmt.Errorf("save mail settings: %w", err)
		}
		return tx.Record("update", settingsEntity, v.UserID, nil, map[string]any{"email": email, "mode": mode})
	})
}
