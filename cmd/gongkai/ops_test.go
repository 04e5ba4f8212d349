package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// tableCounts counts the rows of every table: what a restore must give back.
func tableCounts(t *testing.T) map[string]int64 {
	t.Helper()
	store, err := openStore(context.Background())
	modelstest.Must(t, err)
	defer store.Close()
	tables, err := store.DB.Migrator().GetTables()
	modelstest.Must(t, err)
	out := map[string]int64{}
	for _, tb := range tables {
		var n int64
		modelstest.Must(t, store.DB.Table(tb).Count(&n).Error)
		out[tb] = n
	}
	return out
}

// A backup taken while the app runs restores every record and a valid
// audit chain; what was written after the backup is gone.
func TestBackupAndRestoreKeepEveryRecordAndTheChain(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		dsn := modelstest.FreshDSN(t, engine)
		t.Setenv("GONGKAI_DB", dsn)
		if engine == "mysql" {
			t.Cleanup(func() { dropKept(t, dsn) })
		}
		ctx := context.Background()
		var out bytes.Buffer
		for _, u := range []string{"wu", "shen"} {
			modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "office", "--username", u, "--name", "吴良亮", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out))
		}
		store, err := openStore(ctx)
		modelstest.Must(t, err)
		d := models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, store.DB.Create(&d).Error)
		modelstest.Must(t, store.UpdateLiaison(ctx, models.System, d.ID, models.LiaisonUpdate{Liaison: "何军", Phone: "0527-1"}, time.Now()))
		store.Close()
		want := tableCounts(t)

		file := filepath.Join(t.TempDir(), "gongkai.backup")
		modelstest.Must(t, run(ctx, []string{"backup", file}, nil, &out))
		if err := run(ctx, []string{"backup", file}, nil, &out); err == nil {
			t.Error("a second backup overwrote the first")
		}
		modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "auditor", "--username", "later", "--name", "后来", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out))

		out.Reset()
		modelstest.Must(t, run(ctx, []string{"restore", "--yes", file}, nil, &out))
		if !strings.Contains(out.String(), "操作日志链完整") {
			t.Errorf("restore output: %q", out.String())
		}
		got := tableCounts(t)
		for tb, n := range want {
			if got[tb] != n {
				t.Errorf("%s: %d rows after restore, %d in the backup", tb, got[tb], n)
			}
		}
		store, err = openStore(ctx)
		modelstest.Must(t, err)
		defer store.Close()
		if _, err := accounts.New(store).Authenticate(ctx, "wu", "a-long-password"); err != nil {
			t.Errorf("a user of the backup cannot sign in: %v", err)
		}
		var liaison models.Department
		modelstest.Must(t, store.DB.First(&liaison, d.ID).Error)
		if liaison.Liaison != "何军" {
			t.Errorf("department after restore: %+v", liaison)
		}
		if _, err := accounts.New(store).Authenticate(ctx, "later", "a-long-password"); err == nil {
			t.Error("an account made after the backup survived the restore")
		}
	})
}

// gongkai audit verify names the first edited entry and fails.
func TestAuditVerifyCommand(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	ctx := context.Background()
	var out bytes.Buffer
	modelstest.Must(t, run(ctx, []string{"user", "add", "--role", "office", "--username", "wu", "--name", "吴良亮", "--password-stdin"}, strings.NewReader("a-long-password\n"), &out))
	out.Reset()
	modelstest.Must(t, run(ctx, []string{"audit", "verify"}, nil, &out))
	if !strings.Contains(out.String(), "操作日志链完整") {
		t.Errorf("intact chain: %q", out.String())
	}
	store, err := openStore(ctx)
	modelstest.Must(t, err)
	modelstest.Must(t, store.DB.Exec("UPDATE audit_entries SET user_name = 'x'").Error)
	store.Close()
	err = run(ctx, []string{"audit", "verify"}, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "第 1 条（编号 1）被修改过") {
		t.Errorf("edited chain: %v", err)
	}
}

// gongkai audit verify checks each issued document against the hash
// recorded at issue, and names one edited in the database.
func TestAuditVerifyDocuments(t *testing.T) {
	t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, "sqlite"))
	ctx := context.Background()
	store, err := openStore(ctx)
	modelstest.Must(t, err)
	modelstest.Must(t, store.Audited(ctx, models.System, func(tx *models.Tx) error {
		_, err := documents.IssueIn(tx, documents.Issue{Kind: "case_notice", Series: "纪公开通", Year: 2026, Subject: "accountability_case", SubjectID: 1,
			Content: documents.Content{Issuer: "宿迁市公安局纪律检查委员会", Title: "处理通知", To: "治安支队", Body: []documents.Block{documents.Paragraph("通报批评。")},
				Signer: "宿迁市公安局纪委", Date: scoring.NewDate(2026, 12, 6)}})
		return err
	}))
	store.Close()
	var out bytes.Buffer
	modelstest.Must(t, run(ctx, []string{"audit", "verify"}, nil, &out))
	if !strings.Contains(out.String(), "已发文件 1 件与发文时的摘要一致") {
		t.Errorf("untouched document: %q", out.String())
	}
	store, err = openStore(ctx)
	modelstest.Must(t, err)
	modelstest.Must(t, store.DB.Exec("UPDATE documents SET html = REPLACE(html, '通报批评', '告诫')").Error)
	store.Close()
	err = run(ctx, []string{"audit", "verify"}, nil, &out)
	if err == nil || !strings.Contains(err.Error(), "文件 纪公开通〔2026〕1号（编号 1）与发文时登记的摘要不符") || !strings.Contains(err.Error(), "it was edited") {
		t.Errorf("edited document: %v", err)
	}
}
