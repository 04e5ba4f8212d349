package publications_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
)

// The office answers another department's objection (异议, 发布协调制度
// art. 12): on its home until answered, answered once with a reason; 维持
// 发布 keeps the document out, 同意撤回 withdraws it as its department
// would; each answer is in the history and the audit log, and the
// objecting department's inbox says which.
func TestOfficeAnswersObjections(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		accounts(t, s, &b.clerk, &b.xjClerk, &b.office)
		ps := publications.New(s)
		objected := func(indexNo string) (*publications.Work, *models.Publication, uint) {
			t.Helper()
			w := b.register(t, s, indexNo, "2025-10-09")
			p, err := ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-14"), Channel: "网站"}, at("2025-10-14"))
			modelstest.Must(t, err)
			modelstest.Must(t, ps.Object(ctx, b.xjClerk, w.ID, "发布内容涉及我部门在办案件", at("2025-10-15")))
			var o publications.Event
			modelstest.Must(t, s.DB.Where("work_id = ? AND kind = ?", w.ID, publications.EvObjection).First(&o).Error)
			return w, p, o.ID
		}
		todo := func() []uint {
			t.Helper()
			td, err := ps.ToDo(ctx, b.office)
			modelstest.Must(t, err)
			var ids []uint
			for _, o := range td.Objections {
				ids = append(ids, o.ID)
			}
			return ids
		}

		w1, p1, o1 := objected("ZA-2025-050")
		if got := todo(); !slices.Equal(got, []uint{o1}) {
			t.Fatalf("the office's to-do lists objections %v, want %d", got, o1)
		}
		if err := ps.AnswerObjection(ctx, b.clerk, w1.ID, o1, publications.ObjectionKeep, "不涉及", at("2025-10-16")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("the document's clerk answers the objection: %v", err)
		}
		refusedWith(t, ps.AnswerObjection(ctx, b.office, w1.ID, o1, publications.ObjectionKeep, " ", at("2025-10-16")), "refuse.text.required")
		refusedWith(t, ps.AnswerObjection(ctx, b.office, w1.ID, o1, "撤销", "理由", at("2025-10-16")), "pubobj.refuse.decision")
		modelstest.Must(t, ps.AnswerObjection(ctx, b.office, w1.ID, o1, publications.ObjectionKeep, "经核实不涉及在办案件", at("2025-10-16")))
		refusedWith(t, ps.AnswerObjection(ctx, b.office, w1.ID, o1, publications.ObjectionWithdraw, "再议", at("2025-10-16")), "pubobj.refuse.answered")
		if got := todo(); len(got) != 0 {
			t.Errorf("an answered objection stays on the office's to-do: %v", got)
		}
		view, err := ps.Work(ctx, b.office, w1.ID, day("2025-10-16"))
		modelstest.Must(t, err)
		if len(view.Objections) != 1 || view.Objections[0].Answer == nil || view.Objections[0].Answer.Decision != publications.ObjectionKeep ||
			view.Objections[0].Answer.Note != "经核实不涉及在办案件" || view.Work.Withdrawn != nil {
			t.Errorf("kept: the document's objections %+v, withdrawn %v", view.Objections, view.Work.Withdrawn)
		}
		modelstest.Must(t, s.DB.First(p1, p1.ID).Error)
		if p1.Seq != 1 {
			t.Errorf("a document kept published leaves its catalog item: %d", p1.Seq)
		}

		w2, p2, o2 := objected("ZA-2025-051")
		if err := ps.AnswerObjection(ctx, b.office, w1.ID, o2, publications.ObjectionKeep, "理由", at("2025-10-16")); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("an objection answered on another document: %v", err)
		}
		modelstest.Must(t, ps.AnswerObjection(ctx, b.office, w2.ID, o2, publications.ObjectionWithdraw, "涉及在办案件，予以撤回", at("2025-10-16")))
		view, err = ps.Work(ctx, b.office, w2.ID, day("2025-10-16"))
		modelstest.Must(t, err)
		if view.Work.Withdrawn == nil || scoring.DateOf(*view.Work.Withdrawn) != day("2025-10-16") {
			t.Errorf("withdrawn on the objection: %v", view.Work.Withdrawn)
		}
		modelstest.Must(t, s.DB.First(p2, p2.ID).Error)
		if p2.Seq != models.Uncatalogued {
			t.Errorf("a document withdrawn on an objection still fills item %d", p2.Seq)
		}
		var kinds []string
		for _, e := range view.Events {
			kinds = append(kinds, e.Kind)
		}
		if want := []string{"registered", "agreed", "published", "objection", "withdrawn", "objection_answer"}; !slices.Equal(kinds, want) {
			t.Errorf("the history: %v, want %v", kinds, want)
		}
		var logged int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("action = ? AND entity = ?", publications.EvObjectionAns, "publication_work").Count(&logged).Error)
		if logged != 2 {
			t.Errorf("%d answers audit-logged, want 2", logged)
		}
		want := []string{"pubobj.notify.keep|关于ZA-2025-050的通告", "pubobj.notify.withdraw|关于ZA-2025-051的通告"}
		if got := inbox(t, s, b.xjClerk.UserID); !slices.Equal(got, want) {
			t.Errorf("刑警's inbox: %q, want %q", got, want)
		}
	})
}
