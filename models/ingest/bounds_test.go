package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
)

// importErr imports data as publications and returns the report and error.
func importErr(t *testing.T, im *Importer, name string, data []byte) (*Report, error) {
	t.Helper()
	return im.File(context.Background(), Publications, name, bytes.NewReader(data), Options{Viewer: office})
}

// Hostile CSV and JSON are refused with a short Chinese reason before they
// are held whole: a line of millions of commas, a row of thousands of
// cells, an object of thousands of keys. Unknown columns and error
// messages stay short whatever the input.
func TestCSVAndJSONBounds(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	head := strings.SplitN(sample[Publications], "\n", 2)[0]
	for _, tc := range []struct {
		name, data, want string
	}{
		{"one line of two million commas", strings.Repeat(",", 2<<20), "文件过大：第 1 行超过 1024 KB 的上限"},
		{"a line too long after the header", head + "\nZA,1," + strings.Repeat("长", 1<<19) + "\n", "文件过大：第 2 行超过 1024 KB 的上限"},
		{"a row of five thousand cells", head + "\n" + strings.Repeat("x,", 5000) + "\n", "文件过大：第 2 行有 5001 个单元格，超过 1000 个的上限"},
		{"an object of five thousand keys", "[" + jsonObject(5000) + "]", "文件过大：第 1 条记录的字段超过 1000 个的上限"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := importErr(t, im, "bad", []byte(tc.data))
			if !errors.Is(err, ErrTooLarge) || UserMessage(err) != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
			if rep.Inserted != 0 {
				t.Errorf("inserted %d", rep.Inserted)
			}
		})
	}

	t.Run("thousands of distinct unknown keys", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("[")
		for i := range 3000 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"department":"ZA","seq":1,"title":"t","channel":"网站","published":"2025-01-06","index_no":"ZA-%d","unknown_%d_%s":1}`, i, i, strings.Repeat("k", 200))
		}
		b.WriteString("]")
		rep, err := im.Records(context.Background(), Publications, strings.NewReader(b.String()), Options{Viewer: office})
		modelstest.Must(t, err)
		size := 0
		for _, w := range rep.Warnings {
			size += len(w)
		}
		if size > 4096 || !strings.Contains(strings.Join(rep.Warnings, ""), "等 1000 个") {
			t.Errorf("warnings of %d bytes: %.200s", size, rep.Warnings)
		}
	})

	t.Run("an error quoting a huge cell is cut short", func(t *testing.T) {
		data := head + "\nZA,1,标题,网站,," + strings.Repeat("9", 100000) + ",ZA-1,,,,,\n"
		rep, err := importErr(t, im, "bad.csv", []byte(data))
		if !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || len([]rune(rep.Errors[0].Message)) > maxMessageRunes {
			t.Fatalf("err = %v, %d errors, first %d runes", err, len(rep.Errors), len([]rune(rep.Errors[0].Message)))
		}
	})
}

func jsonObject(keys int) string {
	var b strings.Builder
	b.WriteString(`{"department":"ZA"`)
	for i := range keys {
		fmt.Fprintf(&b, `,"k%d":%d`, i, i)
	}
	b.WriteString("}")
	return b.String()
}

// craftXLSX is a workbook whose first sheet is the given XML body (rows and
// what follows sheetData), as a hostile tool would write it.
func craftXLSX(t testing.TB, sheetData, after string) []byte {
	t.Helper()
	f := excelize.NewFile()
	base, err := f.WriteToBuffer()
	modelstest.Must(t, err)
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	modelstest.Must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		modelstest.Must(t, err)
		if zf.Name == "xl/worksheets/sheet1.xml" {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData>%s</worksheet>`, sheetData, after)
			continue
		}
		r, err := zf.Open()
		modelstest.Must(t, err)
		_, err = io.Copy(w, r)
		modelstest.Must(t, err)
		r.Close()
	}
	modelstest.Must(t, zw.Close())
	return out.Bytes()
}

