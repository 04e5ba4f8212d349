package publications_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

func day(s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// at is noon of a day, as a person acts.
func at(s string) time.Time { return day(s).Time().Add(12 * time.Hour) }

// bureau is a bureau with the 2025 holiday notice, the default scheme,
// catalog item 1, and three departments: 治安支队 (the document's), 刑警
// 支队 (consulted) and 保密办 (the secrecy committee office); and the
// viewers who sign: a clerk and the head of 治安, two leaders, a clerk of
// 保密办, a clerk of 刑警, the office.
type bureau struct {
	za, xj, bm                                      models.Department
	clerk, head, leader1, leader2, secrecy, xjClerk models.Viewer
	office                                          models.Viewer
}

func newBureau(t *testing.T, s *models.Store) bureau {
	t.Helper()
	ctx := context.Background()
	modelstest.SaveHolidays(t, s, 2025)
	body, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))
	b := bureau{
		za: models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept},
		xj: models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept},
		bm: models.Department{Code: "BM", Name: "保密办", Kind: models.KindCityDept},
	}
	for _, d := range []*models.Department{&b.za, &b.xj, &b.bm} {
		modelstest.Must(t, s.DB.Create(d).Error)
	}
	modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 1, Level1: "对外公开", Level2: "机构职能", Title: "机构设置", Channels: "网站"}).Error)
	modelstest.Must(t, publications.New(s).MarkSecrecyOffice(ctx, models.Viewer{UserID: 90, Name: "办公室", Role: models.RoleOffice}, b.bm.ID))
	b.clerk = models.Viewer{UserID: 1, Name: "治安承办人", Role: models.RoleClerk, DepartmentID: b.za.ID}
	b.head = models.Viewer{UserID: 2, Name: "治安负责人", Role: models.RoleHead, DepartmentID: b.za.ID}
	b.leader1 = models.Viewer{UserID: 3, Name: "分管领导甲", Role: models.RoleLeader}
	b.secrecy = models.Viewer{UserID: 4, Name: "保密办承办人", Role: models.RoleClerk, DepartmentID: b.bm.ID}
	b.leader2 = models.Viewer{UserID: 5, Name: "分管领导乙", Role: models.RoleLeader}
	b.xjClerk = models.Viewer{UserID: 6, Name: "刑警承办人", Role: models.RoleClerk, DepartmentID: b.xj.ID}
	b.office = models.Viewer{UserID: 7, Name: "办公室", Role: models.RoleOffice}
	return b
}

// register records a document of 治安 formed on formed, consulting 刑警,
// and has the office agree with its attribute.
func (b bureau) register(t *testing.T, s *models.Store, indexNo, formed string) *publications.Work {
	t.Helper()
	ctx := context.Background()
	w, err := publications.New(s).Register(ctx, b.clerk, publications.Registration{Title: "关于" + indexNo + "的通告", IndexNo: indexNo, DocNo: "治通〔2025〕1号",
		Seq: 1, Formed: day(formed), Attribute: "主动公开", Channels: []string{"网站"}, Involved: []uint{b.xj.ID}, Signer: "王签发"}, at(formed))
	modelstest.Must(t, err)
	modelstest.Must(t, publications.New(s).ReviewAttribute(ctx, b.office, w.ID, true, "", at(formed)))
	return w
}

func refusedWith(t *testing.T, err error, key string) {
	t.Helper()
	var verr *models.ValidationError
	if !errors.As(err, &verr) || verr.Key != key {
		t.Fatalf("got %v, want the refusal %s", err, key)
	}
}

