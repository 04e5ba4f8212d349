package clocks_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// clockBureau stores the 2024 holiday notice, the approved default scheme
// and two departments.
func clockBureau(t *testing.T, s *models.Store) (za, xj models.Department) {
	t.Helper()
	ctx := context.Background()
	modelstest.SaveHolidays(t, s, 2024)
	body, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	za = models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	xj = models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&za).Error)
	modelstest.Must(t, s.DB.Create(&xj).Error)
	return za, xj
}

// A publication whose secrecy review said 免于公开 and that was published
// anyway raises a flag for the office; it becomes an incident (and vetoes
// the year) only when a person confirms it, and the confirmation is
// audit-logged.
func TestFlagBecomesIncidentOnlyWhenConfirmed(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, xj := clockBureau(t, s)
		modelstest.Must(t, s.DB.Create(&[]models.Publication{
			{DepartmentID: za.ID, IndexNo: "p1", Seq: 1, Title: "已审公开", Channel: "网站", Published: date("2024-05-10"), Review: "公开", ReviewDate: ptr("2024-05-09")},
			{DepartmentID: za.ID, IndexNo: "p2", Seq: 1, Title: "涉密通报", Channel: "网站", Published: date("2024-05-10")},
			{DepartmentID: za.ID, IndexNo: "p3", Seq: 1, Title: "报审后公开", Channel: "网站", Published: date("2024-05-10")},
			{DepartmentID: za.ID, IndexNo: "p4", Seq: 1, Title: "内部文件", Channel: "网站", Published: date("2024-05-10"), Attribute: "不予公开", AttributeReason: "内部管理", Review: "免于公开", ReviewDate: ptr("2024-05-01")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]clocks.SecrecyReview{
			{DepartmentID: za.ID, ReviewNo: "s2", IndexNo: "p2", Title: "涉密通报", Requested: date("2024-05-02"), Opinion: "免于公开", Basis: "涉及警务工作秘密", Decided: ptr("2024-05-08")},
			{DepartmentID: za.ID, ReviewNo: "s3a", IndexNo: "p3", Title: "报审后公开", Requested: date("2024-04-01"), Opinion: "需报审", Basis: "密级不明", Decided: ptr("2024-04-03")},
			{DepartmentID: za.ID, ReviewNo: "s3b", IndexNo: "p3", Title: "报审后公开", Requested: date("2024-04-05"), Opinion: "公开", Basis: "上级确定不涉密", Decided: ptr("2024-04-20")},
			// Another department's review with the same 索引号 is not p2's.
			{DepartmentID: xj.ID, ReviewNo: "x1", IndexNo: "p1", Title: "他部门", Requested: date("2024-04-01"), Opinion: "免于公开", Basis: "涉密", Decided: ptr("2024-04-02")},
		}).Error)

		office := models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
		flags, err := records.New(s).Flags(ctx, office, 0)
		modelstest.Must(t, err)
		if len(flags) != 1 || flags[0].IndexNo != "p2" || flags[0].Opinion != "免于公开" || flags[0].Decision != nil {
			t.Fatalf("flags %+v, want p2 alone, open", flags)
		}
		p2 := flags[0].PublicationID
		if fs, _ := records.New(s).Flags(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: xj.ID}, 0); len(fs) != 0 {
			t.Errorf("another department's head sees %+v", fs)
		}
		if fs, _ := records.New(s).Flags(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: za.ID}, 0); len(fs) != 1 {
			t.Errorf("the department's head sees %d flags, want its 1", len(fs))
		}

		incidents := func() int {
			in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2024)
			modelstest.Must(t, err)
			return len(in.Incidents)
		}
		if n := incidents(); n != 0 {
			t.Fatalf("an open flag is no incident: %d incidents", n)
		}
		in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2024)
		modelstest.Must(t, err)
		for _, p := range in.Publications {
			if p.Withheld != (p.Title == "内部文件") {
				t.Errorf("%s: withheld %v", p.Title, p.Withheld)
			}
		}
		if len(in.SecrecyReviews) != 4 {
			t.Errorf("scoring input has %d reviews, want 4", len(in.SecrecyReviews))
		}
		now := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
		if _, err := records.New(s).DecideFlag(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: za.ID}, p2, records.FlagConfirmed, "", now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head confirmed a flag: %v", err)
		}
		var verr *models.ValidationError
		if _, err := records.New(s).DecideFlag(ctx, office, p2, records.FlagDismissed, " ", now); !errors.As(err, &verr) || verr.Message != "排除提示须说明理由" {
			t.Errorf("dismissed without a reason: %v", err)
		}
		if n := incidents(); n != 0 {
			t.Fatalf("refused decisions recorded %d incidents", n)
		}

		d, err := records.New(s).DecideFlag(ctx, office, p2, records.FlagConfirmed, "经核实确属不应公开", now)
		modelstest.Must(t, err)
		var inc models.Incident
		modelstest.Must(t, s.DB.First(&inc, d.IncidentID).Error)
		if inc.DepartmentID != za.ID || inc.Kind != "不应公开而公开" || inc.Date.Format(time.DateOnly) != "2024-05-10" {
			t.Errorf("incident %+v", inc)
		}
		if n := incidents(); n != 1 {
			t.Errorf("%d incidents after confirming, want 1", n)
		}
		var audit []models.AuditEntry
		modelstest.Must(t, s.DB.Where("entity IN ?", []string{"disclosure_flag", "incident"}).Order("id").Find(&audit).Error)
		if len(audit) != 2 || audit[0].Entity != "incident" || audit[0].Action != "create" || audit[1].Action != "confirmed" || audit[1].UserName != "办公室" {
			t.Errorf("audit %+v", audit)
		}
		if _, err := records.New(s).DecideFlag(ctx, office, p2, records.FlagDismissed, "重复", now); !errors.Is(err, records.ErrFlagDecided) {
			t.Errorf("decided twice: %v", err)
		}
		if _, err := records.New(s).DecideFlag(ctx, office, flags[0].PublicationID+100, records.FlagConfirmed, "", now); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a publication without a flag: %v", err)
		}

		// The publication's page shows its review, steps and the decision.
		rv, err := records.New(s).Record(ctx, office, "publication", p2, scoring.NewDate(2024, 6, 1))
		modelstest.Must(t, err)
		if len(rv.Reviews) != 1 || len(rv.Reviews[0].Steps()) != 5 || len(rv.Flags) != 1 || rv.Flags[0].Decision == nil || rv.Flags[0].Decision.Decision != records.FlagConfirmed {
			t.Errorf("record %+v", rv)
		}
	})
}

