package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models/modelstest"
)

// gongkai import prints a Chinese summary, fails when the file is rejected,
// and with --partial writes the bad rows where --errors says.
func TestImportCommand(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, engine))
		ctx := context.Background()
		dir := t.TempDir()
		write := func(name, data string) string {
			path := filepath.Join(dir, name)
			modelstest.Must(t, os.WriteFile(path, []byte(data), 0o600))
			return path
		}
		depts := write("depts.csv", "编码,名称,类别\nSJ09,治安支队,市局部门\nFJ01,宿城分局,分县局\n")
		annual := write("annual.csv", "部门,年度,报送日期\nSJ09,2025,2026-01-08\nFJ01,2025,2026-13-01\n")
		errFile := filepath.Join(dir, "bad.csv")

		var out bytes.Buffer
		modelstest.Must(t, importCommand(ctx, []string{"--kind", "departments", depts}, &out))
		if !strings.HasPrefix(out.String(), "部门：读取 2 行，新增 2 行，更新 0 行，未变 0 行，拒绝 0 行") {
			t.Errorf("summary: %s", out.String())
		}

		out.Reset()
		err := importCommand(ctx, []string{"--kind", "annual_reports", annual}, &out)
		if err == nil || err.Error() != "文件中有错误的行，未导入任何数据" || !strings.Contains(out.String(), "错误: 第 3 行，列“报送日期”：“2026-13-01”不是有效日期") {
			t.Errorf("rejected file: err = %v, output:\n%s", err, out.String())
		}

		out.Reset()
		modelstest.Must(t, importCommand(ctx, []string{"--kind", "年度报告", "--partial", "--errors", errFile, annual}, &out))
		bad, err := os.ReadFile(errFile)
		modelstest.Must(t, err)
		if !strings.Contains(out.String(), "新增 1 行") || !strings.Contains(string(bad), "FJ01,2025,2026-13-01,第 3 行") {
			t.Errorf("partial: output:\n%s\nerror file:\n%s", out.String(), bad)
		}

		if err := importCommand(ctx, []string{"--kind", "nothing", annual}, &out); err == nil || !strings.Contains(err.Error(), "未知的数据类别“nothing”") {
			t.Errorf("unknown kind: %v", err)
		}
		if err := importCommand(ctx, []string{"--kind", "catalog"}, &out); err == nil {
			t.Error("no file: no error")
		}
	})
}
