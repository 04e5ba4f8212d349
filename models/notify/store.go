package notify

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
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

// mark counts the times an account marked notifications read, so that
// its inbox's Stamp moves with each (marking read is not audited).
type mark struct {
	UserID uint  `gorm:"primaryKey;autoIncrement:false"`
	Marks  int64 `gorm:"not null;default:0"`
}

// TableName names the table.
func (mark) TableName() string { return "notify_marks" }

// Stamp is where an inbox stands: its newest notification and how many
// times its account marked some read. Anything that changes what the inbox
// shows moves it (a notification arrives, one or all are marked read), so
// a page kept by it is never stale; reading it is one indexed lookup.
type Stamp struct {
	Newest uint
	Marks  int64
}

// StampOf reads where the viewer's inbox stands.
func (s *Store) StampOf(ctx context.Context, v models.Viewer) (Stamp, error) {
	var newest, marks sql.NullInt64
	err := s.DB.WithContext(ctx).Raw(`SELECT (SELECT MAX(id) FROM notifications WHERE user_id = ?),
		(SELECT marks FROM notify_marks WHERE user_id = ?)`, v.UserID, v.UserID).Row().Scan(&newest, &marks)
	if err != nil {
		return Stamp{}, fmt.Errorf("read inbox stamp: %w", err)
	}
	return Stamp{Newest: uint(newest.Int64), Marks: marks.Int64}, nil
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
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", v.UserID)
		if id != 0 {
			q = q.Where("id = ?", id)
		}
		res := q.Update("read_at", now.UTC())
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}}, DoUpdates: clause.Assignments(map[string]any{"marks": gorm.Expr("marks + 1")})}).
			Create(&mark{UserID: v.UserID, Marks: 1}).Error
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
