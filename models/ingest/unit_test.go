package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/sources"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-05": "2024-03-05", "2024/3/5": "2024-03-05", "2024.3.5": "2024-03-05", "2024年3月5日": "2024-03-05",
		"2024年03月05号": "2024-03-05", "2024/3/5 0:00": "2024-03-05", "2024-03-05T00:00:00Z": "2024-03-05",
		" 2024-3-5 ": "2024-03-05", "2024-02-29": "2024-02-29",
		"2023-02-29": "", "2024-13-01": "", "2024-00-10": "", "24/3/5": "", "2024-3": "", "2024/3/5/6": "",
		"1900-01-01": "", "45356": "", "明天": "", "2024年3月": "", "2024-03-5x": "", "": "",
	} {
		got, ok := parseDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	h, problems := matchHeader(publicationColumns, []string{" 部门 ", "Seq", "标题*", "公开形式(必填)", "published", "索引号", "", "备注"})
	if problems != nil {
		t.Fatalf("problems: %v", problems)
	}
	if h.index[pubDepartment] != 0 || h.index[pubSeq] != 1 || h.index[pubTitle] != 2 || h.index[pubChannel] != 3 || h.index[pubPublished] != 4 || h.index[pubURL] != -1 {
		t.Errorf("index = %v", h.index)
	}
	if h.names[pubSeq] != "Seq" || h.names[pubURL] != "链接" || strings.Join(h.unknown, ",") != "备注" {
		t.Errorf("names = %v, unknown = %v", h.names, h.unknown)
	}
	_, problems = matchHeader(publicationColumns, []string{"部门", "department", "标题"})
	want := []string{"列“department”出现了两次", "缺少必填列“公开形式”（channel）", "缺少必填列“公开日期”（published）", "缺少必填列“索引号”（index_no）"}
	if strings.Join(problems, "|") != strings.Join(want, "|") {
		t.Errorf("problems = %q", problems)
	}
}

// A character cut in two by the end of a read is still valid UTF-8; a
// lone GBK byte pair is not.
func TestInputUTF8AcrossChunks(t *testing.T) {
	text := []byte(strings.Repeat("部门,标题\n治安支队,机构设置\n", 50))
	for cut := 1; cut < 40; cut++ {
		s := newInputScan()
		for p := text; len(p) > 0; p = p[min(cut, len(p)):] {
			s.Write(p[:min(cut, len(p))])
		}
		if s.enc.end(); s.enc.badUTF8 != 0 || s.enc.badGB != 0 {
			t.Fatalf("chunks of %d: valid UTF-8 reported invalid", cut)
		}
	}
	s := newInputScan()
	s.Write(toGBK(t, text))
	if s.enc.end(); s.enc.badUTF8 == 0 || s.enc.badGB != 0 {
		t.Error("GBK reported as UTF-8")
	}
	in, err := readInput(bytes.NewReader(append(text, "置"[:2]...)), 1<<20)
	modelstest.Must(t, err)
	defer in.Close()
	if in.utf8 {
		t.Error("a file ending inside a character reported as UTF-8")
	}
}

// Excel's "Unicode text" (UTF-16, tab-separated) reads like any CSV.
func TestUTF16TabSeparated(t *testing.T) {
	text := strings.ReplaceAll(sample[AnnualReports], ",", "\t")
	enc, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	modelstest.Must(t, err)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, AnnualReports)
		rep := mustImport(t, im, AnnualReports, "annual.txt", enc, Options{})
		if rep.Inserted != 2 || rep.Encoding != "UTF-16" {
			t.Errorf("%s (%s)", rep.Summary(), rep.Encoding)
		}
	})
}

// Progress counts up to the total and ends at done == total.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("部门,年度,季度\n")
	for i := 0; i < 12345; i++ {
		buf.WriteString([]string{"ZA", "XJ", "SC"}[i%3] + ",2025,1\n")
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, QuarterlyReports)
		var calls [][2]int
		_, err := im.File(context.Background(), QuarterlyReports, "q.csv", bytes.NewReader(buf.Bytes()), Options{Partial: true, Progress: func(done, total int) {
			calls = append(calls, [2]int{done, total})
		}})
		modelstest.Must(t, err)
		want := [][2]int{{5000, 12345}, {10000, 12345}, {12345, 12345}}
		if len(calls) != len(want) || calls[0] != want[0] || calls[1] != want[1] || calls[2] != want[2] {
			t.Errorf("progress calls = %v, want %v", calls, want)
		}
	})
}

// The import history records every run, with its counts and hash.
func TestImportHistory(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		rep := mustImport(t, im, Publications, "pubs.csv", []byte(sample[Publications]), Options{Source: "cli"})
		runs, err := imports.New(s).ImportRuns(ctx, office, imports.ImportRunFilter{Kind: "publications"})
		modelstest.Must(t, err)
		if len(runs) != 1 {
			t.Fatalf("runs = %+v", runs)
		}
		r := runs[0]
		if r.ID != rep.RunID || r.Source != "cli" || r.FileName != "pubs.csv" || len(r.SHA256) != 64 || r.SHA256 != rep.SHA256 ||
			r.Read != 2 || r.Inserted != 2 || r.Status != imports.RunDone || r.FinishedAt == nil || r.DurationMS <= 0 || r.Format != "csv" {
			t.Errorf("run = %+v", r)
		}
		head := models.Viewer{UserID: 9, Name: "张卫", Role: models.RoleHead, DepartmentID: 1}
		if mine, err := imports.New(s).ImportRuns(ctx, head, imports.ImportRunFilter{}); err != nil || len(mine) != 0 {
			t.Errorf("a head sees the office's runs: %v %v", mine, err)
		}
	})
}

func TestKinds(t *testing.T) {
	for _, k := range Kinds {
		for _, s := range []string{string(k), strings.ToUpper(string(k)), k.Title(i18n.Chinese)} {
			if got, err := ParseKind(s); err != nil || got != k {
				t.Errorf("ParseKind(%q) = %q, %v", s, got, err)
			}
		}
		if k.Title("en") == string(k) || specs[k].columns == nil {
			t.Errorf("%s has no English title or no columns", k)
		}
	}
	var ve *models.ValidationError
	if _, err := ParseKind("报纸"); !errors.As(err, &ve) || !strings.HasPrefix(ve.Message, "未知的数据类别“报纸”，应为 departments（部门）、") {
		t.Errorf("ParseKind of an unknown kind: %v", err)
	}
	// A department's source may feed exactly the kinds a department owns.
	for _, s := range sources.SourceKinds {
		if k, err := ParseKind(s); err != nil || !k.departmental() {
			t.Errorf("source kind %q: %v", s, err)
		}
	}
}

// The writer's column lists match the tables the migrations create: a
// field renamed in a model must be renamed here too.
func TestTablesMatchTheSchema(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	for _, k := range Kinds {
		rk := specs[k].record
		if rk == nil {
			continue
		}
		cols, err := s.DB.Migrator().ColumnTypes(rk.table.name)
		modelstest.Must(t, err)
		have := map[string]bool{}
		for _, c := range cols {
			have[c.Name()] = true
		}
		for _, c := range rk.table.columnList(true) {
			if name := strings.Trim(c, "`"); !have[name] {
				t.Errorf("%s: table %s has no column %s", k, rk.table.name, name)
			}
		}
		if !have[rk.table.id] {
			t.Errorf("%s: table %s has no column %s", k, rk.table.name, rk.table.id)
		}
	}
}
