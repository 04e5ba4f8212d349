package handlers_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// withQuarter gives each department a request in 2025 Q2: the own
// department's received by 网络 and answered on time with a 3 元 fee, the
// other's received by 信函.
func withQuarter(t *testing.T, b *bureau) {
	t.Helper()
	answered := time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC)
	modelstest.Must(t, b.store.DB.Create(&[]models.Request{
		{DepartmentID: b.own.ID, RequestNo: "Q2-1", Received: time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC), Channel: "网络", Answered: &answered, Answer: "同意公开", Fee: 3},
		{DepartmentID: b.other.ID, RequestNo: "Q2-2", Received: time.Date(2025, 5, 7, 0, 0, 0, 0, time.UTC), Channel: "信函"},
	}).Error)
}

// openXLSX reads a downloaded workbook, failing the test unless it is one.
func openXLSX(t *testing.T, body string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not an XLSX workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellAfter returns the value in column col of the row whose column A is label.
func cellAfter(t *testing.T, f *excelize.File, sheet, label, col string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			v, _ := f.GetCellValue(sheet, col+itoa(uint(i+1)))
			return v
		}
	}
	t.Fatalf("no row %q in %s", label, sheet)
	return ""
}

func TestQuarterlyReportPageAndXLSX(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withQuarter(t, b)
		for _, role := range []string{"office", "leader", "auditor", "discipline"} {
			c := b.client(t)
			c.signIn(role, testPassword)
			resp, page := c.get("/reports/quarterly?year=2025&quarter=2&department=0")
			if resp.StatusCode != 200 || !strings.Contains(page, "警务信息公开工作季度报表") || !strings.Contains(page, "全局（各部门合计）") {
				t.Fatalf("%s: bureau report %d", role, resp.StatusCode)
			}
			resp, page = c.get("/reports/annual?year=2025&department=0")
			if resp.StatusCode != 200 || !strings.Contains(page, "2025年政府信息公开工作年度报告") || strings.Contains(page, `name="text_other"`) != (role == "office") {
				t.Fatalf("%s: bureau annual report %d, or the editor shown to the wrong role", role, resp.StatusCode)
			}
		}
		c := b.client(t)
		c.signIn("office", testPassword)
		resp, body := c.get("/reports/quarterly.xlsx?year=2025&quarter=2&department=0")
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Fatalf("xlsx: %d %v", resp.StatusCode, resp.Header)
		}
		f := openXLSX(t, body)
		for cell, want := range map[string]string{"A1": "警务信息公开工作季度报表", "A3": "填报单位：全局（各部门合计）", "A4": "统计指标", "B4": "单位", "C4": "统计数"} {
			if got, _ := f.GetCellValue("季度报表", cell); got != want {
				t.Errorf("%s = %q, want %q", cell, got, want)
			}
		}
		// Two requests received (网络, 信函), one closed on time with 3 元.
		for label, want := range map[string]string{"（一）收到申请数": "2", "3、网络申请数": "1", "4、信函申请数": "1", "1、按时办结数": "1", "八、依申请公开信息收取的费用": "3.00"} {
			if got := cellAfter(t, f, "季度报表", label, "C"); got != want {
				t.Errorf("%s = %q, want %q", label, got, want)
			}
		}
		if resp, body := c.get("/reports/quarterly?year=1999&quarter=2"); resp.StatusCode != 400 || !strings.Contains(body, "年度应为 2000 到 2100 之间的年份") {
			t.Errorf("year 1999: %d", resp.StatusCode)
		}
		if resp, body := c.get("/reports/quarterly.xlsx?year=2025&quarter=9"); resp.StatusCode != 400 || !strings.Contains(body, "季度应为 1 到 4") {
			t.Errorf("quarter 9: %d", resp.StatusCode)
		}
	})
}

