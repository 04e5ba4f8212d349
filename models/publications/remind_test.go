package publications_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/models/publications"
)

// The office reminds (催办) those who have not acted on a document: the
// head who holds the pending review step and the consulted department that
// has not answered; each reads it in the inbox with the note, the office's
// list says who read it when; a step signed or a letter answered meanwhile
// refuses the reminder in Chinese, nothing of it sent.
func TestRemindWhoHasNotActed(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		accounts(t, s, &b.clerk, &b.head, &b.leader1, &b.leader2, &b.secrecy, &b.xjClerk, &b.office)
		ps := publications.New(s)
		w := b.register(t, s, "ZA-2025-040", "2025-09-26")
		ok := publications.Opinion{Opinion: "公开", Basis: "不涉及国家秘密"}
		modelstest.Must(t, ps.SignStep(ctx, b.clerk, w.ID, 1, ok, at("2025-09-29")))
		_, err := ps.Consult(ctx, b.clerk, w.ID, publications.Letter{Asked: b.xj.ID, Text: "征求意见", Contact: "张三"}, at("2025-09-30"))
		modelstest.Must(t, err)
		sent := func() int64 {
			var n int64
			modelstest.Must(t, s.DB.Model(&notify.Notification{}).Where("ref = ?", publications.RemindRef(w.ID)).Count(&n).Error)
			return n
		}

		for _, c := range []struct {
			name  string
			v     models.Viewer
			step  int
			depts []uint
			note  string
			key   string
			err   error
		}{
			{"a clerk does not remind", b.clerk, 2, nil, "", "", models.ErrForbidden},
			{"nobody chosen", b.office, 0, nil, "", "receipts.refuse.no_target", nil},
			{"a signed step", b.office, 1, nil, "", "receipts.refuse.step_done", nil},
			{"a step not yet due", b.office, 3, nil, "", "receipts.refuse.step_done", nil},
			{"a department not consulted", b.office, 0, []uint{b.bm.ID}, "", "", models.ErrNotFound},
			{"a note too long", b.office, 2, nil, strings.Repeat("催", publications.MaxRemindNote+1), "refuse.text.too_long", nil},
		} {
			err := ps.Remind(ctx, c.v, w.ID, c.step, c.depts, c.note, at("2025-10-09"))
			var verr *models.ValidationError
			switch {
			case c.err != nil && !errors.Is(err, c.err):
				t.Errorf("%s: %v, want %v", c.name, err, c.err)
			case c.key != "" && (!errors.As(err, &verr) || !strings.HasPrefix(verr.Key, c.key)):
				t.Errorf("%s: %v, want the refusal %s", c.name, err, c.key)
			}
		}
		if n := sent(); n != 0 {
			t.Fatalf("refused reminders sent %d notifications", n)
		}

		modelstest.Must(t, ps.Remind(ctx, b.office, w.ID, 2, []uint{b.xj.ID}, "请今日办结", at("2025-10-09")))
		for _, v := range []models.Viewer{b.head, b.xjClerk} {
			got := inbox(t, s, v.UserID)
			if len(got) == 0 || got[len(got)-1] != "receipts.remind.publication|"+w.Title+",办公室" {
				t.Errorf("%s's inbox: %q, want the reminder", v.Name, got)
			}
		}
		if got := inbox(t, s, b.leader1.UserID); len(got) != 0 {
			t.Errorf("a leader not holding the step is reminded: %q", got)
		}
		_, err = notify.New(s).MarkRead(ctx, b.head, 0, at("2025-10-09").Add(3600e9))
		modelstest.Must(t, err)
		rs, err := ps.Reminders(ctx, b.office, w.ID)
		modelstest.Must(t, err)
		read := map[string]bool{}
		for _, r := range rs {
			read[r.Name] = r.ReadAt != nil
			if r.Note != "请今日办结" {
				t.Errorf("%s's reminder keeps the note %q", r.Name, r.Note)
			}
		}
		if len(rs) != 2 || !read[b.head.Name] || read[b.xjClerk.Name] {
			t.Errorf("reminders read: %v (%d), want the head's read and the clerk's unread", read, len(rs))
		}
		if _, err := ps.Reminders(ctx, b.clerk, w.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a clerk reads the reminders: %v", err)
		}
		var audited int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND action = ?", "publication_work", "remind").Count(&audited).Error)
		if audited != 1 {
			t.Errorf("%d audit entries of reminders, want 1", audited)
		}

		// Acted meanwhile: the page's choice is stale, the whole reminder refused.
		modelstest.Must(t, ps.SignStep(ctx, b.head, w.ID, 2, ok, at("2025-10-10")))
		before := sent()
		refusedWith(t, ps.Remind(ctx, b.office, w.ID, 2, []uint{b.xj.ID}, "", at("2025-10-10")), "receipts.refuse.step_done")
		cs, err := ps.Work(ctx, b.office, w.ID, day("2025-10-10"))
		modelstest.Must(t, err)
		modelstest.Must(t, ps.Answer(ctx, b.xjClerk, cs.Consultations[0].ID, "同意", "", at("2025-10-10")))
		refusedWith(t, ps.Remind(ctx, b.office, w.ID, 3, []uint{b.xj.ID}, "", at("2025-10-10")), "receipts.refuse.answered")
		if sent() != before {
			t.Error("a refused reminder was sent in part")
		}
	})
}
