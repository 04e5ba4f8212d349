package assessment_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// A results notice holds (issue 20 item 4): published, it is an issued
// document with its own date; while a cap forces a re-opening it stays on
// the public list; the grades approved again withdraw the unit's
// commendation that no longer holds, and publication issues a 更正通报
// that names the original and says so, leaving the original as it was.
func TestRepublishedResultsIssueACorrection(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.excellent(t)
		modelstest.Must(t, b.a.Commend(ctx, b.office, p.ID, b.own.ID, "", "公开及时规范", at(8)))
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Publish, "", at(9)))
		published := func() []assessment.PublishedNotice {
			t.Helper()
			pub, err := b.a.Published(ctx)
			modelstest.Must(t, err)
			return pub
		}
		pub := published()
		if len(pub) != 1 || pub[0].Kind != assessment.KindResults || pub[0].Date() != scoring.DateOf(at(9)) || pub[0].Assessed != 2024 {
			t.Fatalf("published: %+v", pub)
		}
		original := pub[0].Document
		if !strings.Contains(original.HTML, "先进单位：治安支队") || !strings.Contains(original.HTML, documents.ChineseDate(scoring.DateOf(at(9)))) {
			t.Error("the notice does not commend 治安支队 or is not dated the day of publication")
		}

		// A decision of the year caps 治安支队: the year is re-opened.
		_, err := ingest.New(s).File(ctx, ingest.Accountability, "decisions.csv", strings.NewReader(
			"case_no,department,decided,sanction,persons,trigger,summary\nZJ2024-010,SJ09,2024-11-01,通报批评,林涛,不依法履行公开义务,未按时公开\n"),
			ingest.Options{Source: "file", FileName: "decisions.csv", Viewer: models.System})
		modelstest.Must(t, err)
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.RequestReopen, "追责决定取消优秀资格", at(10)))
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveReopen, "", at(11)))
		if pub := published(); len(pub) != 1 || pub[0].ID != original.ID || pub[0].Date() != scoring.DateOf(at(9)) {
			t.Errorf("while re-opened the public list is %+v, want the original notice with its date", pub)
		}
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Propose, early, at(12)))
		modelstest.Must(t, b.a.Take(ctx, b.leader, p.ID, assessment.ApproveGrades, "", at(13)))
		r, err := b.a.Results(ctx, b.office, p.ID)
		modelstest.Must(t, err)
		if len(r.Units()) != 0 || len(r.Withdrawn) != 1 || !strings.Contains(r.Withdrawn[0].Reason, "取消评先选优资格") {
			t.Errorf("after re-grading: commended %+v, withdrawn %+v", r.Units(), r.Withdrawn)
		}
		modelstest.Must(t, b.a.Take(ctx, b.office, p.ID, assessment.Publish, "", at(14)))

		pub = published()
		if len(pub) != 2 || pub[0].Kind != assessment.KindResultsCorrection || pub[0].RefID != original.ID || pub[0].Relation != documents.Corrects {
			t.Fatalf("after re-publication: %+v", pub)
		}
		correction, first := pub[0], pub[1]
		if first.ID != original.ID || first.HTML != original.HTML || first.SHA256 != original.SHA256 || first.Date() != scoring.DateOf(at(9)) {
			t.Error("the original notice changed on re-publication")
		}
		if correction.Date() != scoring.DateOf(at(14)) || correction.Number == original.Number {
			t.Errorf("the 更正 is %s dated %s", correction.Number, correction.Date())
		}
		for _, want := range []string{"更正", original.Number, documents.ChineseDate(scoring.DateOf(at(9))), "治安支队考核等次由“优秀”更正为“合格”", "撤销治安支队“先进单位”称号"} {
			if !strings.Contains(correction.HTML, want) {
				t.Errorf("the 更正 does not say %q", want)
			}
		}
		if strings.Contains(correction.HTML, "先进单位：治安支队") {
			t.Error("the 更正 still commends 治安支队")
		}
		var withdrawn int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND action = ?", "assessment_commendation", "withdraw").Count(&withdrawn).Error)
		if withdrawn != 1 {
			t.Errorf("%d withdrawals in the audit log, want 1", withdrawn)
		}
	})
}