// Pending reviews and coordinations reach the overview's lists and the
// department's own; silence past the limit is consent, not overdue work.
func TestClockDeadlines(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, xj := clockBureau(t, s)
		modelstest.Must(t, s.DB.Create(&[]clocks.SecrecyReview{
			// Fri 20 Sep → due Wed 16 Oct (15 working days, National Day off, 29 Sep and 12 Oct worked).
			{DepartmentID: za.ID, ReviewNo: "s1", Title: "待审稿件", Requested: date("2024-09-20")},
			// Mon 2 Sep → due Tue 24 Sep (Sat 14 worked, Mid-Autumn 16-17 off): overdue on 14 Oct.
			{DepartmentID: za.ID, ReviewNo: "s2", Title: "超期稿件", Requested: date("2024-09-02")},
			{DepartmentID: za.ID, ReviewNo: "s3", Title: "已审稿件", Requested: date("2024-09-02"), Opinion: "公开", Basis: "不涉密", Decided: ptr("2024-09-10")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]clocks.Coordination{
			// Tue 8 Oct → due Mon 14 Oct: 9, 10, 11, Sat 12 (make-up), 14.
			{DepartmentID: za.ID, CoordinationNo: "c1", Subject: "联合通告", AskedID: xj.ID, Sent: date("2024-10-08")},
			// Fri 27 Sep → due Thu 10 Oct: silent, so consent on 14 Oct.
			{DepartmentID: za.ID, CoordinationNo: "c2", Subject: "沉默事项", AskedID: xj.ID, Sent: date("2024-09-27")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]models.Request{
			// Online, received Thu 10 Oct, not forwarded: due Sun 13 Oct (3 calendar days).
			{DepartmentID: xj.ID, RequestNo: "w1", Received: date("2024-10-10"), Channel: "网络"},
			// Online, forwarded a day late.
			{DepartmentID: xj.ID, RequestNo: "w2", Received: date("2024-10-10"), Channel: "网络", Forwarded: ptr("2024-10-14")},
		}).Error)
		body, err := os.ReadFile("../../seed/schemes/default-2.json")
		modelstest.Must(t, err)
		scheme, err := scoring.ParseScheme(body)
		modelstest.Must(t, err)

		today := scoring.NewDate(2024, 10, 14)
		o, err := overview.New(s).Overview(ctx, 2024, today, scheme, nil)
		modelstest.Must(t, err)
		titles := func(ds []clocks.Deadline) (out []string) {
			for _, d := range ds {
				if d.Kind != "annual_report" {
					out = append(out, d.Kind+":"+d.Title+"@"+d.Due.String())
				}
			}
			return out
		}
		if got := titles(o.Overdue); !slices.Equal(got, []string{"secrecy_review:超期稿件@2024-09-24"}) {
			t.Errorf("overdue %v", got)
		}
		if got := titles(o.Upcoming); !slices.Equal(got, []string{"coordination:联合通告@2024-10-14", "secrecy_review:待审稿件@2024-10-16"}) {
			t.Errorf("upcoming %v", got)
		}

		office := models.Viewer{Role: models.RoleOffice}
		ds, err := clocks.New(s).PendingClocks(ctx, office, za.ID, today, scheme.TimeLimits)
		modelstest.Must(t, err)
		if got := titles(ds); !slices.Equal(got, []string{"secrecy_review:超期稿件@2024-09-24", "coordination_sent:联合通告@2024-10-14", "secrecy_review:待审稿件@2024-10-16"}) {
			t.Errorf("治安支队 pending %v", got)
		}
		ds, err = clocks.New(s).PendingClocks(ctx, office, xj.ID, today, scheme.TimeLimits)
		modelstest.Must(t, err)
		if got := titles(ds); !slices.Equal(got, []string{"coordination:联合通告@2024-10-14"}) {
			t.Errorf("刑警支队 pending %v", got)
		}
		if _, err := clocks.New(s).PendingClocks(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: xj.ID}, za.ID, today, scheme.TimeLimits); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a head read another department's pending work: %v", err)
		}

		// A request's page shows its forwarding clock.
		for no, want := range map[string]string{"w1": "逾期未转交，已超期 1 日", "w2": "迟转交 1 日"} {
			var q models.Request
			modelstest.Must(t, s.DB.Where("request_no = ?", no).First(&q).Error)
			rv, err := records.New(s).Record(ctx, office, "request", q.ID, today)
			modelstest.Must(t, err)
			if f := rv.Fields[len(rv.Fields)-2:]; f[0].Value != "2024-10-13" || f[1].Value != want {
				t.Errorf("%s: forwarding fields %+v, want due 2024-10-13, %s", no, f, want)
			}
		}

		// A coordination is read by the department asking and the one asked,
		// and by no other head.
		var c1 clocks.Coordination
		modelstest.Must(t, s.DB.Where("coordination_no = ?", "c1").First(&c1).Error)
		for _, dept := range []uint{za.ID, xj.ID} {
			if _, err := records.New(s).Record(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: dept}, "coordination", c1.ID, today); err != nil {
				t.Errorf("head of %d reading the coordination: %v", dept, err)
			}
		}
		if _, err := records.New(s).Record(ctx, models.Viewer{Role: models.RoleHead, DepartmentID: xj.ID + za.ID + 1}, "coordination", c1.ID, today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a third department's head read the coordination: %v", err)
		}

		// The silent coordination's page says 视为同意.
		var c2 clocks.Coordination
		modelstest.Must(t, s.DB.Where("coordination_no = ?", "c2").First(&c2).Error)
		rv, err := records.New(s).Record(ctx, office, "coordination", c2.ID, today)
		modelstest.Must(t, err)
		if len(rv.Coordinations) != 1 || rv.Coordinations[0].Holds != "视为同意" || rv.Coordinations[0].Asked != "刑警支队" {
			t.Errorf("coordination page %+v", rv.Coordinations)
		}
	})
}

