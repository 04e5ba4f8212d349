package guard

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Each detector finds what it should and nothing that merely looks like it.
func TestScanText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		want       []Finding
	}{
		{"ID number", "申请人身份证号11010519491231002X，已核实", []Finding{{IDNo, "1101**********002X"}}},
		{"ID number, lower-case x", "身份证：11010519491231002x。", []Finding{{IDNo, "1101**********002X"}}},
		{"leap day", "440304200002291236", []Finding{{IDNo, "4403**********1236"}}},
		{"wrong check digit passes", "440304200002291235", nil},
		{"impossible birth date passes", "440304200102291233", nil}, // 2001-02-29, check digit right
		{"15-digit ID number", "旧证号 110105491231002", []Finding{{OldIDNo, "1101*******1002"}}},
		{"15 digits not a date", "编号 110105491331002", nil},
		{"mobile", "联系电话13812345678", []Finding{{Mobile, "138****5678"}}},
		{"mobile with hyphens", "电话 138-1234-5678", []Finding{{Mobile, "138****5678"}}},
		{"mobile with a country code", "+86 13812345678", []Finding{{Mobile, "138****5678"}}},
		{"landline is no mobile", "电话 025-84420000、12345678901", nil},
		{"a longer number holds no mobile", "流水号 213812345678", nil},
		{"bank card", "卡号 4111111111111111", []Finding{{BankCard, "4111********1111"}}},
		{"bank card in groups", "账号 6222 0212 3456 7890 12", []Finding{{BankCard, "6222**********9012"}}},
		{"Luhn fails", "卡号 6222021234567890", nil},
		{"one digit repeated", "0000000000000000", nil},
		{"dates and document numbers", "公开办〔2026〕12号，2026-12-07，索引号 11320000-2026-00012", nil},
		{"two kinds, each once", "13812345678 和 13812345678 及 4111111111111111", []Finding{{Mobile, "138****5678"}, {BankCard, "4111********1111"}}},
	} {
		if got := ScanText(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q found %v, want %v", tc.name, tc.text, got, tc.want)
		}
	}
}

// The check digit of GB 11643, a plausible date, the Luhn check.
func TestValidators(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    string
		f    func(string) bool
		want bool
	}{
		{"11010519491231002X", ValidIDNo, true},
		{"110105194912310021", ValidIDNo, false},
		{"010105194912310021", ValidIDNo, false},
		{"11010518991231002X", ValidIDNo, false}, // born before 1900
		{"4111111111111111", ValidBankCard, true},
		{"4111111111111112", ValidBankCard, false},
		{"411111111111111", ValidBankCard, false}, // 15 digits
		{"19912345678", ValidMobile, true},
		{"12912345678", ValidMobile, false},
	} {
		if got := tc.f(tc.s); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.s, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"关于13812345678的答复":     "关于138****5678的答复",
		"关于11010519491231002x": "关于1101**********002X",
		"公开办〔2026〕12号":         "公开办〔2026〕12号",
	} {
		if got := Redact(in); got != want {
			t.Errorf("redact %q: %q, want %q", in, got, want)
		}
	}
}

// zipOf builds a package of the named parts.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[n]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// DOCX is a Word file whose paragraphs say paras.
func DOCX(t testing.TB, paras ...string) []byte {
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, p)
	}
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types/>`,
		"word/document.xml":   `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	})
}

// A finding says where it is: paragraph, cell, line, PDF text.
func TestScanFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	xlsx := zipOf(t, map[string]string{
		"[Content_Types].xml":      `<Types/>`,
		"xl/sharedStrings.xml":     `<sst><si><t>姓名</t></si><si><t>11010519491231002X</t></si></sst>`,
		"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		"xl/worksheets/sheet2.xml": `<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>1</v></c><c r="C3"><v>13812345678</v></c></row></sheetData></worksheet>`,
	})
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("BT /F1 12 Tf 72 700 Td [(1381)-20(2345678)] TJ ET"))
	zw.Close()
	pdf := fmt.Appendf(nil, "%%PDF-1.4\n1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n2 0 obj\n<< /Length 30 >>\nstream\nBT (4111111111111111) Tj ET\nendstream\nendobj\n%%%%EOF", z.Len(), z.Bytes())
	for _, tc := range []struct {
		ext  string
		data []byte
		want []Hit
	}{
		{".docx", DOCX(t, "正文", "申请人11010519491231002X"), []Hit{{Place{Unit: InParagraph, N: 2}, Finding{IDNo, "1101**********002X"}}}},
		{".docx", DOCX(t, "身份证号110105194912310021（校验位不符）"), nil},
		{".xlsx", xlsx, []Hit{{Place{Unit: InCell, Sheet: 2, Row: 3, Col: 2}, Finding{IDNo, "1101**********002X"}}, {Place{Unit: InCell, Sheet: 2, Row: 3, Col: 3}, Finding{Mobile, "138****5678"}}}},
		{".txt", []byte("第一行\n电话13812345678"), []Hit{{Place{Unit: InLine, N: 2}, Finding{Mobile, "138****5678"}}}},
		{".pdf", pdf, []Hit{{Place{Unit: InStream, N: 1}, Finding{Mobile, "138****5678"}}, {Place{Unit: InStream, N: 2}, Finding{BankCard, "4111********1111"}}}},
	} {
		got, err := ScanFile(ctx, tc.ext, tc.data)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v %v, want %v", tc.ext, got, err, tc.want)
		}
	}
}

// A zip bomb, or a package of too many parts, is refused, not read.
func TestScanFileBounds(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create("word/document.xml")
	zero := make([]byte, 1<<20)
	for range MaxUnpackedPart>>20 + 1 {
		w.Write(zero)
	}
	z.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes", buf.Len())
	}
	if _, err := ScanFile(context.Background(), ".docx", buf.Bytes()); err == nil || !strings.Contains(err.Error(), "限度") {
		t.Errorf("zip bomb: %v", err)
	}
	parts := map[string]string{}
	for i := range MaxZipEntries + 1 {
		parts[fmt.Sprintf("word/p%d.xml", i)] = ""
	}
	if _, err := ScanFile(context.Background(), ".docx", zipOf(t, parts)); err == nil || !strings.Contains(err.Error(), "限度") {
		t.Errorf("too many parts: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ScanFile(ctx, ".txt", []byte("x")); err == nil || !strings.Contains(err.Error(), "超时") {
		t.Errorf("past the deadline: %v", err)
	}
}
