package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models/modelstest"
)

// gongkai notify runs one pass and says what it did; a GONGKAI_SMTP that
// is no smtp:// address is refused before anything runs.
func TestNotifyCommand(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	ctx := context.Background()
	var out bytes.Buffer
	modelstest.Must(t, run(ctx, []string{"notify"}, nil, &out))
	if !strings.Contains(out.String(), "提醒 0 条，汇总邮件 0 封，发出邮件 0 封") {
		t.Errorf("notify printed %q", out.String())
	}
	if err := run(ctx, []string{"notify", "now"}, nil, &out); err == nil || !strings.Contains(err.Error(), "usage:") {
		t.Errorf("notify with an argument: %v", err)
	}
	t.Setenv("GONGKAI_SMTP", "https://mail.example.com")
	if err := run(ctx, []string{"notify"}, nil, &out); err == nil || !strings.Contains(err.Error(), "GONGKAI_SMTP") {
		t.Errorf("a bad GONGKAI_SMTP: %v", err)
	}
}
