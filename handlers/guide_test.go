package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/scoring"
)

// guideDOCX is a Word file whose paragraphs say paras.
func guideDOCX(t *testing.T, paras ...string) []byte {
	t.Helper()
	var d docx.Document
	for _, p := range paras {
		d.Paragraph(p)
	}
	var buf bytes.Buffer
	_, err := d.WriteTo(&buf)
	modelstest.Must(t, err)
	return buf.Bytes()
}

// guideWork registers a document of department dept, its attribute agreed
// by the office, whose copies the tests attach.
func guideWork(t *testing.T, b *bureau, dept uint, indexNo string) *publications.Work {
	t.Helper()
	ctx, now := context.Background(), b.clock.Now()
	ps := publications.New(b.store)
	w, err := ps.Register(ctx, models.Viewer{UserID: 900, Name: "承办人", Role: models.RoleClerk, DepartmentID: dept},
		publications.Registration{Title: "治安案件典型案例", IndexNo: indexNo, Formed: scoring.DateOf(now) - 3, Attribute: "主动公开", Signer: "签发人"}, now)
	modelstest.Must(t, err)
	modelstest.Must(t, ps.ReviewAttribute(ctx, models.Viewer{UserID: 901, Name: "办公室", Role: models.RoleOffice}, w.ID, true, "", now))
	return w
}

// A clerk uploads a copy of a registered document holding an ID number:
// its page shows where, the number masked, and that it cannot be
// published, and publishing is refused; the clerk cannot override, the
// office can, with a reason, and then it publishes; another department's
// clerk cannot reach the copies.
func TestGuideCopiesAndOverride(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		pub := guideWork(t, b, b.own.ID, "SJ09-2026-001")
		page := "/publications/" + itoa(pub.ID)
		publish := url.Values{"day": {scoring.DateOf(b.clock.Now()).String()}, "channel": {"网站"}}
		clerk := b.client(t)
		clerk.signIn("clerk", testPassword)
		resp, _ := clerk.upload("/publications/"+itoa(pub.ID)+"/files", page, "案例.docx", guideDOCX(t, "案情简介", "当事人身份证号11010519491231002X"))
		if resp.StatusCode != 303 {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		_, body := clerk.get(page)
		for _, want := range []string{"案例.docx", "第2段", "身份证号码", "1101**********002X", "有1处个人信息尚未处理"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(body, "11010519491231002X") || strings.Contains(body, "copies-override") {
			t.Error("the page shows the number whole, or the override to a clerk")
		}
		clerk.get("/lang?to=en")
		if _, en := clerk.get(page); !strings.Contains(en, "paragraph 2") || !strings.Contains(en, "ID number") || !strings.Contains(en, "cannot be published") {
			t.Error("the English page does not say where and what was found")
		}
		clerk.get("/lang?to=zh")
		publish.Set("_csrf", clerk.token(page))
		if resp, body := clerk.post(page+"/publish", publish); resp.StatusCode != 422 || !strings.Contains(body, "发现1处个人信息") {
			t.Errorf("published with an ID number: %d", resp.StatusCode)
		}
		// A wrong kind is refused beside the field, status 422.
		resp, body = clerk.upload("/publications/"+itoa(pub.ID)+"/files", page, "案例.exe", []byte("MZ"))
		if resp.StatusCode != 422 || !strings.Contains(body, "电子文本只接受") {
			t.Errorf("an exe: %d", resp.StatusCode)
		}
		resp, _ = clerk.post("/publications/"+itoa(pub.ID)+"/files/override", url.Values{"_csrf": {clerk.token(page)}, "reason": {"已核实"}})
		if resp.StatusCode != 403 {
			t.Errorf("a clerk overrode: %d", resp.StatusCode)
		}

		office := b.client(t)
		office.signIn("office", testPassword)
		resp, body = office.post("/publications/"+itoa(pub.ID)+"/files/override", url.Values{"_csrf": {office.token(page)}, "reason": {""}})
		if resp.StatusCode != 422 {
			t.Errorf("an override without a reason: %d", resp.StatusCode)
		}
		resp, _ = office.post("/publications/"+itoa(pub.ID)+"/files/override", url.Values{"_csrf": {office.token(page)}, "reason": {"号码系虚构示例，经核实不涉及个人信息"}})
		if resp.StatusCode != 303 {
			t.Fatalf("override: %d", resp.StatusCode)
		}
		_, body = office.get(page)
		if !strings.Contains(body, "个人信息检查通过") || !strings.Contains(body, "号码系虚构示例") {
			t.Error("the override does not show")
		}
		// A second override (a double submit) is refused in Chinese.
		resp, body = office.post("/publications/"+itoa(pub.ID)+"/files/override", url.Values{"_csrf": {office.token(page)}, "reason": {"再次"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "无需放行") {
			t.Errorf("a second override: %d, not refused in Chinese", resp.StatusCode)
		}
		// Replacing the file clears the finding without an override.
		var fileID uint
		modelstest.Must(t, s.DB.Table("publication_files").Select("id").Where("work_id = ?", pub.ID).Scan(&fileID).Error)
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		_ = w.WriteField("_csrf", clerk.token(page))
		_ = w.WriteField("replaces", itoa(fileID))
		fw, _ := w.CreateFormFile("file", "案例（已遮盖）.docx")
		fw.Write(guideDOCX(t, "案情简介", "当事人身份证号1101**********002X"))
		w.Close()
		req := httptest.NewRequest(http.MethodPost, "/publications/"+itoa(pub.ID)+"/files", &buf)
		req.Header.Set("Content-Type", w.FormDataContentType())
		if resp, _ := clerk.do(req); resp.StatusCode != 303 {
			t.Fatalf("replace: %d", resp.StatusCode)
		}
		if _, body := clerk.get(page); !strings.Contains(body, "案例（已遮盖）.docx") || !strings.Contains(body, "已被替换的文件") {
			t.Error("the replacement does not show")
		}
		_, audit := office.get("/audit")
		if !strings.Contains(audit, "放行") {
			t.Error("the override is not in the audit log")
		}
		publish.Set("_csrf", clerk.token(page))
		if resp, _ := clerk.post(page+"/publish", publish); resp.StatusCode != 303 {
			t.Errorf("publishing after the override: %d", resp.StatusCode)
		}
	})
}

// Another department reads neither the copies nor their files.
func TestGuideCopiesStayInTheirDepartment(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		pub := guideWork(t, b, b.other.ID, "SJ16-2026-001")
		office := b.client(t)
		office.signIn("office", testPassword)
		if resp, _ := office.upload("/publications/"+itoa(pub.ID)+"/files", "/publications/"+itoa(pub.ID), "通告.txt", []byte("通告全文")); resp.StatusCode != 303 {
			t.Fatalf("office upload: %d", resp.StatusCode)
		}
		var fileID uint
		modelstest.Must(t, s.DB.Table("publication_files").Select("id").Where("work_id = ?", pub.ID).Scan(&fileID).Error)
		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.get(fmt.Sprintf("/publications/%d/files/%d", pub.ID, fileID)); resp.StatusCode != 404 {
			t.Errorf("another department's head downloaded: %d", resp.StatusCode)
		}
		if resp, body := office.get(fmt.Sprintf("/publications/%d/files/%d", pub.ID, fileID)); resp.StatusCode != 200 || body != "通告全文" {
			t.Errorf("the office's download: %d %q", resp.StatusCode, body)
		}
	})
}