// headerRow is the publications header as inline strings in row 1.
func headerRow() string {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, h := range strings.Split(strings.SplitN(sample[Publications], "\n", 2)[0], ",") {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cell, h)
	}
	b.WriteString(`</row>`)
	return b.String()
}

// The workbooks that pinned a CPU (issue 11) are refused at once: a merge
// over the whole sheet, 20,000 small merges, a last row at 1,048,576.
func TestXLSXBounds(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	var many strings.Builder
	many.WriteString(`<mergeCells count="20000">`)
	for i := range 20000 {
		fmt.Fprintf(&many, `<mergeCell ref="M%d:N%d"/>`, i+2, i+2)
	}
	many.WriteString(`</mergeCells>`)
	for _, tc := range []struct {
		name      string
		rows, end string
		want      string
	}{
		{"one merge over the whole sheet", headerRow(), `<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>`, "文件过大：工作表“Sheet1”的合并单元格 A2:XFD1048576 超出 500000 行、1000 列的上限"},
		{"twenty thousand merges", headerRow(), many.String(), "文件过大：工作表中有 20000 个合并单元格，超过 5000 个的上限"},
		{"a last row at 1,048,576", headerRow() + `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>ZA</t></is></c></row>`, "", "文件过大：工作表超过 500000 行的上限（最后一行是第 1048576 行）"},
		{"a merge wider than the columns allowed", headerRow(), `<mergeCells count="1"><mergeCell ref="A2:AMZ3"/></mergeCells>`, "文件过大：工作表“Sheet1”的合并单元格 A2:AMZ3 超出 500000 行、1000 列的上限"},
		{"a row wider than the columns allowed", headerRow() + `<row r="2"><c r="AMZ2" t="inlineStr"><is><t>x</t></is></c></row>`, "", "文件过大：工作表“Sheet1”第 2 行有 1040 列，超过 1000 列的上限"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importErr(t, im, "bad.xlsx", craftXLSX(t, tc.rows, tc.end))
			if !errors.Is(err, ErrTooLarge) || UserMessage(err) != tc.want {
				t.Fatalf("err = %v\nwant %s", err, tc.want)
			}
		})
	}
}

