package assessment_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/upload"
)

// A self-inspection refused for one bad file keeps the valid one, files
// nothing, and files the kept one with the next filing that names it; a
// kept file is the department's own, and the head of another cannot name it
// (issue 29).
func TestRefusedSelfInspectionKeepsValidFiles(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.plan(t)
		files := []upload.Upload{{Name: "自查报告.pdf", Data: []byte("这不是PDF")}, {Name: "截图.png", Data: pngBytes}}
		held, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, "本部门自查情况", files, nil, at(3))
		if !isValidation(err) || len(held) != 1 || held[0].Name != "截图.png" {
			t.Fatalf("refused filing: %v, kept %+v", err, held)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&assessment.SelfInspection{}).Count(&n).Error)
		if n != 0 {
			t.Fatal("a refused self-inspection was filed")
		}
		// Refused again for its text: the kept file stays kept, once.
		again, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, " ", nil, []uint{held[0].ID}, at(3))
		if !isValidation(err) || len(again) != 1 || again[0].ID != held[0].ID {
			t.Fatalf("refused for its text: %v, kept %+v", err, again)
		}
		if _, err := b.a.FileSelfInspection(ctx, b.otherHead, p.ID, b.other.ID, "自查", nil, []uint{held[0].ID}, at(3)); !isValidation(err) || !strings.Contains(err.Error(), "保留的文件已不在") {
			t.Errorf("another department filed this one's kept file: %v", err)
		}
		if _, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, "本部门自查情况", nil, []uint{held[0].ID}, at(3)); err != nil {
			t.Fatal(err)
		}
		view, err := b.a.Department(ctx, b.office, p.ID, b.own.ID)
		modelstest.Must(t, err)
		if got := view.Files(assessment.OwnerSelf, view.Self.ID); len(got) != 1 || got[0].Name != "截图.png" {
			t.Errorf("filed attachments: %+v", got)
		}
		if left := view.Files(assessment.OwnerSelf, 0); len(left) != 0 {
			t.Errorf("files still kept after filing: %+v", left)
		}
	})
}
