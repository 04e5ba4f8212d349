package handlers_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/sources"
)

// matrixParam fills a GET route's parameters: ids that exist nowhere, and
// words the routes expect. POSTs take real records (matrixPosts).
var matrixParam = regexp.MustCompile(`:[a-z]+`)

func matrixPath(path string) string {
	return matrixParam.ReplaceAllStringFunc(path, func(p string) string {
		switch p {
		case ":kind":
			return "publications"
		case ":version":
			return "no-such-version"
		case ":action":
			return "disable"
		}
		return "999999"
	})
}

// tablesDigest is a digest of every table whose content is data: what no
// GET may change. Sessions (and the head that counts their writes), sign-in
// counts and the audit log (a download is logged) are left out.
func tablesDigest(t *testing.T, s *models.Store) map[string]string {
	t.Helper()
	tables, err := s.DB.Migrator().GetTables()
	modelstest.Must(t, err)
	out := map[string]string{}
	for _, tb := range tables {
		if slices.Contains([]string{"sessions", "login_failures", "audit_entries", "audit_heads", "audit_entity_heads", "heads", "sqlite_sequence"}, tb) {
			continue
		}
		var rows []map[string]any
		modelstest.Must(t, s.DB.Table(tb).Find(&rows).Error)
		h := sha256.New()
		for _, r := range rows {
			fmt.Fprintf(h, "%v\n", r)
		}
		out[tb] = fmt.Sprintf("%d %x", len(rows), h.Sum(nil))
	}
	return out
}

// matrixTarget is what the matrix sends to a route: a path with the real
// ids of the fixture and, for a POST, a form that a role the route allows
// may send as it stands (files go as a multipart form).
type matrixTarget struct {
	path  string
	form  url.Values
	files map[string]matrixFile // form field → file
}

type matrixFile struct {
	name string
	data []byte
}

// matrixFixture is a bureau with one of everything a route acts on: a plan
// with the own department's objection and finding, an open case with a
// person, a notified case with its sanctions, a flagged publication, a
// spare account, a draft scheme, a channel, a source with a token, an
// import job, an uncategorised request.
type matrixFixture struct {
	b                                   *bureau
	plan, objection, finding            uint
	openCase, person                    uint
	notified, sanction                  uint
	flag, spare, channel, source, token uint
	request                             uint
	column                              uint // a website column of the own department
	draft, job                          string
	quarterly, annual                   url.Values // the head's filing forms as the pages offer them
	notice                              []byte     // a holiday notice to upload
	proposals                           []string   // keys of two proposed cases
	pub                                 pubFixture // publications worked in the app
	camp                                campaignFixture
	monitorRun                          uint // a monitoring run without its 通报
}