// Every import has a time budget: past it the import stops, nothing is
// loaded, and the run says why. A cancelled import says it was cancelled.
func TestImportTimeBudgetAndCancel(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	im.Limits.TimeBudget = 1 // a nanosecond: spent before the first row
	rep, err := importErr(t, im, "p.csv", []byte(sample[Publications]))
	if err == nil || UserMessage(err) != "导入超过 0 秒的时限，已停止，未导入任何数据" || rep.Inserted != 0 {
		t.Fatalf("err = %v (%s)", err, UserMessage(err))
	}
	run, err := imports.New(s).ImportRun(context.Background(), office, rep.RunID)
	modelstest.Must(t, err)
	if run.Status != imports.RunFailed || run.Message != "导入超过 0 秒的时限，已停止，未导入任何数据" {
		t.Errorf("run %s %s", run.Status, run.Message)
	}

	im.Limits.TimeBudget = DefaultLimits.TimeBudget
	// The cancel button, pressed while the first rows are being written.
	var b strings.Builder
	b.WriteString(strings.SplitN(sample[Publications], "\n", 2)[0] + "\n")
	for i := range 2 * progressEvery {
		fmt.Fprintf(&b, "ZA,1,标题%d,网站,,2025-01-06,ZA-C-%d,,,,,\n", i, i)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	rep, err = im.File(ctx, Publications, "p.csv", strings.NewReader(b.String()), Options{Viewer: office,
		Progress: func(done, total int) { cancel(ErrCancelled) }})
	if !errors.Is(err, ErrCancelled) || rep == nil || rep.Inserted != 0 || UserMessage(err) != "导入已被取消，未导入任何数据" {
		t.Fatalf("cancelled: err = %v", err)
	}
	var n int64
	modelstest.Must(t, s.DB.Model(&models.Publication{}).Count(&n).Error)
	run, err = imports.New(s).ImportRun(context.Background(), office, rep.RunID)
	modelstest.Must(t, err)
	if n != 0 || run.Status != imports.RunFailed || run.Message != "导入已被取消，未导入任何数据" {
		t.Errorf("%d publications kept; run %s %s", n, run.Status, run.Message)
	}
}

// The encoding is decided from every byte: clean UTF-8 and clean GB18030
// read; UTF-8 with one stray byte, and bytes neither can read, are refused
// with the line of the first bad byte.
func TestEncodingFromTheWholeFile(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	good := []byte(sample[Publications])
	stray := bytes.Replace(good, []byte("一季度"), []byte("一季\xff度"), 1)
	gbk := toGBK(t, good)
	gbkBad := append(bytes.Clone(gbk), "ZA,9,\x80\x80,网站,,2025-01-06,ZA-9,,,,,\n"...)
	// Lines of both encodings, as when rows pasted from two exports meet
	// in one file: read either way, one part comes out garbled.
	lines := strings.SplitAfter(sample[Publications], "\n")
	mostlyGBK := slices.Concat([]byte(lines[0]+lines[1]), toGBK(t, []byte(lines[2]+lines[2]+lines[2])))
	mostlyUTF8 := slices.Concat([]byte(lines[0]), toGBK(t, []byte(lines[1])), []byte(lines[2]+lines[2]+lines[2]))
	for _, tc := range []struct {
		name     string
		data     []byte
		encoding string
		want     string
	}{
		{"UTF-8", good, "UTF-8", ""},
		{"GBK", gbk, "GB18030", ""},
		{"UTF-8 with one stray byte", stray, "", "文件无法读取：第 3 行有不是 UTF-8 编码的字节（文件其余部分是 UTF-8），文件可能已损坏；请检查该行后另存为 UTF-8 再导入"},
		{"UTF-8 with BOM and a stray byte", append(bytes.Clone(utf8BOM), stray...), "", "文件无法读取：文件以 UTF-8 标记开头，但第 3 行有不是 UTF-8 编码的字节，文件可能已损坏"},
		{"UTF-8 and GBK lines, mostly GBK", mostlyGBK, "", "文件无法读取：文件混用了两种编码：第 2 行是 UTF-8 编码，第 3 行是 GBK（GB18030）编码，按任何一种读取都会使另一部分成为乱码；请在 Excel 或 WPS 中统一另存为 CSV UTF-8 再导入"},
		{"UTF-8 and GBK lines, mostly UTF-8", mostlyUTF8, "", "文件无法读取：文件混用了两种编码：第 3 行是 UTF-8 编码，第 2 行是 GBK（GB18030）编码，按任何一种读取都会使另一部分成为乱码；请在 Excel 或 WPS 中统一另存为 CSV UTF-8 再导入"},
		{"neither", gbkBad, "", "文件无法读取：文件既不是有效的 UTF-8 编码，也不是有效的 GB18030（GBK）编码：第 4 行有无法识别的字节；请在 Excel 或 WPS 中另存为 CSV UTF-8 再导入"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := im.File(context.Background(), Publications, "p.csv", bytes.NewReader(tc.data), Options{Viewer: office, Partial: true})
			if tc.want == "" {
				if err != nil || rep.Encoding != tc.encoding {
					t.Fatalf("err = %v, encoding %q", err, rep.Encoding)
				}
				return
			}
			if !errors.Is(err, ErrMalformed) || UserMessage(err) != tc.want {
				t.Fatalf("err = %v\nwant %s", err, tc.want)
			}
		})
	}
}

// The error file quotes formula-like cells; fixed and uploaded again, it
// loads the text as it was.
func TestErrorFileNeutralisesFormulas(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	head := strings.SplitN(sample[Publications], "\n", 2)[0]
	data := head + "\nZA,1,=cmd|' /C calc'!A0,网站,,2025-13-06,ZA-F-1,,,,,\n"
	rep, err := im.File(context.Background(), Publications, "p.csv", strings.NewReader(data), Options{Viewer: office, Partial: true})
	if !errors.Is(err, ErrRejected) || !strings.Contains(string(rep.ErrorFile), `'=cmd|' /C calc'!A0`) {
		t.Fatalf("err = %v, error file:\n%s", err, rep.ErrorFile)
	}
	fixed := strings.Replace(string(rep.ErrorFile), "2025-13-06", "2025-01-06", 1)
	if _, err := im.File(context.Background(), Publications, "p.csv", strings.NewReader(fixed), Options{Viewer: office}); err != nil {
		t.Fatal(err)
	}
	var p models.Publication
	modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-F-1").First(&p).Error)
	if p.Title != "=cmd|' /C calc'!A0" {
		t.Errorf("title %q", p.Title)
	}
}

