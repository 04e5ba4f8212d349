package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// PeerVar names a second node of the MySQL test server's cluster
// (host:port), e.g. 127.0.0.1:4307 for `bash bench/galera.sh test`.
const PeerVar = "GONGKAI_TEST_MYSQL_PEER"

// Two instances on two nodes of a Galera cluster: one imports a year of
// website publications while the other recomputes the year's scores, at the
// same time. Both finish, both nodes hold the same rows, and the scores
// either node computes afterwards are the same.
func TestImportAndRecomputeOnTwoNodes(t *testing.T) {
	peer := os.Getenv(PeerVar)
	if peer == "" {
		t.Skip("two-node test skipped: run `bash bench/galera.sh test`, which sets " + PeerVar)
	}
	dsn := modelstest.FreshDSN(t, "mysql")
	u, err := url.Parse(dsn)
	modelstest.Must(t, err)
	u.Host = peer
	ctx := context.Background()

	t.Setenv("GONGKAI_DB", dsn)
	first, err := openStore(ctx)
	modelstest.Must(t, err)
	defer first.Close()
	modelstest.Must(t, seed.Facts(ctx, first))
	dir := t.TempDir()
	load := func(kind, data string) error {
		path := filepath.Join(dir, kind+".csv")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			return err
		}
		var out bytes.Buffer
		return run(ctx, []string{"import", "--kind", kind, path}, nil, &out)
	}
	for _, kind := range []string{"departments", "catalog", "publications", "requests", "complaints", "quarterly_reports", "annual_reports"} {
		modelstest.Must(t, load(kind, smallYear[kind]))
	}

	second, err := models.Open(u.String(), nil)
	modelstest.Must(t, err)
	defer second.Close()
	score := func(s *models.Store) (map[string]string, error) {
		_, res, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: 2024, AsOf: scoring.NewDate(2025, 2, 1)}, time.Now())
		if err != nil {
			return nil, err
		}
		out := map[string]string{}
		for _, d := range res.Departments {
			out[d.Code] = string(d.Grade)
			if !d.Unrated {
				out[d.Code] += " " + d.Total.RatString()
			}
		}
		return out, nil
	}

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	wg.Go(func() { errs <- load("publications", websitePublications()) })
	wg.Go(func() {
		for range 3 {
			if _, err := score(second); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent import and recomputation: %v", err)
		}
	}

	count := func(s *models.Store) int64 {
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Publication{}).Count(&n).Error)
		return n
	}
	// Galera applies a committed write set on every node before the next
	// read that waits for causality; wsrep_sync_wait makes the read wait.
	modelstest.Must(t, second.DB.Exec("SET SESSION wsrep_sync_wait = 1").Error)
	if a, b := count(first), count(second); a != b || a < 100 {
		t.Errorf("publications: %d on the first node, %d on the second", a, b)
	}
	on1, err := score(first)
	modelstest.Must(t, err)
	on2, err := score(second)
	modelstest.Must(t, err)
	if len(on1) == 0 || !equalMaps(on1, on2) {
		t.Errorf("scores differ between nodes:\n%v\n%v", on1, on2)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
