package documents_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// TestPostOnce puts one of two issued documents on the public site: only
// that one is listed and readable publicly, and posting it again is refused
// in Chinese.
func TestPostOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		on := scoring.NewDate(2026, 10, 31)
		posted := issue(t, s, documents.Issue{Kind: "campaign_bulletin", Series: "公开通报", Year: 2026, Subject: "campaign", SubjectID: 1, Content: notice(on)})
		kept := issue(t, s, documents.Issue{Kind: "campaign_bulletin", Series: "公开通报", Year: 2026, Subject: "campaign", SubjectID: 1, Content: notice(on)})
		at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		post := func() error {
			return s.Audited(ctx, office, func(tx *models.Tx) error { return documents.Post(tx, posted.ID, at) })
		}
		modelstest.Must(t, post())
		var v *models.ValidationError
		if err := post(); !errors.As(err, &v) {
			t.Fatalf("second post: %v, want a refusal", err)
		}
		list, err := documents.Postings(ctx, s.DB, "campaign_bulletin")
		modelstest.Must(t, err)
		if len(list) != 1 || list[0].ID != posted.ID || list[0].Number != posted.Number || !list[0].PostedAt.Equal(at) {
			t.Fatalf("postings %+v, want only %s posted at %v", list, posted.Number, at)
		}
		if other, _ := documents.Postings(ctx, s.DB, "case_notice"); len(other) != 0 {
			t.Errorf("postings of another kind: %+v", other)
		}
		if d, err := documents.PostedDocument(ctx, s.DB, posted.ID); err != nil || d.HTML == "" {
			t.Errorf("posted document: %v", err)
		}
		if _, err := documents.PostedDocument(ctx, s.DB, kept.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a document not posted read publicly: %v", err)
		}
	})
}