// The three clocks, computed by hand across the 2025 National Day holiday
// (1-8 October off; Sunday 28 September and Saturday 11 October worked):
// consultation letters within 5 working days of formation (formed Friday
// 26 September: 28, 29, 30 September, 9, 10 October → 10 October); the
// answer within 5 working days (sent Tuesday 30 September: 9, 10, 11, 13,
// 14 October → 14 October); the review within 15 working days (requested
// Monday 29 September: 30 September, 9, 10, 11, 13-17, 20-24, 27 October →
// 27 October). An answer of 不同意 on 15 October is kept as 不同意, late.
func TestClocksAcrossNationalDay(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps := publications.New(s)
		w := b.register(t, s, "ZA-2025-001", "2025-09-26")
		modelstest.Must(t, ps.SignStep(ctx, b.clerk, w.ID, 1, publications.Opinion{Opinion: "公开", Basis: "不涉密"}, at("2025-09-29")))
		_, err := ps.Consult(ctx, b.clerk, w.ID, publications.Letter{Asked: b.xj.ID, Text: "拟公开通告，请于5个工作日内答复", Contact: "张三 12345"}, at("2025-09-30"))
		modelstest.Must(t, err)

		v, err := ps.Work(ctx, b.clerk, w.ID, day("2025-10-14"))
		modelstest.Must(t, err)
		if v.ConsultBy != day("2025-10-10") || v.ReviewDue != day("2025-10-27") || v.Consultations[0].Due != day("2025-10-14") {
			t.Fatalf("consult by %s, review due %s, answer due %s; want 2025-10-10, 2025-10-27, 2025-10-14", v.ConsultBy, v.ReviewDue, v.Consultations[0].Due)
		}
		if st := v.Consultations[0].State; st != scoring.ReplyPending {
			t.Errorf("on the last day the answer is pending, got %s", st)
		}
		v, err = ps.Work(ctx, b.clerk, w.ID, day("2025-10-15"))
		modelstest.Must(t, err)
		if st, holds := v.Consultations[0].State, v.Consultations[0].Holds; st != scoring.ReplyConsent || holds != "视为同意" {
			t.Errorf("silent past the limit: got %s %q, want 视为同意", st, holds)
		}
		modelstest.Must(t, ps.Answer(ctx, b.xjClerk, v.Consultations[0].ID, "不同意", "涉及在办案件", at("2025-10-15")))
		v, err = ps.Work(ctx, b.clerk, w.ID, day("2025-10-16"))
		modelstest.Must(t, err)
		if st, holds := v.Consultations[0].State, v.Consultations[0].Holds; st != scoring.ReplyLate || holds != "不同意" {
			t.Errorf("answered 不同意 a day late: got %s %q, want late 不同意", st, holds)
		}
		var co clocks.Coordination
		modelstest.Must(t, s.DB.First(&co, v.Consultations[0].CoordinationID).Error)
		if co.Opinion != "不同意" || co.Replied == nil || scoring.DateOf(*co.Replied) != day("2025-10-15") {
			t.Errorf("the core coordination row: %+v", co)
		}
		// The review, still open on 28 October, is a working day late.
		v, err = ps.Work(ctx, b.clerk, w.ID, day("2025-10-28"))
		modelstest.Must(t, err)
		if v.ReviewLate != 1 {
			t.Errorf("review open on 28 October: %d working days late, want 1", v.ReviewLate)
		}
	})
}