// The office keeps the guide and issues it and the catalog; /public shows
// both, in both languages; a head reads them but cannot change them.
func TestGuideIssuedAndPublic(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "SJ09-2026-007", Seq: 23, Title: "关于整治噪声扰民的通告", Channel: "网站",
			Published: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Attribute: "主动公开"}).Error)
		office := b.client(t)
		office.signIn("office", testPassword)
		form := url.Values{"_csrf": {office.token("/guide")}, "classification": {"按机构职能、法规文件、工作动态分类。"}, "obtain": {"门户网站、公开查阅点。"},
			"office": {"市公安局政府信息公开工作领导小组办公室"}, "address": {"市府前路1号"}, "hours": {"工作日9:00-17:30"}, "phone": {"0527-84420000"},
			"fax": {"0527-84420001"}, "email": {"gongkai@example.gov.cn"}, "apply": {"当面、信函或网络提交申请。"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("phone", "")
		if resp, body := office.post("/guide", bad); resp.StatusCode != 422 || !strings.Contains(body, "工作日9:00-17:30") {
			t.Errorf("a guide without a phone: %d", resp.StatusCode)
		}
		if resp, _ := office.post("/guide", form); resp.StatusCode != 303 {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		if resp, _ := office.post("/guide/issue", url.Values{"_csrf": {office.token("/guide")}}); resp.StatusCode != 303 {
			t.Fatalf("issue: %d", resp.StatusCode)
		}
		if resp, body := office.post("/guide/issue", url.Values{"_csrf": {office.token("/guide")}}); resp.StatusCode != 422 || !strings.Contains(body, "已经发布") {
			t.Errorf("issued twice: %d", resp.StatusCode)
		}
		if resp, _ := office.post("/guide/catalog", url.Values{"_csrf": {office.token("/guide")}, "year": {"2026"}}); resp.StatusCode != 303 {
			t.Fatalf("catalog: %d", resp.StatusCode)
		}
		_, page := office.get("/guide")
		for _, want := range []string{"公开办指〔2026〕1号", "公开办录〔2026〕1号"} {
			if !strings.Contains(page, want) {
				t.Errorf("/guide lacks %q", want)
			}
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		if _, page := head.get("/guide"); !strings.Contains(page, "公开办指〔2026〕1号") || strings.Contains(page, `action="/guide"`) {
			t.Error("a head does not read the guide, or may change it")
		}
		if resp, _ := head.post("/guide/issue", url.Values{"_csrf": {head.token("/guide")}}); resp.StatusCode != 403 {
			t.Errorf("a head issued: %d", resp.StatusCode)
		}
		anon := b.client(t)
		_, zh := anon.get("/public")
		for _, want := range []string{"政府信息公开指南", "政府信息公开目录", "公开办指〔2026〕1号", "0527-84420000", "SJ09-2026-007", "关于整治噪声扰民的通告"} {
			if !strings.Contains(zh, want) {
				t.Errorf("/public lacks %q", want)
			}
		}
		_, en := anon.get("/public?lang=en")
		for _, want := range []string{"Government information disclosure guide", "Government information disclosure catalog", "公开办录〔2026〕1号"} {
			if !strings.Contains(en, want) {
				t.Errorf("/public?lang=en lacks %q", want)
			}
		}
	})
}
