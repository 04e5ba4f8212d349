package migrations_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
)

// A database of the release before the national annual report keeps its
// requests: the one outcome column (复议诉讼结果) becomes the reconsideration,
// 被依法纠错 read as 纠正, and the old columns are gone; the channels are
// seeded, and a second start changes nothing.
func TestMigrationMovesOutcomesToReconsideration(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		s := modelstest.OpenEmpty(t, engine)
		modelstest.Must(t, migrations.RunTo(ctx, s, "2026112205_audit_longtext"))
		// The requests table as the earlier release had it.
		for _, col := range []string{"applicant", "result", "recon_filed", "recon_outcome", "recon_decided", "suit_kind", "suit_filed", "suit_outcome", "suit_decided"} {
			modelstest.Must(t, s.DB.Exec("ALTER TABLE requests DROP COLUMN "+col).Error)
		}
		modelstest.Must(t, s.DB.Exec("ALTER TABLE requests ADD COLUMN outcome VARCHAR(16)").Error)
		modelstest.Must(t, s.DB.Exec("ALTER TABLE requests ADD COLUMN outcome_date DATE").Error)
		d := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
		// Only the columns of that release: the first step is frozen.
		modelstest.Must(t, s.DB.Select("Code", "Name", "Kind", "CreatedAt", "UpdatedAt").Create(&d).Error)
		now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, r := range []struct {
			no, outcome string
			date        any
		}{{"r1", "被依法纠错", "2025-08-01"}, {"r2", "维持", "2025-03-01"}, {"r3", "其他", nil}, {"r4", "", nil}} {
			modelstest.Must(t, s.DB.Exec("INSERT INTO requests (department_id, request_no, received, channel, extended, fee, outcome, outcome_date, updated_at) VALUES (?, ?, ?, '网络', false, 0, ?, ?, ?)",
				d.ID, r.no, "2025-01-02", r.outcome, r.date, now).Error)
		}

		modelstest.Must(t, migrations.Run(ctx, s))
		modelstest.Must(t, migrations.Run(ctx, s))
		var got []models.Request
		modelstest.Must(t, s.DB.Order("request_no").Find(&got).Error)
		want := []struct{ outcome, decided string }{{"纠正", "2025-08-01"}, {"维持", "2025-03-01"}, {"其他", ""}, {"", ""}}
		for i, r := range got {
			decided := ""
			if r.ReconDecided != nil {
				decided = r.ReconDecided.Format(time.DateOnly)
			}
			if r.ReconOutcome != want[i].outcome || decided != want[i].decided || r.SuitOutcome != "" {
				t.Errorf("%s: reconsideration %q on %q, lawsuit %q; want %q on %q", r.RequestNo, r.ReconOutcome, decided, r.SuitOutcome, want[i].outcome, want[i].decided)
			}
		}
		for _, col := range []string{"outcome", "outcome_date"} {
			if s.DB.Migrator().HasColumn("requests", col) {
				t.Errorf("requests.%s is still there", col)
			}
		}
		chans, err := s.Channels(ctx, models.ChannelRequest)
		modelstest.Must(t, err)
		if len(chans) != len(models.DefaultRequestChannels) || chans[4].Name != "电话" {
			t.Errorf("request channels = %+v", chans)
		}
		pubs, err := s.Channels(ctx, models.ChannelPublication)
		modelstest.Must(t, err)
		if len(pubs) != len(models.DefaultPublicationChannels) || pubs[1].Name != "政府门户网站" {
			t.Errorf("publication channels = %+v", pubs)
		}
	})
}