// The five steps go in order, each by an account that holds it, five
// different accounts; step 5's opinion decides the core secrecy review and
// is written on the publication.
func TestFiveStepsAndPublish(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps := publications.New(s)
		w := b.register(t, s, "ZA-2025-002", "2025-09-26")
		ok := publications.Opinion{Opinion: "公开", Basis: "不涉及国家秘密和警务工作秘密"}
		refusedWith(t, ps.SignStep(ctx, b.head, w.ID, 2, ok, at("2025-09-29")), "publications.refuse.step_order")
		if err := ps.SignStep(ctx, b.xjClerk, w.ID, 1, ok, at("2025-09-29")); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department's clerk signs step 1: %v", err)
		}
		if err := ps.SignStep(ctx, b.clerk, w.ID, 2, ok, at("2025-09-29")); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a clerk signs step 2: %v", err)
		}
		modelstest.Must(t, ps.SignStep(ctx, b.clerk, w.ID, 1, ok, at("2025-09-29")))
		modelstest.Must(t, ps.SignStep(ctx, b.head, w.ID, 2, ok, at("2025-09-30")))
		modelstest.Must(t, ps.SignStep(ctx, b.leader1, w.ID, 3, ok, at("2025-10-09")))
		refusedWith(t, ps.SignStep(ctx, b.xjClerk, w.ID, 4, ok, at("2025-10-10")), "publications.refuse.not_secrecy_office")
		modelstest.Must(t, ps.SignStep(ctx, b.secrecy, w.ID, 4, publications.Opinion{Opinion: "公开", Basis: "非密处理后公开", Redacted: "删去案件当事人信息"}, at("2025-10-10")))
		refusedWith(t, ps.SignStep(ctx, b.leader1, w.ID, 5, ok, at("2025-10-11")), "publications.refuse.step_signer")
		modelstest.Must(t, ps.SignStep(ctx, b.leader2, w.ID, 5, ok, at("2025-10-11")))
		_, err := ps.Consult(ctx, b.clerk, w.ID, publications.Letter{Asked: b.xj.ID, Text: "征求意见", Contact: "张三"}, at("2025-10-09"))
		modelstest.Must(t, err)
		v, err := ps.Work(ctx, b.clerk, w.ID, day("2025-10-13"))
		modelstest.Must(t, err)
		modelstest.Must(t, ps.Answer(ctx, b.xjClerk, v.Consultations[0].ID, "同意", "", at("2025-10-13")))
		refusedWith(t, ps.Answer(ctx, b.xjClerk, v.Consultations[0].ID, "同意", "", at("2025-10-13")), "publications.refuse.answered")

		p, err := ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-14"), Channel: "网站", URL: "https://ga.example.gov.cn/1"}, at("2025-10-14"))
		modelstest.Must(t, err)
		if p.Review != "公开" || p.ReviewDate == nil || scoring.DateOf(*p.ReviewDate) != day("2025-10-11") || p.Seq != 1 || scoring.DateOf(p.Published) != day("2025-10-14") {
			t.Errorf("the core publication: %+v", p)
		}
		var r clocks.SecrecyReview
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-2025-002").First(&r).Error)
		if scoring.DateOf(r.Requested) != day("2025-09-29") || r.Opinion != "公开" || r.ApproverBy != "分管领导乙" || r.SecrecyBy != "保密办承办人" || r.Decided == nil {
			t.Errorf("the core secrecy review: %+v", r)
		}
		_, err = ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-14"), Channel: "网站"}, at("2025-10-14"))
		refusedWith(t, err, "publications.refuse.published")
		v, err = ps.Work(ctx, b.clerk, w.ID, day("2025-10-14"))
		modelstest.Must(t, err)
		if len(v.Violations) != 0 {
			t.Errorf("a document worked by the rules breaches nothing: %+v", v.Violations)
		}

		// Withdrawn, it leaves the catalog coverage it gave.
		modelstest.Must(t, ps.Withdraw(ctx, b.clerk, w.ID, day("2025-10-20"), "内容已过时", at("2025-10-20")))
		modelstest.Must(t, s.DB.First(p, p.ID).Error)
		if p.Seq != models.Uncatalogued {
			t.Errorf("a withdrawn publication still fills item %d", p.Seq)
		}
	})
}