func newMatrixFixture(t *testing.T, s *models.Store) *matrixFixture {
	t.Helper()
	ctx := context.Background()
	b := newBureau(t, s)
	withYear(t, b)
	modelstest.SaveHolidays(t, s, 2025)
	modelstest.SaveHolidays(t, s, 2026)
	f := &matrixFixture{b: b}
	day := func(s string) *time.Time { d, _ := time.Parse(time.DateOnly, s); return &d }
	// A request the own department never answered: a second proposed case.
	modelstest.Must(t, s.DB.Create(&models.Request{DepartmentID: b.own.ID, RequestNo: "R-LATE", Received: *day("2024-03-01"), Channel: "网络"}).Error)

	// A plan approved, its notice signed by the head, an objection filed
	// and a finding recorded for the own department.
	plan, office, head := approvedPlan(t, b)
	f.plan = lastID(t, s, &assessment.Plan{})
	own := itoa(b.own.ID)
	page := plan + "/departments/" + own
	tok := head.token(page)
	head.post(plan+"/notice/"+own, url.Values{"_csrf": {tok}})
	if resp, _ := head.postFiles(page+"/objections", url.Values{"_csrf": {tok}, "deduction": {"A2/0"}, "reason": {"该信息系节假日顺延，未超期"}}, nil); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("objection: %d", resp.StatusCode)
	}
	f.objection = lastID(t, s, &assessment.Objection{})
	if resp, _ := office.post(page+"/findings", url.Values{"_csrf": {office.token(page)}, "text": {"主动公开目录未更新"}, "due": {"2026-06-30"}}); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("finding: %d", resp.StatusCode)
	}
	f.finding = lastID(t, s, &assessment.Finding{})

	// A case notified to the own department, and one still open.
	decidedCase(t, b, s)
	f.notified = lastID(t, s, &accountability.Case{})
	var limit accountability.SanctionRow
	modelstest.Must(t, s.DB.Where("case_id = ? AND due IS NOT NULL", f.notified).First(&limit).Error)
	f.sanction = limit.ID
	dis := b.signedIn(t, "discipline")
	open := dis.step("/cases", "/cases", url.Values{"department": {own}, "trigger": {"1"}, "summary": {"依申请公开超期"}})
	dis.step(open, open+"/persons", url.Values{"name": {"李四"}, "police_no": {"320002"}, "unit": {own}, "post": {"handler"}})
	f.openCase = lastID(t, s, &accountability.Case{})
	var cp accountability.CasePerson
	modelstest.Must(t, s.DB.Where("case_id = ?", f.openCase).First(&cp).Error)
	f.person = cp.PersonID

	ps, err := accountability.New(s, assessment.New(s)).Proposals(ctx, models.Viewer{Role: models.RoleDiscipline})
	modelstest.Must(t, err)
	for _, p := range ps {
		f.proposals = append(f.proposals, p.Key)
	}
	if len(f.proposals) < 2 {
		t.Fatalf("%v proposed in the fixture, want two cases", f.proposals)
	}

	// A publication its secrecy review forbade publishing.
	flagged := models.Publication{DepartmentID: b.own.ID, IndexNo: "own-9", Seq: 23, Title: "涉密案件通报", Channel: "网站", Published: *day("2024-05-10")}
	modelstest.Must(t, s.DB.Create(&flagged).Error)
	modelstest.Must(t, s.DB.Create(&clocks.SecrecyReview{DepartmentID: b.own.ID, ReviewNo: "BM-9", IndexNo: "own-9", Title: "涉密案件通报",
		Requested: *day("2024-05-02"), UnitBy: "何军", UnitDate: day("2024-05-02"), Opinion: "免于公开", Basis: "涉及警务工作秘密", Decided: day("2024-05-08")}).Error)
	f.flag = flagged.ID
	col, err := columns.New(s).Create(ctx, models.System, columns.Input{Name: "矩阵栏目", Channel: "网站", DepartmentID: b.own.ID, Cadence: "动态"})
	modelstest.Must(t, err)
	f.column = col.ID

	spare, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "spare", Name: "备用", Role: models.RoleAuditor, Password: testPassword})
	modelstest.Must(t, err)
	f.spare = spare.ID
	f.draft = "matrix-draft"
	office.step("/schemes", "/schemes/default-2/copy", url.Values{"to": {f.draft}, "name": {"矩阵草案"}})
	modelstest.Must(t, s.AddChannel(ctx, models.System, "publication", "政务抖音"))
	f.channel = lastID(t, s, &models.Channel{})
	src, err := sources.New(s).CreateSource(ctx, models.System, sources.SourceInput{Name: "矩阵接口", DepartmentID: b.own.ID, Kind: "publications", URL: "http://127.0.0.1:1/feed", EveryMinutes: 60})
	modelstest.Must(t, err)
	f.source = src.ID
	_, token, err := sources.New(s).IssueAPIToken(ctx, models.System, src.ID)
	modelstest.Must(t, err)
	f.token = token.ID
	var officeUser models.User
	modelstest.Must(t, s.DB.Where("username = ?", "office").First(&officeUser).Error)
	job := imports.ImportJob{ID: "matrixjob", UserID: officeUser.ID, Kind: "publications", FileName: "矩阵.csv", StartedAt: b.clock.Now()}
	modelstest.Must(t, imports.New(s).StartImportJob(ctx, models.System, &job))
	f.job = job.ID
	req := models.Request{DepartmentID: b.own.ID, RequestNo: "R-MATRIX", Received: *day("2025-03-03"), Channel: "网络", Answered: day("2025-03-10"), Answer: "同意公开"}
	modelstest.Must(t, s.DB.Create(&req).Error)
	f.request = req.ID

	f.notice, err = os.ReadFile("../seed/holidays/2023.json")
	modelstest.Must(t, err)

	// The head's filing forms, every line typed.
	resp, qpage := head.get("/reports/quarterly/file?year=2026&quarter=1")
	if resp.StatusCode != fiber.StatusOK {
		t.Fatalf("quarterly filing page: %d %s", resp.StatusCode, qpage)
	}
	f.quarterly = quarterlyForm(t, qpage, tok, "2026", "1", "1")
	f.pub = newPubFixture(t, b)
	f.camp = newCampaignFixture(t, b)
	f.monitorRun = newMonitorRun(t, b)
	_, apage := head.get("/reports/annual/file?year=2025")
	f.annual = url.Values{"year": {"2025"}, "head": {"张卫"}, "filler": {"何军"}, "phone": {"0527-84301009"}}
	for _, m := range annualFigureField.FindAllStringSubmatch(apage, -1) {
		f.annual.Set(m[1], "1")
	}
	matrixInboxes(t, s)
	return f
}

