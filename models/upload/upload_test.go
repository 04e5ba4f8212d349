package upload

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func ooxml(t *testing.T, folder string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", folder + "document.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	z.Close()
	return buf.Bytes()
}

// Attachments are checked by content, not only by name.
func TestCheckUpload(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%%EOF")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...)
	docx := ooxml(t, "word/")
	for _, tc := range []struct {
		name string
		data []byte
		mime string // empty: refused
		says string
	}{
		{"自查报告.pdf", pdf, "application/pdf", ""},
		{"截图.PNG", png, "image/png", ""},
		{"台账.doc", ole, "application/msword", ""},
		{"自查报告.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
		{`C:\Users\张卫\报告.pdf`, pdf, "application/pdf", ""},
		{"报告.pdf", []byte("MZ\x90\x00 this is a program"), "", "不符"},
		{"报告.docx", pdf, "", "不是 Office"},
		{"台账.xlsx", docx, "", "不是 Office"}, // a Word package named as a workbook
		{"报告.exe", pdf, "", "不受支持"},
		{"报告.html", []byte("<html>"), "", "不受支持"},
		{"空.pdf", nil, "", "空文件"},
		{"大.pdf", append(pdf, make([]byte, MaxUploadSize)...), "", "超过"},
		{"", pdf, "", "没有文件名"},
		{strings.Repeat("长", 130) + ".pdf", pdf, "", "过长"},
	} {
		mime, err := CheckUpload(Upload{Name: tc.name, Data: tc.data})
		switch {
		case tc.mime != "" && (err != nil || mime != tc.mime):
			t.Errorf("%s: %q %v, want %s", tc.name, mime, err, tc.mime)
		case tc.mime == "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("%s: %v, want refused saying %q", tc.name, err, tc.says)
		}
	}
	if CleanName(`C:\Users\张卫\报告.pdf`) != "报告.pdf" || CleanName("../../etc/passwd") != "passwd" {
		t.Error("names keep their folders")
	}
}