// Publishing is refused until the attribute is settled and while deferred;
// published before step 5, without consulting, or against a disagreement
// not settled, it is flagged; against the office's settlement too.
func TestPublishingAgainstTheProcedures(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps := publications.New(s)
		w, err := ps.Register(ctx, b.clerk, publications.Registration{Title: "未审文件", IndexNo: "ZA-2025-003", Formed: day("2025-09-26"),
			Attribute: "主动公开", Involved: []uint{b.xj.ID}, Signer: "王签发"}, at("2025-09-26"))
		modelstest.Must(t, err)
		rel := publications.Release{Day: day("2025-10-20"), Channel: "网站"}
		_, err = ps.Publish(ctx, b.clerk, w.ID, rel, at("2025-10-20"))
		refusedWith(t, err, "publications.refuse.attr_unsettled")
		modelstest.Must(t, ps.ReviewAttribute(ctx, b.office, w.ID, false, "应为依申请公开", at("2025-09-29")))
		modelstest.Must(t, ps.Redetermine(ctx, b.clerk, w.ID, true, "", "", "属于主动公开范围", at("2025-09-30")))
		modelstest.Must(t, ps.SignerDecision(ctx, b.office, w.ID, "主动公开", "", "签发人决定主动公开", at("2025-10-09")))
		modelstest.Must(t, ps.Defer(ctx, b.leader1, w.ID, day("2025-10-31"), "密级待定", at("2025-10-09")))
		_, err = ps.Publish(ctx, b.clerk, w.ID, rel, at("2025-10-20"))
		refusedWith(t, err, "publications.refuse.deferred")
		modelstest.Must(t, ps.SettleDeferral(ctx, b.clerk, w.ID, "已确定不涉密", at("2025-10-15")))
		_, err = ps.Publish(ctx, b.clerk, w.ID, rel, at("2025-10-20"))
		modelstest.Must(t, err)
		got := map[string]bool{}
		vs, err := ps.Violations(ctx, models.System)
		modelstest.Must(t, err)
		for _, v := range vs {
			got[v.Kind] = true
		}
		if !got[publications.VioReviewPending] || !got[publications.VioNoConsultation] || len(got) != 2 {
			t.Errorf("published unreviewed and unconsulted: %v", got)
		}

		// A second document: consulted, 不同意, settled 不予发布, published anyway.
		w2 := b.register(t, s, "ZA-2025-004", "2025-10-09")
		c, err := ps.Consult(ctx, b.clerk, w2.ID, publications.Letter{Asked: b.xj.ID, Text: "征求意见", Contact: "张三"}, at("2025-10-09"))
		modelstest.Must(t, err)
		refusedWith(t, ps.Answer(ctx, b.xjClerk, c.ID, "不同意", "", at("2025-10-10")), "refuse.text.required")
		modelstest.Must(t, ps.Answer(ctx, b.xjClerk, c.ID, "不同意", "涉及在办案件", at("2025-10-10")))
		modelstest.Must(t, ps.Settle(ctx, b.office, c.ID, publications.SettleWithhold, "暂不发布", at("2025-10-13")))
		refusedWith(t, ps.Settle(ctx, b.office, c.ID, publications.SettlePublish, "再议", at("2025-10-13")), "publications.refuse.settled")
		_, err = ps.Publish(ctx, b.clerk, w2.ID, publications.Release{Day: day("2025-10-14"), Channel: "网站"}, at("2025-10-14"))
		modelstest.Must(t, err)
		view, err := ps.Work(ctx, b.office, w2.ID, day("2025-10-14"))
		modelstest.Must(t, err)
		kinds := map[string]bool{}
		for _, v := range view.Violations {
			kinds[v.Kind] = true
		}
		if !kinds[publications.VioAgainstSettled] {
			t.Errorf("published against the settlement: %v", kinds)
		}
		// The discipline office is proposed a case for each breach.
		props, err := accountability.New(s, assessment.New(s)).Proposals(ctx, models.Viewer{UserID: 8, Name: "纪委", Role: models.RoleDiscipline})
		modelstest.Must(t, err)
		proposed := map[string]bool{}
		for _, p := range props {
			proposed[p.Key] = true
		}
		for _, key := range []string{fmt.Sprintf("publication:review_pending:%d:0", w.ID), fmt.Sprintf("publication:no_consultation:%d:%d", w.ID, b.xj.ID),
			fmt.Sprintf("publication:against_settled:%d:%d", w2.ID, b.xj.ID)} {
			if !proposed[key] {
				t.Errorf("no proposal %s among %v", key, proposed)
			}
		}
		// 刑警 reads the document that consulted it, and objects to it.
		modelstest.Must(t, ps.Object(ctx, b.xjClerk, w2.ID, "发布内容涉及我部门在办案件", at("2025-10-15")))
		refusedWith(t, ps.Object(ctx, b.clerk, w2.ID, "自己", at("2025-10-15")), "publications.refuse.own_objection")
		// 刑警 cannot read 治安's first document, which never consulted it.
		if _, err := ps.Work(ctx, b.xjClerk, w.ID, day("2025-10-15")); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department reads a document that did not consult it: %v", err)
		}
	})
}