func TestHeadGetsOnlyOwnQuarterlyReport(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withQuarter(t, b)
		c := b.client(t)
		c.signIn("head", testPassword)
		resp, page := c.get("/reports/quarterly?year=2025&quarter=2")
		if resp.StatusCode != 200 || !strings.Contains(page, "填报单位：治安支队") || strings.Contains(page, "刑警支队") {
			t.Errorf("head's default report: %d, want their own department only", resp.StatusCode)
		}
		for _, path := range []string{"/reports/quarterly", "/reports/quarterly.xlsx", "/reports/annual", "/reports/annual.docx"} {
			if resp, body := c.get(path + "?year=2025&quarter=2&department=" + itoa(b.other.ID)); resp.StatusCode != 404 || strings.Contains(body, "刑警支队") {
				t.Errorf("head GET %s of another department: %d, want 404", path, resp.StatusCode)
			}
			if resp, _ := c.get(path + "?year=2025&quarter=2&department=0"); resp.StatusCode != 403 {
				t.Errorf("head GET %s of the bureau: %d, want 403", path, resp.StatusCode)
			}
		}
		resp, body := c.get("/reports/quarterly.xlsx?year=2025&quarter=2&department=" + itoa(b.own.ID))
		if resp.StatusCode != 200 {
			t.Fatalf("head's own xlsx: %d", resp.StatusCode)
		}
		if got := cellAfter(t, openXLSX(t, body), "季度报表", "（一）收到申请数", "C"); got != "1" {
			t.Errorf("head's own requests received = %q, want 1", got)
		}
	})
}

func TestOfficeEditsAnnualReportAndExportsDOCX(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withQuarter(t, b)
		c := b.client(t)
		c.signIn("office", testPassword)
		page := "/reports/annual?year=2025&department=" + itoa(b.own.ID)
		if resp, body := c.get(page); resp.StatusCode != 200 || !strings.Contains(body, "治安支队2025年政府信息公开工作年度报告") || !strings.Contains(body, "新收政府信息公开申请1件") {
			t.Fatalf("annual draft: %d", resp.StatusCode)
		}
		form := url.Values{"year": {"2025"}, "department": {itoa(b.own.ID)}, "text_problems": {"一是宣传不够 <深入>;{{收到申请数}}件申请均已办理。"}}
		if resp, _ := c.post("/reports/annual", form); resp.StatusCode != 403 {
			t.Errorf("save without CSRF token: %d, want 403", resp.StatusCode)
		}
		form.Set("_csrf", c.token(page))
		if resp, _ := c.post("/reports/annual", form); resp.StatusCode != 303 {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		_, body := c.get(page)
		if !strings.Contains(body, "已保存 1 个部分的文字") || !strings.Contains(body, "一是宣传不够 &lt;深入&gt;;1件申请均已办理。") {
			t.Error("the saved text is not on the page, with its placeholder filled")
		}
		if _, log := c.get("/audit?entity=annual_report_text"); !strings.Contains(log, "一是宣传不够") || !strings.Contains(log, "2025/"+itoa(b.own.ID)+"/problems") {
			t.Error("the edit is not in the audit log")
		}

		resp, docx := c.get("/reports/annual.docx?year=2025&department=" + itoa(b.own.ID))
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
			t.Fatalf("docx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		text := docxText(t, docx)
		for _, want := range []string{"治安支队2025年政府信息公开工作年度报告", "一是宣传不够 <深入>;1件申请均已办理。", "三、收到和处理政府信息公开申请情况", "三、本年度办理结果"} {
			if !strings.Contains(text, want) {
				t.Errorf("document.xml lacks %q", want)
			}
		}

		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.post("/reports/annual", url.Values{"_csrf": {head.token("/reports/annual")}, "year": {"2025"}, "department": {itoa(b.own.ID)}, "text_other": {"冒名"}}); resp.StatusCode != 403 {
			t.Errorf("head saving the annual report: %d, want 403", resp.StatusCode)
		}
		if _, body := head.get("/reports/annual"); !strings.Contains(body, "一是宣传不够") || strings.Contains(body, `name="text_other"`) {
			t.Error("a head should read their own draft, without the editor")
		}
	})
}

// wellFormedText parses document.xml and returns its text, failing the test
// unless it is well-formed XML.
// docxText opens a DOCX (a zip) and gives the text of its word/document.xml.
func docxText(t *testing.T, docx string) string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	var document []byte
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			document, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	return wellFormedText(t, document)
}

func wellFormedText(t *testing.T, doc []byte) string {
	t.Helper()
	var text strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
		}
	}
	if text.Len() == 0 {
		t.Fatal("document.xml is empty")
	}
	return text.String()
}
