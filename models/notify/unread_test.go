package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
)

// The header's unread count stops past notify.UnreadShown: an inbox of
// 100,000 is not counted on every page (issue 27).
func TestUnreadIsBounded(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		modelstest.Must(t, migrations.Run(ctx, s))
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		inbox := func(user uint, unread, read int) {
			var ns []notify.Notification
			for i := range unread + read {
				n := notify.Notification{UserID: user, Kind: notify.KindRemind, Subject: "notify.mail.failed", Args: `["a@b.c"]`, Link: "/inbox", CreatedAt: now}
				if i >= unread {
					n.ReadAt = &now
				}
				ns = append(ns, n)
			}
			modelstest.Must(t, s.DB.CreateInBatches(ns, 100).Error)
		}
		inbox(1, notify.UnreadShown+20, 5)
		inbox(2, 3, 50)
		for _, tc := range []struct {
			user uint
			want int64
		}{{1, notify.UnreadShown + 1}, {2, 3}, {3, 0}} {
			n, err := notify.New(s).Unread(ctx, models.Viewer{UserID: tc.user})
			if err != nil || n != tc.want {
				t.Errorf("user %d: %d unread (%v), want %d", tc.user, n, err, tc.want)
			}
		}
	})
}