// requestPost is a step of the fixture's request (answered, so a role
// the table lets in is refused by the Store, never by the route), dated today.
func (f *matrixFixture) requestPost(path string, kv ...string) matrixTarget {
	return matrixTarget{path: "/requests/" + itoa(f.request) + path, form: f.values(append([]string{"date", "2026-03-02"}, kv...)...)}
}

var annualFigureField = regexp.MustCompile(`<input name="(fig_[a-z_]+)"`)

// lastID is the id of the newest row of a model.
func lastID(t *testing.T, s *models.Store, row any) uint {
	t.Helper()
	var id uint
	modelstest.Must(t, s.DB.Model(row).Select("max(id)").Scan(&id).Error)
	if id == 0 {
		t.Fatalf("no %T in the fixture", row)
	}
	return id
}

func (f *matrixFixture) values(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// matrixPosts is, for every POST route, the target and a valid form. A
// POST route missing here fails the matrix: a form that cannot pass its
// own validation would stop before the Store, where a wrong role at the
// route shows.
var matrixPosts = map[string]func(f *matrixFixture, r models.Role) matrixTarget{
	"/account/password": func(f *matrixFixture, _ models.Role) matrixTarget {
		// Signed in is the whole rule; a valid change would sign the client out.
		return matrixTarget{path: "/account/password", form: f.values("current", "wrong", "password", "another-horse-2")}
	},
	"/departments/:id/liaison": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/departments/" + itoa(f.b.own.ID) + "/liaison", form: f.values("head", "张卫", "leader", "李明", "liaison", "何军", "phone", "0527-84301009", "mobile", "13905240109")}
	},
	"/flags/:id": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/flags/" + itoa(f.flag), form: f.values("decision", "confirmed", "note", "确属违规公开")}
	},
	"/cases": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/cases", form: f.values("department", itoa(f.b.own.ID), "trigger", "1", "summary", "目录事项未公开")}
	},
	"/cases/proposals/accept": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/cases/proposals/accept", form: f.values("key", f.proposals[0])}
	},
	"/cases/proposals/dismiss": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/cases/proposals/dismiss", form: f.values("key", f.proposals[1], "reason", "已另案处理")}
	},
	"/cases/:id/persons": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/persons", "name", "赵六", "police_no", "320003", "unit", itoa(f.b.own.ID), "post", "handler")
	},
	"/cases/:id/act": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/act", "reviewed", "1")
	},
	"/cases/:id/persons/:pid/override": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/persons/"+itoa(f.person)+"/override", "share", "main", "reason", "经办人直接负责")
	},
	"/cases/:id/persons/:pid/statement": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/persons/"+itoa(f.person)+"/statement", "kind", "stated", "text", "陈述", "date", "2026-03-02")
	},
	"/cases/:id/notes": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/notes", "note", "调查记录")
	},
	"/cases/:id/evidence": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/evidence", "kind", "publication", "ref", "own-1")
	},
	"/cases/:id/attachments": func(f *matrixFixture, _ models.Role) matrixTarget {
		t := f.openCasePost("/attachments")
		t.files = map[string]matrixFile{"file": {"证据.pdf", samplePDF}}
		return t
	},
	"/cases/:id/hear": func(f *matrixFixture, _ models.Role) matrixTarget { return f.openCasePost("/hear") },
	"/cases/:id/decide": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/decide", "date", "2026-03-03", "severity", "3", "reasons", "属实", "sanction", "0:通报批评")
	},
	"/cases/:id/notify": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.openCasePost("/notify", "date", "2026-03-04")
	},
	"/cases/:id/appeal": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.notifiedPost("/appeal", "kind", "复核", "filed", "2026-03-04", "appellant", "王五", "grounds", "处分过重")
	},
	"/cases/:id/outcome": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.notifiedPost("/outcome", "outcome", "维持", "date", "2026-03-04", "reasons", "事实清楚")
	},
	"/cases/:id/sanctions/:sid/complete": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.notifiedPost("/sanctions/"+itoa(f.sanction)+"/complete", "date", "2026-03-04")
	},
	"/cases/:id/sanctions/:sid/report": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.notifiedPost("/sanctions/"+itoa(f.sanction)+"/report", "date", "2026-03-04", "text", "已整改")
	},
	"/requests/new": func(f *matrixFixture, r models.Role) matrixTarget {
		return matrixTarget{path: "/requests/new", form: f.values("received", "2026-03-02", "channel", "当面", "applicant", "自然人", "name", "矩阵"+string(r), "content", "矩阵申请")}
	},
	"/requests/letters/:kind": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/requests/letters/request_correction", form: f.values("body", "请于{补正期限}前补正：{补正事项}。")}
	},
	"/requests/:id/correction": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/correction", "note", "补正事项")
	},
	"/requests/:id/corrected": func(f *matrixFixture, _ models.Role) matrixTarget { return f.requestPost("/corrected") },
	"/requests/:id/abandon":   func(f *matrixFixture, _ models.Role) matrixTarget { return f.requestPost("/abandon") },
	"/requests/:id/consult": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/consult", "party", "某公司", "note", "征询")
	},
	"/requests/:id/reply": func(f *matrixFixture, _ models.Role) matrixTarget { return f.requestPost("/reply", "choice", "同意") },
	"/requests/:id/extension": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/extension", "note", "理由")
	},
	"/requests/:id/extension/decide": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/extension/decide", "choice", "approve")
	},
	"/requests/:id/transfer": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/transfer", "unit", itoa(f.b.other.ID), "note", "部分事项")
	},
	"/requests/:id/letter": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/letter", "letter", "999999", "body", "更正后的正文")
	},
	"/requests/:id/transfer/answer": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/transfer/answer", "note", "意见")
	},
	"/requests/:id/answer": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.requestPost("/answer", "answer", "同意公开", "result", "予以公开", "delivered", "2026-03-02", "method", "邮寄")
	},
	"/users": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/users", form: f.values("username", "newhead", "name", "新负责人", "role", "head", "department", itoa(f.b.other.ID), "password", "long-enough-pw")}
	},
	"/users/:id/password": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/users/" + itoa(f.spare) + "/password", form: f.values("password", "another-horse-2")}
	},
	"/users/:id/:action": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/users/" + itoa(f.spare) + "/disable", form: url.Values{}}
	},
	"/scores/compute": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/scores/compute", form: f.values("year", "2024", "as_of", "2025-02-01")}
	},
	"/calendar": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/calendar", form: url.Values{}, files: map[string]matrixFile{"file": {"2023.json", f.notice}}}
	},
	"/schemes/:version": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/schemes/" + f.draft, form: f.values("mode", "json", "body", f.draftBody())}
	},
	"/schemes/:version/copy": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/schemes/" + f.draft + "/copy", form: f.values("to", "matrix-copy", "name", "矩阵副本")}
	},
	"/schemes/:version/approve": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/schemes/" + f.draft + "/approve", form: url.Values{}}
	},
	"/imports": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/imports", form: f.values("kind", "publications"), files: map[string]matrixFile{"file": {"空.csv", []byte("索引号\n")}}}
	},
	"/imports/jobs/:id/cancel": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/imports/jobs/" + f.job + "/cancel", form: url.Values{}}
	},
	"/reports/quarterly/file": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/quarterly/file", form: clone(f.quarterly)}
	},
	"/reports/annual/file": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/annual/file", form: clone(f.annual)}
	},
	"/reports/annual": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/annual", form: f.values("year", "2025", "department", itoa(f.b.own.ID), "text_overview", "概述")}
	},
	"/reports/annual/final": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/annual/final", form: f.values("year", "2025", "department", itoa(f.b.own.ID), "final", "1")}
	},
	"/reports/annual/figures": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/annual/figures", form: f.values("year", "2025", "department", itoa(f.b.own.ID))}
	},
	"/reports/annual/requests/:id": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/reports/annual/requests/" + itoa(f.request), form: f.values("year", "2025", "department", itoa(f.b.own.ID), "applicant", "自然人", "result", "予以公开")}
	},
	"/columns": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/columns", form: f.values("name", "矩阵新栏目", "channel", "网站", "department", itoa(f.b.own.ID), "cadence", "通知公告")}
	},
	"/columns/:id": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/columns/" + itoa(f.column), form: f.values("name", "矩阵栏目", "channel", "网站", "department", itoa(f.b.own.ID), "cadence", "政策文件")}
	},
	"/publications/:id/column": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/" + itoa(f.flag) + "/column", form: f.values("column", itoa(f.column))}
	},
	"/channels": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/channels", form: f.values("kind", "publication", "name", "政务微博")}
	},
	"/channels/:id/delete": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/channels/" + itoa(f.channel) + "/delete", form: url.Values{}}
	},
	"/sources": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/sources", form: f.values("name", "新接口", "department", itoa(f.b.own.ID), "kind", "publications", "url", "http://127.0.0.1:1/other", "every", "60")}
	},
	"/sources/:id/pull": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/sources/" + itoa(f.source) + "/pull", form: url.Values{}}
	},
	"/sources/:id/tokens": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/sources/" + itoa(f.source) + "/tokens", form: url.Values{}}
	},
	"/tokens/:id/revoke": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/tokens/" + itoa(f.token) + "/revoke", form: url.Values{}}
	},
	"/assessment": func(f *matrixFixture, _ models.Role) matrixTarget {
		form := planForm("")
		form.Del("_csrf")
		form.Set("year", "2023")
		return matrixTarget{path: "/assessment", form: form}
	},
	"/assessment/objections/:id/answer": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/assessment/objections/" + itoa(f.objection) + "/answer", form: f.values("decision", "accept", "answer", "经核实，撤销扣分")}
	},
	"/assessment/findings/:id/report": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/assessment/findings/" + itoa(f.finding) + "/report", form: f.values("report", "已更新目录")}
	},
	"/assessment/findings/:id/close": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/assessment/findings/" + itoa(f.finding) + "/close", form: f.values("note", "已核验")}
	},
	"/assessment/:id": func(f *matrixFixture, _ models.Role) matrixTarget {
		form := planForm("")
		form.Del("_csrf")
		return matrixTarget{path: "/assessment/" + itoa(f.plan), form: form}
	},
	"/assessment/:id/step": func(f *matrixFixture, r models.Role) matrixTarget {
		// The office and the leading group each take their own steps.
		step := "propose"
		if (models.Viewer{Role: r}).CanDecideAssessment() {
			step = "approve_grades"
		}
		return matrixTarget{path: "/assessment/" + itoa(f.plan) + "/step", form: f.values("action", step, "reason", "提前提出")}
	},
	"/assessment/:id/notice-draft": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/assessment/" + itoa(f.plan) + "/notice-draft", form: f.values("body", "正文")}
	},
	"/assessment/:id/notice/:dept": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/notice/%d", url.Values{})
	},
	"/assessment/:id/departments/:dept/remind": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/remind", url.Values{})
	},
	"/assessment/:id/remind": matrixNotifyPosts["/assessment/:id/remind"],
	"/inbox/read":            matrixNotifyPosts["/inbox/read"],
	"/inbox/settings":        matrixNotifyPosts["/inbox/settings"],
	"/inbox/:id/read":        matrixNotifyPosts["/inbox/:id/read"],
	"/assessment/:id/departments/:dept/self": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/self", f.values("text", "本部门自查情况"))
	},
	"/assessment/:id/departments/:dept/objections": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/objections", f.values("deduction", "A2/0", "reason", "未超期"))
	},
	"/assessment/:id/departments/:dept/adjustments": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/adjustments", f.values("indicator", "A2", "points", "1", "reason", "实地核查"))
	},
	"/assessment/:id/departments/:dept/findings": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/findings", f.values("text", "栏目未更新", "due", "2026-06-30"))
	},
	"/assessment/:id/departments/:dept/commend": func(f *matrixFixture, _ models.Role) matrixTarget {
		return f.planDeptPost("/departments/%d/commend", f.values("person", "何军", "reason", "联络及时"))
	},
	// guide:
	"/publications/:id/files": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/" + itoa(f.pub.own) + "/files", form: url.Values{}, files: map[string]matrixFile{"file": {"全文.txt", []byte("通报全文 13812345678")}}}
	},
	"/publications/:id/files/override": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/" + itoa(f.pub.own) + "/files/override", form: f.values("reason", "号码为单位值班电话")}
	},
	"/guide": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/guide", form: f.values("classification", "按职能分类", "obtain", "门户网站", "office", "公开办", "address", "府前路1号",
			"hours", "工作日", "phone", "0527-84420000", "apply", "当面或网络申请")}
	},
	"/guide/issue": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/guide/issue", form: url.Values{}}
	},
	"/guide/catalog": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/guide/catalog", form: f.values("year", "2026")}
	},
}

