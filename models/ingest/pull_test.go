package ingest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/sources"
)

// department returns a fixture department's id.
func department(t *testing.T, s *models.Store, code string) uint {
	t.Helper()
	names, err := s.LoadNames(context.Background())
	modelstest.Must(t, err)
	return names.Departments[code]
}

// A department's system on loopback: its publications as CSV and XLSX
// behind a bearer token, a table that mixes in another department's row,
// and a slow page.
func departmentServer(t *testing.T, hits *atomic.Int32) *httptest.Server {
	t.Helper()
	recs := parseCSV(t, sample[Publications])
	own := writeCSV(recs[:2])
	bodies := map[string][]byte{
		"/za/pubs.csv":  own,
		"/za/pubs.xlsx": toXLSX(t, Publications, chineseHeader(Publications, recs[:2])),
		"/mixed.csv":    writeCSV(recs),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/za/slow" {
			time.Sleep(time.Second)
			return
		}
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Pulls fetch from a loopback server, import through the same path, are
// scoped to the source's department, and are recorded with their outcome.
func TestPull(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		var hits atomic.Int32
		srv := departmentServer(t, &hits)
		im := bureau(t, s, Publications)
		p := NewPuller(im, 300*time.Millisecond, nil)
		za := department(t, s, "ZA")
		newSource := func(name, path, token string) *sources.Source {
			src, err := sources.New(s).CreateSource(ctx, office, sources.SourceInput{Name: name, DepartmentID: za, Kind: "publications", URL: srv.URL + path, PullToken: token, EveryMinutes: 60})
			modelstest.Must(t, err)
			return src
		}

		for _, path := range []string{"/za/pubs.csv", "/za/pubs.xlsx"} {
			src := newSource("治安支队"+path, path, "s3cret")
			rep, err := p.Pull(ctx, src.ID, office)
			if err != nil || rep.Read != 1 || rep.Inserted+rep.Unchanged != 1 {
				t.Fatalf("pull %s: %v %+v", path, err, rep)
			}
			got := mustSource(t, s, src.ID)
			if got.LastStatus != imports.RunDone || got.LastRunID == nil || *got.LastRunID != rep.RunID || got.LastPullAt == nil {
				t.Errorf("source after a pull: %+v", got)
			}
			runs, err := imports.New(s).ImportRuns(ctx, office, imports.ImportRunFilter{SourceID: src.ID})
			modelstest.Must(t, err)
			if len(runs) != 1 || runs[0].Source != "pull" || runs[0].FileName != srv.URL+path || runs[0].DepartmentID == nil || *runs[0].DepartmentID != za {
				t.Errorf("runs of the source: %+v", runs)
			}
		}

		mixed := newSource("混合", "/mixed.csv", "s3cret")
		rep, err := p.Pull(ctx, mixed.ID, office)
		want := "第 3 行，列“department”：“刑警支队”不是本来源的部门“治安支队”，不能导入"
		if !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || rep.Errors[0].Message != want {
			t.Fatalf("a pull with another department's row: %v %+v", err, rep)
		}
		if got := mustSource(t, s, mixed.ID); got.LastStatus != imports.RunRejected || !strings.HasSuffix(got.LastMessage, want) {
			t.Errorf("source after a rejected pull: %+v", got)
		}

		for _, tc := range []struct{ name, path, token, msg string }{
			{"wrong token", "/za/pubs.csv", "guess", "拉取失败：" + srv.URL + "/za/pubs.csv 返回了 401 Unauthorized"},
			{"missing page", "/za/none.csv", "s3cret", "拉取失败：" + srv.URL + "/za/none.csv 返回了 404 Not Found"},
			{"timeout", "/za/slow", "s3cret", "拉取失败：无法连接 " + srv.URL + "/za/slow 或请求超时"},
		} {
			bad := newSource(tc.name, tc.path, tc.token)
			_, err := p.Pull(ctx, bad.ID, office)
			if !errors.Is(err, ErrPull) || UserMessage(err) != tc.msg {
				t.Errorf("%s: err = %v (%s)", tc.name, err, UserMessage(err))
			}
			if got := mustSource(t, s, bad.ID); got.LastStatus != imports.RunFailed || got.LastMessage != tc.msg {
				t.Errorf("%s: source after the pull: %+v", tc.name, got)
			}
		}
	})
}