// An install upgraded past the clocks step gets the new tables and the new
// columns of publications and requests, and keeps its rows.
func TestUpgradeAddsTheClocks(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&d).Error)
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: d.ID, IndexNo: "p1", Seq: 1, Title: "旧记录", Channel: "网站", Published: date("2024-05-10")}).Error)
		// As before the step: none of its tables or columns, and the step
		// not yet recorded.
		m := s.DB.Migrator()
		for _, table := range []string{"secrecy_reviews", "coordinations", "press_conferences", "disclosure_flags"} {
			modelstest.Must(t, m.DropTable(table))
		}
		modelstest.Must(t, m.DropColumn(&models.Publication{}, "AttributeReason"))
		for _, col := range []string{"Forwarded", "FeeBasis", "FeeWaived"} {
			modelstest.Must(t, m.DropColumn(&models.Request{}, col))
		}
		modelstest.Must(t, s.DB.Exec("DELETE FROM migrations WHERE id = ?", "2026120114_clocks").Error)
		modelstest.Must(t, migrations.Run(ctx, s))

		for _, table := range []string{"secrecy_reviews", "coordinations", "press_conferences", "disclosure_flags"} {
			if !m.HasTable(table) {
				t.Errorf("no table %s after the upgrade", table)
			}
		}
		if !m.HasColumn(&models.Publication{}, "AttributeReason") || !m.HasColumn(&models.Request{}, "FeeWaived") || !m.HasColumn(&models.Request{}, "Forwarded") {
			t.Error("the new columns are missing after the upgrade")
		}
		var p models.Publication
		modelstest.Must(t, s.DB.Where("index_no = ?", "p1").First(&p).Error)
		if p.Title != "旧记录" || p.AttributeReason != "" {
			t.Errorf("publication after the upgrade: %+v", p)
		}
	})
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}
func ptr(s string) *time.Time { t := date(s); return &t }