func (f *matrixFixture) openCasePost(rest string, kv ...string) matrixTarget {
	return matrixTarget{path: "/cases/" + itoa(f.openCase) + rest, form: f.values(kv...)}
}

func (f *matrixFixture) notifiedPost(rest string, kv ...string) matrixTarget {
	return matrixTarget{path: "/cases/" + itoa(f.notified) + rest, form: f.values(kv...)}
}

func (f *matrixFixture) planDeptPost(rest string, form url.Values) matrixTarget {
	return matrixTarget{path: "/assessment/" + itoa(f.plan) + fmt.Sprintf(rest, f.b.own.ID), form: form}
}

// draftBody is the draft scheme as stored, saved again unchanged.
func (f *matrixFixture) draftBody() string {
	sv, err := f.b.store.SchemeByVersion(context.Background(), f.draft)
	if err != nil {
		return ""
	}
	return sv.Body
}

func clone(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// send posts the target's form (multipart when it carries files) with the
// client's CSRF token, or gets its path.
func (c *client) send(method string, tg matrixTarget, token string) (*http.Response, string) {
	c.t.Helper()
	if method == fiber.MethodGet {
		return c.get(tg.path)
	}
	form := clone(tg.form)
	form.Set("_csrf", token)
	if len(tg.files) == 0 {
		return c.post(tg.path, form)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for field, file := range tg.files {
		fw, _ := w.CreateFormFile(field, file.name)
		_, _ = fw.Write(file.data)
	}
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, tg.path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

// TestRouteRoleMatrix is generated from the router: every route, for every
// role and signed out, answers as the permission table (Viewer.Can) says.
// A route registered without an action fails it. A role the action refuses
// gets 403 before any handler runs, and changes nothing; signed out, only
// public routes answer; no GET changes any data. Every POST is sent with a
// valid form on a real record of the own department, so that a role the
// action allows reaches the Store: it must not be refused (403) nor told
// the record does not exist (404). A route registered for more roles than
// the Store lets act (ActSignedIn where only the discipline office may)
// therefore fails: the Store refuses the extra role.
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	f := newMatrixFixture(t, s)
	b := f.b
	clients := map[models.Role]*client{}
	for _, r := range models.Roles {
		c := b.client(t)
		if resp := c.signIn(string(r), testPassword); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("sign in %s: %d", r, resp.StatusCode)
		}
		clients[r] = c
	}
	anon := b.client(t)
	tokens := map[*client]string{anon: anon.token("/login")}
	for _, c := range clients {
		tokens[c] = c.token("/")
	}
	type cell struct {
		path   string
		action models.Action
		target matrixTarget
		role   models.Role
	}
	var allowed []cell // POSTs a role may send: sent last, once nothing else is to be checked
	before := tablesDigest(t, s)
	cells := 0
	for _, rt := range b.app.GetRoutes(true) {
		if rt.Method != fiber.MethodGet && rt.Method != fiber.MethodPost {
			continue
		}
		a := models.Action(rt.Name)
		if a == "" {
			t.Errorf("%s %s has no action in the permission table", rt.Method, rt.Path)
			continue
		}
		if rt.Path == "/logout" || rt.Path == "/login" {
			continue // they change the client's session; their own tests cover them
		}
		build := func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: matrixPath(rt.Path), form: url.Values{}}
		}
		if rt.Method == fiber.MethodPost && a != models.ActPublic {
			var ok bool
			if build, ok = matrixPosts[rt.Path]; !ok {
				t.Errorf("POST %s has no valid form in matrixPosts", rt.Path)
				continue
			}
		}
		cells++
		resp, _ := anon.send(rt.Method, build(f, models.RoleOffice), tokens[anon])
		signedOut := resp.StatusCode == fiber.StatusSeeOther && resp.Header.Get("Location") == "/login" || resp.StatusCode == fiber.StatusUnauthorized
		if a != models.ActPublic && !signedOut {
			t.Errorf("signed out %s %s: %d, want the sign-in page", rt.Method, rt.Path, resp.StatusCode)
		}
		if a == models.ActPublic {
			continue
		}
		for _, r := range models.Roles {
			v := models.Viewer{Role: r}
			target := build(f, r)
			if rt.Method == fiber.MethodPost && v.Can(a) {
				allowed = append(allowed, cell{rt.Path, a, target, r})
				continue
			}
			cells++
			resp, _ := clients[r].send(rt.Method, target, tokens[clients[r]])
			switch {
			case resp.StatusCode >= 500:
				t.Errorf("%s %s %s: %d", r, rt.Method, rt.Path, resp.StatusCode)
			case !v.Can(a) && resp.StatusCode != fiber.StatusForbidden:
				t.Errorf("%s %s %s: %d, want 403 (%s is for %v)", r, rt.Method, rt.Path, resp.StatusCode, a, models.Allowed(a))
			case v.Can(a) && resp.StatusCode == fiber.StatusForbidden:
				t.Errorf("%s %s %s: 403, but the permission table allows %s", r, rt.Method, rt.Path, a)
			case resp.StatusCode == fiber.StatusSeeOther && resp.Header.Get("Location") == "/login":
				t.Errorf("%s %s %s: signed out", r, rt.Method, rt.Path)
			}
		}
	}
	after := tablesDigest(t, s)
	for tb, d := range before {
		if after[tb] != d {
			t.Errorf("table %s changed during the matrix (a GET or a refused POST changed it)", tb)
		}
	}
	for _, c := range allowed {
		cells++
		resp, _ := clients[c.role].send(fiber.MethodPost, c.target, tokens[clients[c.role]])
		switch code := resp.StatusCode; {
		case code >= 500:
			t.Errorf("%s POST %s: %d", c.role, c.path, code)
		case code == fiber.StatusForbidden || code == fiber.StatusNotFound:
			t.Errorf("%s POST %s (%s): %d with a valid form, though the route's action %s lets %s in: the route and the Store disagree on who may", c.role, c.path, c.target.path, code, c.action, c.role)
		case code == fiber.StatusSeeOther && resp.Header.Get("Location") == "/login":
			t.Errorf("%s POST %s: signed out", c.role, c.path)
		}
	}
	t.Logf("%d route × role cells", cells)
}
