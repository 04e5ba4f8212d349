package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The package opens as a zip, every XML part is well-formed, and text is
// escaped, never interpreted.
func TestDocumentIsAWellFormedPackage(t *testing.T) {
	var d Document
	d.Title("2025年度报告")
	d.Heading("一、概述")
	d.Paragraph(`含有 <标签> & "引号" 的文字`)
	d.Table([]string{"渠道", "条数"}, [][]string{{"网站", "3"}, {"微信"}})
	d.Note("（注）")
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" {
			body = string(b)
		}
	}
	if !strings.Contains(body, "含有 &lt;标签&gt; &amp; &#34;引号&#34; 的文字") || strings.Count(body, "<w:tr>") != 3 {
		t.Errorf("document.xml: %s", body)
	}
}

// LibreOffice, where installed, converts the document to PDF: the package
// is one a word processor opens, not only well-formed XML.
func TestLibreOfficeOpensTheDocument(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	var d Document
	d.Title("年度报告")
	d.Paragraph("正文")
	d.Table([]string{"渠道", "条数"}, [][]string{{"网站", "3"}})
	f, err := os.Create(filepath.Join(dir, "report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, f.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if st, err := os.Stat(filepath.Join(dir, "report.pdf")); err != nil || st.Size() == 0 {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
}
