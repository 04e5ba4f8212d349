package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// Issue 20 item 6: the command line refuses a data cut-off after today, in
// Chinese, as the page and the Store do.
func TestScoreCommandRefusesACutOffToCome(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	ctx := context.Background()
	store, err := openStore(ctx)
	modelstest.Must(t, err)
	modelstest.Must(t, seed.Facts(ctx, store))
	store.Close()
	later := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	var out bytes.Buffer
	err = run(ctx, []string{"score", "--year", "2024", "--as-of", later}, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "数据截止日期 "+later+" 晚于今天") {
		t.Errorf("gongkai score --as-of %s: %v", later, err)
	}
}