func mustSource(t *testing.T, s *models.Store, id uint) *sources.Source {
	t.Helper()
	src, err := sources.New(s).Source(context.Background(), office, id)
	modelstest.Must(t, err)
	return src
}

// The scheduler pulls what is due, once, even with two instances running.
func TestScheduledPulls(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		var hits atomic.Int32
		srv := departmentServer(t, &hits)
		im := bureau(t, s, Publications)
		_, err := sources.New(s).CreateSource(ctx, office, sources.SourceInput{Name: "定时", DepartmentID: department(t, s, "ZA"), Kind: "publications", URL: srv.URL + "/za/pubs.csv", PullToken: "s3cret", EveryMinutes: 60})
		modelstest.Must(t, err)
		_, err = sources.New(s).CreateSource(ctx, office, sources.SourceInput{Name: "手动", DepartmentID: department(t, s, "ZA"), Kind: "publications", URL: srv.URL + "/za/pubs.csv"})
		modelstest.Must(t, err)
		a, b := NewPuller(im, time.Second, nil), NewPuller(New(s), time.Second, nil)
		if n, err := a.PullDue(ctx, time.Now()); err != nil || n != 0 {
			t.Fatalf("nothing is due yet: %d %v", n, err)
		}
		later := time.Now().Add(61 * time.Minute)
		n1, err1 := a.PullDue(ctx, later)
		n2, err2 := b.PullDue(ctx, later)
		if err1 != nil || err2 != nil || n1+n2 != 1 || hits.Load() != 1 {
			t.Fatalf("pulled %d + %d (%v %v), server hit %d times; want one pull", n1, n2, err1, err2, hits.Load())
		}

		// RunScheduler pulls a due source straight away, and stops with ctx.
		modelstest.Must(t, s.DB.Model(&sources.Source{}).Where("name = ?", "定时").Update("next_pull_at", time.Now().Add(-time.Minute)).Error)
		run, stop := context.WithTimeout(ctx, 500*time.Millisecond)
		defer stop()
		a.RunScheduler(run, 20*time.Millisecond)
		if hits.Load() != 2 {
			t.Errorf("server hit %d times after the scheduler ran, want 2", hits.Load())
		}
	})
}

// Records pushed with an API token land in the token's department and kind.
func TestPush(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		za := department(t, s, "ZA")
		src, err := sources.New(s).CreateSource(ctx, office, sources.SourceInput{Name: "治安支队系统", DepartmentID: za, Kind: "publications"})
		modelstest.Must(t, err)
		token, _, err := sources.New(s).IssueAPIToken(ctx, office, src.ID)
		modelstest.Must(t, err)
		body := []byte(`[{"department": "ZA", "seq": 1, "title": "机构设置", "channel": "网站", "published": "2025-01-06", "index_no": "ZA-1"}]`)
		rep, err := im.Push(ctx, token, Publications, bytes.NewReader(body), false)
		if err != nil || rep.Inserted != 1 {
			t.Fatalf("push: %v %+v", err, rep)
		}
		run, err := imports.New(s).ImportRun(ctx, office, rep.RunID)
		modelstest.Must(t, err)
		if run.Source != "api" || run.SourceID == nil || *run.SourceID != src.ID || run.UserName != "API:治安支队系统" {
			t.Errorf("run = %+v", run)
		}
		if _, err := im.Push(ctx, token, Requests, bytes.NewReader([]byte(`[]`)), false); !errors.Is(err, ErrScope) || !errors.Is(err, models.ErrForbidden) || UserMessage(err) != "此令牌只能导入公开记录" {
			t.Errorf("another kind: %v", err)
		}
		if _, err := im.Push(ctx, "gk_guess", Publications, bytes.NewReader(body), false); !errors.Is(err, sources.ErrBadToken) || UserMessage(err) != "API 令牌无效或已被撤销" {
			t.Errorf("unknown token: %v", err)
		}
		tokens, err := sources.New(s).APITokens(ctx, office, src.ID)
		modelstest.Must(t, err)
		modelstest.Must(t, sources.New(s).RevokeAPIToken(ctx, office, tokens[0].ID))
		if _, err := im.Push(ctx, token, Publications, bytes.NewReader(body), false); !errors.Is(err, sources.ErrBadToken) {
			t.Errorf("revoked token: %v", err)
		}
	})
}
