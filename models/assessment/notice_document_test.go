package assessment_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The leading group's approval issues the plan's notice as a numbered
// document dated on the notice date, its dates written 年月日; a head of an
// assessed department reads it as issued.
func TestApprovalIssuesTheNotice(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0))
		modelstest.Must(t, err)
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Submit, "", at(0)))
		if _, err := b.a.Notice(ctx, b.office, p.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a notice before the approval: %v", err)
		}
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.Approve, "", at(1)))
		for _, v := range []models.Viewer{b.office, b.head} {
			d, err := b.a.Notice(ctx, v, p.ID)
			modelstest.Must(t, err)
			if d.Number != "公开办〔2025〕1号" || d.Date().String() != "2025-02-05" {
				t.Errorf("%s reads notice %s of %s", v.Role, d.Number, d.Date())
			}
			for _, want := range []string{"关于开展2024年度政府信息公开工作考核的通知", "2025年2月14日", "2025年2月18日", "2025年2月20日", "各参评单位：", "吴良亮、刘敏"} {
				if !strings.Contains(d.HTML, want) {
					t.Errorf("notice lacks %q", want)
				}
			}
			if strings.Contains(d.HTML, "2025-02") {
				t.Error("the notice writes an ISO date")
			}
		}
	})
}

// The office edits the notice's body (发文稿) before the approval issues it,
// and not after.
func TestNoticeDraftUntilIssue(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p, err := b.a.CreatePlan(ctx, b.office, b.input(), at(0))
		modelstest.Must(t, err)
		page, body, err := b.a.NoticeDraft(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if !strings.Contains(page, "草稿") || !strings.Contains(body, "2025年2月14日前") {
			t.Errorf("the draft before any edit: %q", body)
		}
		if _, _, err := b.a.NoticeDraft(ctx, b.head, p.ID); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head reads the draft: %v", err)
		}
		edited := body + "\n四、请各单位指定一名联络员。"
		modelstest.Must(t, b.a.SaveNoticeDraft(ctx, b.office, p.ID, edited, at(0)))
		modelstest.Must(t, b.a.SaveNoticeDraft(ctx, b.office, p.ID, edited+"\n五、联络员名单报办公室。", at(0)))
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Submit, "", at(0)))
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.Approve, "", at(1)))
		d, err := b.a.Notice(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if !strings.Contains(d.HTML, "四、请各单位指定一名联络员。") || !strings.Contains(d.HTML, "五、联络员名单报办公室。") || strings.Contains(d.HTML, "草稿") {
			t.Error("the notice was not issued from the office's draft")
		}
		err = b.a.SaveNoticeDraft(ctx, b.office, p.ID, "改过的正文", at(2))
		var verr *models.ValidationError
		if !errors.As(err, &verr) || verr.Key != "refuse.document.issued" {
			t.Errorf("the draft was edited after issue: %v", err)
		}
		again, err := b.a.Notice(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if again.HTML != d.HTML {
			t.Error("the issued notice changed")
		}
	})
}