// A link must be a web address (no javascript:, data: or file:); text
// carrying NUL or a bidirectional override is refused, line-numbered.
func TestLinksAndHiddenCharacters(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	head := strings.SplitN(sample[Publications], "\n", 2)[0]
	for _, tc := range []struct{ name, row, want string }{
		{"javascript link", "ZA,1,标题,网站,,2025-01-06,ZA-L-1,,,,,javascript:alert(1)", "第 2 行，列“url”：“javascript:alert(1)”不是 http:// 或 https:// 开头的完整网址"},
		{"data link", "ZA,1,标题,网站,,2025-01-06,ZA-L-2,,,,,\"data:text/html;base64,PHNjcmlwdD4=\"", "第 2 行，列“url”：“data:text/html;base64,PHNjcmlwdD4=”不是 http:// 或 https:// 开头的完整网址"},
		{"right-to-left override in a title", "ZA,1,通报\u202Efdp.exe,网站,,2025-01-06,ZA-L-4,,,,,", "第 2 行，列“title”：含有改变文字显示方向的字符（U+202E），可能使内容显示得与实际不同，请删除后再导入"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := importErr(t, im, "p.csv", []byte(head+"\n"+tc.row+"\n"))
			if !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || rep.Errors[0].Message != tc.want {
				t.Fatalf("err = %v, errors %+v\nwant %s", err, rep.Errors, tc.want)
			}
		})
	}
	// A CSV with NUL is binary; JSON can carry one.
	rep, err := im.Records(context.Background(), Publications, strings.NewReader(`[{"department":"ZA","seq":1,"title":"标\u0000题","channel":"网站","published":"2025-01-06","index_no":"ZA-L-3"}]`), Options{Viewer: office})
	if want := "第 1 条，字段“title”：含有不可见的控制字符（U+0000），请删除后再导入"; !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || rep.Errors[0].Message != want {
		t.Errorf("NUL: err = %v, errors %+v", err, rep.Errors)
	}
	if _, err := importErr(t, im, "p.csv", []byte(head+"\nZA,1,标题,网站,,2025-01-06,ZA-L-5,,,,,https://gaj.example.cn/a.html\n")); err != nil {
		t.Errorf("an https link: %v", err)
	}
}

// On SQLite a long import does not hold the database's only write lock
// while it reads its file: a sign-in's session write in the middle of it
// goes through at once, and the import still loads every row.
func TestSQLiteImportLetsWritersThrough(t *testing.T) {
	stores := modelstest.Instances(t, "sqlite", 2)
	s, other := stores[0], stores[1]
	im := bureau(t, s, Publications)

	var b strings.Builder
	b.WriteString(strings.SplitN(sample[Publications], "\n", 2)[0] + "\n")
	for i := range 3 * progressEvery {
		fmt.Fprintf(&b, "ZA,1,标题%d,网站,,2025-01-06,ZA-W-%d,,,,,\n", i, i)
	}
	var writeErr error
	written := false
	rep, err := im.File(context.Background(), Publications, "p.csv", strings.NewReader(b.String()), Options{Viewer: office,
		Progress: func(done, total int) {
			if done == 2*progressEvery && !written {
				// Thousands of rows are written (to the stage) by now.
				written = true
				writeErr = accounts.New(other).Sessions().Set("during-import", []byte("v"), time.Hour)
			}
		}})
	if err != nil || rep.Inserted != 3*progressEvery {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if !written || writeErr != nil {
		t.Errorf("session write during the import: %v", writeErr)
	}
}