// Step 5 signed after publishing is written on the core publication in
// the signing's transaction, but does not make the document reviewed: D2
// counts a 公开 dated on or before publishing (docs/SCHEMES.md), so it still
// loses D2, and the breach of publishing before approval stays.
func TestApprovalAfterPublishing(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps := publications.New(s)
		// 治安 leads item 1, so it is rated.
		modelstest.Must(t, s.DB.Model(&models.CatalogItem{}).Where("seq = ?", 1).Update("lead", b.za.Name).Error)
		w, err := ps.Register(ctx, b.clerk, publications.Registration{Title: "先发后批的通告", IndexNo: "ZA-2025-040", Seq: 1, Formed: day("2025-09-26"),
			Attribute: "主动公开", Channels: []string{"网站"}, Signer: "王签发"}, at("2025-09-26"))
		modelstest.Must(t, err)
		modelstest.Must(t, ps.ReviewAttribute(ctx, b.office, w.ID, true, "", at("2025-09-26")))
		ok := publications.Opinion{Opinion: "公开", Basis: "不涉及国家秘密"}
		for n, v := range []models.Viewer{b.clerk, b.head, b.leader1, b.secrecy} {
			modelstest.Must(t, ps.SignStep(ctx, v, w.ID, n+1, ok, at("2025-09-29")))
		}
		p, err := ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-09-30"), Channel: "网站"}, at("2025-09-30"))
		modelstest.Must(t, err)
		if p.Review != "" || p.ReviewDate != nil {
			t.Fatalf("published before step 5, the publication already has a review: %q %v", p.Review, p.ReviewDate)
		}
		modelstest.Must(t, ps.SignStep(ctx, b.leader2, w.ID, 5, ok, at("2025-10-09")))
		modelstest.Must(t, s.DB.First(p, p.ID).Error)
		if p.Review != "公开" || p.ReviewDate == nil || scoring.DateOf(*p.ReviewDate) != day("2025-10-09") {
			t.Errorf("the late approval is not on the publication: %q %v", p.Review, p.ReviewDate)
		}
		var logged int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND entity_id = ? AND action = ?", "publication", fmt.Sprint(p.ID), "update").Count(&logged).Error)
		if logged != 1 {
			t.Errorf("the late approval's change of the publication is logged %d times, want 1", logged)
		}
		view, err := ps.Work(ctx, b.clerk, w.ID, day("2025-10-09"))
		modelstest.Must(t, err)
		if len(view.Violations) != 1 || view.Violations[0].Kind != publications.VioReviewPending {
			t.Errorf("approved after publishing, the breaches are %+v, want published before approval", view.Violations)
		}

		in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2025)
		modelstest.Must(t, err)
		sch, err := s.CurrentScheme(ctx)
		modelstest.Must(t, err)
		cal, err := s.Calendar(ctx)
		modelstest.Must(t, err)
		in.Scheme, in.Calendar, in.AsOf = sch, cal, day("2025-12-31")
		res, err := scoring.Score(*in)
		modelstest.Must(t, err)
		var lost []scoring.DeductionKind
		for _, d := range res.Departments {
			for _, ind := range d.Indicators {
				for _, x := range ind.Deductions {
					if x.Record.Kind == scoring.RecordPublication && x.Record.ID == p.ID {
						lost = append(lost, x.Kind)
					}
				}
			}
		}
		if !slices.Contains(lost, scoring.DeductReviewMissing) {
			t.Errorf("approved after publishing, the document loses %v, want D2's review_missing", lost)
		}
	})
}
