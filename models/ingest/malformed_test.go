package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Malformed input fails with a clear Chinese sentence, never a panic, and
// the run is recorded as rejected.
func TestMalformedInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	garbage := make([]byte, 100000)
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	printable := []byte(strings.Repeat("q;w\te r,ty 中文\n", 2000))
	xlsx := toXLSX(t, Publications, chineseHeader(Publications, parseCSV(t, sample[Publications])))

	cases := []struct {
		name   string
		data   []byte
		kind   error
		prefix string
	}{
		{"truncated xlsx", xlsx[:len(xlsx)/2], ErrMalformed, "文件无法读取：不是有效的 XLSX 文件（文件不完整或已损坏）"},
		{"binary garbage", garbage, ErrMalformed, "文件无法读取：不是 CSV、XLSX 或 JSON 文件（内容是二进制数据）"},
		{"text that is not a table", printable, ErrMalformed, "文件无法读取：前 10 行中找不到表头"},
		{"empty file", nil, ErrMalformed, "文件无法读取：文件中没有数据"},
		{"legacy xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, garbage[:1000]...), ErrMalformed, "文件无法读取：不支持旧版 Excel"},
		{"zip that is not a workbook", zipOf(t, map[string][]byte{"hello.txt": []byte("hi")}), ErrMalformed, "文件无法读取：不是有效的 XLSX 文件"},
		{"zip bomb", zipOf(t, map[string][]byte{"xl/worksheets/sheet1.xml": bytes.Repeat([]byte(" "), 300<<20)}), ErrTooLarge, "文件过大：XLSX 文件解压后超过 256 MB 的上限"},
		{"truncated json", []byte(`[{"department": "ZA", "title": `), ErrMalformed, "文件无法读取：第 1 条记录不是有效的 JSON"},
		{"json that is not an array", []byte(`{"department": "ZA"}`), ErrMalformed, "文件无法读取：JSON 应为对象数组"},
		{"unterminated quote", []byte(pubFileHead + pubGood + "ZA,1,\"机构设置,网站,,2025-01-06,ZA-2,,\nZA,1,机构设置,网站,,2025-01-06,ZA-3,,\n"), ErrMalformed, "文件无法读取：第 3 行的 CSV 格式有误"},
		{"bare quote", []byte(pubFileHead + "ZA,1,关于\"扫黄打非\"的通报,网站,,2025-01-06,ZA-2,,\n"), ErrMalformed, "文件无法读取：第 2 行的 CSV 格式有误"},
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				rep, err := im.File(context.Background(), Publications, "upload.xlsx", bytes.NewReader(tc.data), Options{Viewer: office})
				if !errors.Is(err, tc.kind) || !strings.HasPrefix(UserMessage(err), tc.prefix) {
					t.Fatalf("err = %v (%q), want %v starting %q", err, UserMessage(err), tc.kind, tc.prefix)
				}
				run, rerr := imports.New(s).ImportRun(context.Background(), office, rep.RunID)
				modelstest.Must(t, rerr)
				if run.Status != imports.RunRejected || run.Message != UserMessage(err) {
					t.Errorf("run = %+v", run)
				}
			})
		}
		t.Run("every truncation of a workbook", func(t *testing.T) {
			for n := 0; n < len(xlsx); n += len(xlsx)/40 + 1 {
				if _, err := im.File(context.Background(), Publications, "cut.xlsx", bytes.NewReader(xlsx[:n]), Options{}); !errors.Is(err, ErrMalformed) {
					t.Fatalf("cut at %d of %d: %v", n, len(xlsx), err)
				}
			}
		})
		t.Run("over the size limit", func(t *testing.T) {
			small := New(s)
			small.Limits.MaxBytes = 1 << 20
			big := []byte(sample[Publications] + strings.Repeat("ZA,1,标题,网站,,2025-01-06,ZA-1,,,,,\n", 40000))
			_, err := small.File(context.Background(), Publications, "big.csv", bytes.NewReader(big), Options{})
			if !errors.Is(err, ErrTooLarge) || UserMessage(err) != "文件过大：超过 32 MB 的上限" && UserMessage(err) != "文件过大：超过 1 MB 的上限" {
				t.Errorf("err = %v", err)
			}
			_, err = small.Records(context.Background(), Publications, bytes.NewReader(big), Options{})
			if !errors.Is(err, ErrTooLarge) || UserMessage(err) != "文件过大：超过 1 MB 的上限" {
				t.Errorf("API body: err = %v", err)
			}
		})
		t.Run("json element that is not an object", func(t *testing.T) {
			rep, err := im.Records(context.Background(), Publications, bytes.NewReader([]byte(`[42]`)), Options{})
			if !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || rep.Errors[0].Message != "第 1 条：应为一个对象（花括号括起的字段和值）" {
				t.Errorf("err = %v, errors %+v", err, rep.Errors)
			}
		})
	})
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range files {
		f, err := w.Create(name)
		modelstest.Must(t, err)
		_, err = f.Write(data)
		modelstest.Must(t, err)
	}
	modelstest.Must(t, w.Close())
	return buf.Bytes()
}

// FuzzFile feeds arbitrary bytes to the importer: it must answer with a
// report and one of its documented errors, never panic or fail otherwise.
// `go test` runs the seeds; `go test -fuzz FuzzFile` explores.
func FuzzFile(f *testing.F) {
	s := modelstest.Open(f, "sqlite")
	im := New(s)
	for _, k := range []Kind{Departments, Catalog} {
		if _, err := im.File(context.Background(), k, "fixture.csv", strings.NewReader(sample[k]), Options{}); err != nil {
			f.Fatal(err)
		}
	}
	f.Add([]byte(sample[Publications]))
	f.Add([]byte(`[{"department": "ZA", "seq": 1}]`))
	f.Add([]byte("部门,标题\n\"ZA\",\"x\"\"y\"\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := im.File(context.Background(), Publications, "fuzz", bytes.NewReader(data), Options{Partial: true})
		if rep == nil {
			t.Fatalf("no report: %v", err)
		}
		if err != nil && !errors.Is(err, ErrRejected) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("unexpected error: %v", err)
		}
	})
}
