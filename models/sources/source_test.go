package sources_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/sources"
)

func TestSourcesAndTokens(t *testing.T) {
	ctx := context.Background()
	office := models.Viewer{UserID: 1, Name: "办公室甲", Role: models.RoleOffice}
	head := models.Viewer{UserID: 2, Name: "张卫", Role: models.RoleHead, DepartmentID: 1}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&d).Error)
		in := sources.SourceInput{Name: "治安支队网站", DepartmentID: d.ID, Kind: "publications", URL: "https://za.example.cn/pubs.csv", PullToken: "t0", EveryMinutes: 60}

		for _, bad := range []struct {
			field string
			edit  func(*sources.SourceInput)
		}{
			{"name", func(i *sources.SourceInput) { i.Name = " " }},
			{"kind", func(i *sources.SourceInput) { i.Kind = "catalog" }},
			{"url", func(i *sources.SourceInput) { i.URL = "ftp://za.example.cn/x" }},
			{"every", func(i *sources.SourceInput) { i.EveryMinutes = 1 }},
			{"url", func(i *sources.SourceInput) { i.URL = "" }},
		} {
			i := in
			bad.edit(&i)
			var ve *models.ValidationError
			if _, err := sources.New(s).CreateSource(ctx, office, i); !errors.As(err, &ve) || ve.Field != bad.field {
				t.Errorf("%+v: err = %v, want a ValidationError on %s", i, err, bad.field)
			}
		}
		if _, err := sources.New(s).CreateSource(ctx, head, in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head registers a source: %v", err)
		}
		src, err := sources.New(s).CreateSource(ctx, office, in)
		modelstest.Must(t, err)
		if src.NextPullAt == nil || src.NextPullAt.Before(time.Now().Add(59*time.Minute)) {
			t.Errorf("next pull = %v", src.NextPullAt)
		}

		in.Name, in.PullToken = "治安支队门户", ""
		modelstest.Must(t, sources.New(s).UpdateSource(ctx, office, src.ID, in))
		got, err := sources.New(s).Source(ctx, office, src.ID)
		modelstest.Must(t, err)
		if got.Name != "治安支队门户" || got.PullToken != "t0" || got.Department == nil {
			t.Errorf("after update: %+v", got)
		}
		if list, err := sources.New(s).Sources(ctx, office); err != nil || len(list) != 1 {
			t.Errorf("sources = %v, %v", list, err)
		}
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "source"})
		modelstest.Must(t, err)
		if len(log) != 2 || log[0].Action != "update" {
			t.Errorf("audit = %+v", log)
		}

		plain, tok, err := sources.New(s).IssueAPIToken(ctx, office, src.ID)
		modelstest.Must(t, err)
		if len(plain) < 40 || tok.Hash == plain || plain[:len(tok.Hint)] != tok.Hint {
			t.Errorf("token %q stored as %+v", plain, tok)
		}
		found, err := sources.New(s).SourceForToken(ctx, plain)
		if err != nil || found.ID != src.ID || found.Department == nil || found.Department.Code != "ZA" {
			t.Fatalf("source for token: %+v %v", found, err)
		}
		if _, err := sources.New(s).SourceForToken(ctx, plain+"x"); !errors.Is(err, sources.ErrBadToken) {
			t.Errorf("a wrong token: %v", err)
		}
		modelstest.Must(t, sources.New(s).RevokeAPIToken(ctx, office, tok.ID))
		if _, err := sources.New(s).SourceForToken(ctx, plain); !errors.Is(err, sources.ErrBadToken) {
			t.Errorf("a revoked token: %v", err)
		}
		tokens, err := sources.New(s).APITokens(ctx, office, src.ID)
		modelstest.Must(t, err)
		if len(tokens) != 1 || tokens[0].RevokedAt == nil || tokens[0].LastUsedAt == nil {
			t.Errorf("tokens = %+v", tokens)
		}

		later := time.Now().Add(2 * time.Hour)
		due, err := sources.New(s).DueSources(ctx, later)
		modelstest.Must(t, err)
		if len(due) != 1 {
			t.Fatalf("due = %+v", due)
		}
		first, err := sources.New(s).ClaimPull(ctx, due[0], later)
		modelstest.Must(t, err)
		second, err := sources.New(s).ClaimPull(ctx, due[0], later)
		modelstest.Must(t, err)
		if !first || second {
			t.Errorf("claims = %v, %v; want only the first", first, second)
		}
		run := &imports.ImportRun{Kind: "publications", UserName: "system", Source: "pull"}
		modelstest.Must(t, imports.New(s).StartImportRun(ctx, run))
		run.Status, run.Message = imports.RunDone, "ok"
		modelstest.Must(t, imports.New(s).FinishImportRun(run))
		modelstest.Must(t, sources.New(s).RecordPull(ctx, src.ID, later, run))
		got, err = sources.New(s).Source(ctx, office, src.ID)
		modelstest.Must(t, err)
		if got.LastStatus != imports.RunDone || got.LastRunID == nil || *got.LastRunID != run.ID || got.LastPullAt == nil {
			t.Errorf("after a pull: %+v", got)
		}
	})
}
