package notify

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/stamps"
)

// Store is the inbox's room on the core's Store.
type Store struct{ *models.Store }

// New returns the room.
func New(s *models.Store) *Store { return &Store{s} }

// InboxPage is a page of an inbox, newest first.
type InboxPage struct {
	Rows        []Notification
	Total       int // the notifications listed, on every page
	Page, Pages int // this page, of
}

// Inbox reads page p (from 1) of the viewer's notifications, newest first,
// models.PageSize a page: the unread only when unread is set.
func (s *Store) Inbox(ctx context.Context, v models.Viewer, unread bool, p int) (*InboxPage, error) {
	q := func() *gorm.DB {
		q := s.DB.WithContext(ctx).Model(&Notification{}).Where("user_id = ?", v.UserID)
		if unread {
			q = q.Where("read_at IS NULL")
		}
		return q
	}
	var total int64
	if err := q().Count(&total).Error; err != nil {
		return nil, fmt.Errorf("count inbox: %w", err)
	}
	out := &InboxPage{Total: int(total)}
	var lo int
	out.Page, out.Pages, lo = models.Paging(out.Total, p)
	if err := q().Order("created_at desc, id desc").Offset(lo).Limit(models.PageSize).Find(&out.Rows).Error; err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	return out, nil
}

// Stamp is where the inboxes stand: every notification sent or read, and
// every e-mail setting saved, moves it, so a page of an inbox, its unread
// count and its settings kept by it are never stale. It is read with the
// other stamps (models.Stamps), for many requests at once.
type Stamp struct {
	Inboxes  int64 // stamps.Inboxes
	Settings int64 // the last settings saved
}

// StampOf reads where the inboxes stand.
func (s *Store) StampOf(ctx context.Context) (Stamp, error) {
	st, err := s.Stamps(ctx)
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{Inboxes: st.Head(stamps.Inboxes), Settings: st.To(settingsEntity)}, nil
}

// UnreadShown is the most unread notifications the header counts: beyond
// it, it says "99+", and a count of an inbox of 100,000 stops there.
const UnreadShown = 99

// Unread counts the viewer's unread notifications, for the header, up to
// UnreadShown+1: every page asks, so the count is bounded.
func (s *Store) Unread(ctx context.Context, v models.Viewer) (int64, error) {
	var n int64
	if v.UserID == 0 {
		return 0, nil
	}
	unread := s.DB.WithContext(ctx).Model(&Notification{}).Select("id").Where("user_id = ? AND read_at IS NULL", v.UserID).Limit(UnreadShown + 1)
	err := s.DB.WithContext(ctx).Table("(?) AS unread", unread).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count unread: %w", err)
	}
	return n, nil
}

// MarkRead marks one of the viewer's notifications read (id 0: all of
// them) and returns where its work is done. Another account's notification
// is a 404; reading one twice keeps the first time.
func (s *Store) MarkRead(ctx context.Context, v models.Viewer, id uint, now time.Time) (string, error) {
	var n Notification
	if id != 0 {
		if err := s.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, v.UserID).First(&n).Error; err != nil {
			return "", models.ErrNotFound
		}
	}
	err := s.Transaction(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", v.UserID)
		if id != 0 {
			q = q.Where("id = ?", id)
		}
		res := q.Update("read_at", now.UTC())
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return stamps.Bump(tx, stamps.Inboxes)
	})
	if err != nil {
		return "", fmt.Errorf("mark read: %w", err)
	}
	return n.Link, nil
}

// Receipt is one reader of a notification sent to many: who, of which
// department, and when they read it (nil: unread).
type Receipt struct {
	UserID       uint
	Name         string
	DepartmentID uint
	SentAt       time.Time
	ReadAt       *time.Time
	Note         string
}

// Receipts lists who a group of notifications (their Ref) went to and when
// each read it, by department and name; for the sender's page.
func (s *Store) Receipts(ctx context.Context, ref string) ([]Receipt, error) {
	var ns []Notification
	if err := s.DB.WithContext(ctx).Where("ref = ?", ref).Order("created_at, id").Find(&ns).Error; err != nil {
		return nil, fmt.Errorf("read receipts: %w", err)
	}
	if len(ns) == 0 {
		return nil, nil
	}
	ids := make([]uint, len(ns))
	for i, n := range ns {
		ids[i] = n.UserID
	}
	var users []models.User
	if err := s.DB.WithContext(ctx).Where("id IN ?", ids).Find(&users).Error; err != nil {
		return nil, fmt.Errorf("read receivers: %w", err)
	}
	byID := map[uint]models.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]Receipt, 0, len(ns))
	for _, n := range ns {
		u := byID[n.UserID]
		r := Receipt{UserID: n.UserID, Name: u.Name, SentAt: n.CreatedAt, ReadAt: n.ReadAt, Note: n.Note}
		if u.DepartmentID != nil {
			r.DepartmentID = *u.DepartmentID
		}
		out = append(out, r)
	}
	return out, nil
}
