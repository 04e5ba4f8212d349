package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// formCase is one form posted wrong, then right: the page it is on (for
// its CSRF token), where it posts, what is typed, and what must come back.
type formCase struct {
	name   string
	page   string
	path   string
	bad    url.Values
	field  string   // the field the error is beside; "" for the form's banner
	within string   // text of the form (its action, a button) when a page has several
	msg    string   // the Chinese error, beside the field
	kept   []string // what was typed, shown again (as the page's HTML has it)
	gone   []string // what must not be shown again (passwords)
	good   url.Values
}

var fieldErrorRe = regexp.MustCompile(`(?s)class="field-error"[^>]*>([^<]*)<`)

// besideField is the error shown with the input named name: the
// field-error of the label, fieldset, table cell or form that holds it
// (and within).
func besideField(body, name, within string) string {
	for _, tag := range []string{"label", "fieldset", "td", "form"} {
		for _, chunk := range strings.Split(body, "<"+tag)[1:] {
			chunk, _, _ = strings.Cut(chunk, "</"+tag+">")
			if !strings.Contains(chunk, `name="`+name+`"`) || !strings.Contains(chunk, within) {
				continue
			}
			if m := fieldErrorRe.FindStringSubmatch(chunk); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// runForms posts each case wrong and wants 422 with the error beside its
// field and what was typed shown again; then right, and wants it done.
func runForms(t *testing.T, c *client, cases []formCase) {
	t.Helper()
	for _, tc := range cases {
		bad := url.Values{"_csrf": {c.token(tc.page)}}
		for k, v := range tc.bad {
			bad[k] = v
		}
		resp, body := c.post(tc.path, bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422 on the same page", tc.name, resp.StatusCode)
			continue
		}
		if tc.field == "" {
			if got := errorOf(body); !strings.Contains(got, tc.msg) {
				t.Errorf("%s: the form says %q, want %q", tc.name, got, tc.msg)
			}
		} else if got := besideField(body, tc.field, tc.within); !strings.Contains(got, tc.msg) {
			t.Errorf("%s: beside %s is %q, want %q", tc.name, tc.field, got, tc.msg)
		}
		for _, typed := range tc.kept {
			if !strings.Contains(body, typed) {
				t.Errorf("%s: %s is not shown again", tc.name, typed)
			}
		}
		for _, secret := range tc.gone {
			if strings.Contains(body, secret) {
				t.Errorf("%s: %s is shown again", tc.name, secret)
			}
		}
		if tc.good == nil {
			continue
		}
		good := url.Values{"_csrf": {c.token(tc.page)}}
		for k, v := range tc.good {
			good[k] = v
		}
		if resp, body := c.post(tc.path, good); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%s, valid: %d %s", tc.name, resp.StatusCode, errorOf(body))
		}
	}
}

// The office's forms: accounts, sources, channels, flags, the scheme copy
// and the calendar; and everyone's own password.
func TestOfficeFormsKeepWhatWasTyped(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		day := func(s string) *time.Time { d, _ := time.Parse(time.DateOnly, s); return &d }
		flagged := models.Publication{DepartmentID: b.own.ID, IndexNo: "own-9", Seq: 23, Title: "涉密案件通报", Channel: "网站", Published: *day("2024-05-10")}
		modelstest.Must(t, s.DB.Create(&flagged).Error)
		modelstest.Must(t, s.DB.Create(&clocks.SecrecyReview{DepartmentID: b.own.ID, ReviewNo: "BM-9", IndexNo: "own-9", Title: "涉密案件通报",
			Requested: *day("2024-05-02"), UnitBy: "何军", UnitDate: day("2024-05-02"), Opinion: "免于公开", Basis: "涉及警务工作秘密", Decided: day("2024-05-08")}).Error)
		var auditor, office models.User
		modelstest.Must(t, s.DB.Where("username = ?", "auditor").First(&auditor).Error)
		modelstest.Must(t, s.DB.Where("username = ?", "office").First(&office).Error)
		reset := "/users/" + itoa(auditor.ID) + "/password"
		flag := "/flags/" + itoa(flagged.ID)

		runForms(t, b.signedIn(t, "office"), []formCase{
			{name: "new user with a space", page: "/users", path: "/users",
				bad:   url.Values{"username": {"peng jun"}, "name": {"彭军"}, "role": {"head"}, "department": {itoa(b.other.ID)}, "password": {"long-enough-pw"}},
				field: "username", within: `value="peng jun"`, msg: "不能包含空格", kept: []string{`value="peng jun"`, `value="彭军"`, `value="` + itoa(b.other.ID) + `" selected`}, gone: []string{"long-enough-pw"}},
			{name: "new head without a department", page: "/users", path: "/users",
				bad:   url.Values{"username": {"pengjun"}, "name": {"彭军"}, "role": {"head"}, "department": {"0"}, "password": {"long-enough-pw"}},
				field: "department", msg: "部门负责人须选择所属部门", kept: []string{`value="pengjun"`, `value="head" selected`}},
			{name: "new user whose name is taken", page: "/users", path: "/users",
				bad:   url.Values{"username": {"office"}, "name": {"彭军"}, "role": {"leader"}, "password": {"long-enough-pw"}},
				field: "username", within: `value="office"`, msg: "该用户名已被使用", kept: []string{`value="彭军"`, `value="leader" selected`},
				good: url.Values{"username": {"pengjun"}, "name": {"彭军"}, "role": {"head"}, "department": {itoa(b.other.ID)}, "password": {"long-enough-pw"}}},
			{name: "reset to a short password", page: "/users", path: reset,
				bad: url.Values{"password": {"short"}}, field: "password", within: reset, msg: "密码至少 10 个字符", gone: []string{`value="short"`},
				good: url.Values{"password": {"another-long-pw"}}},
			{name: "source pulled every few seconds", page: "/sources", path: "/sources",
				bad:   url.Values{"name": {"刑警接口"}, "department": {itoa(b.other.ID)}, "kind": {"publications"}, "url": {"https://gaj.example.cn/xj.csv"}, "every": {"十"}},
				field: "every", msg: "请填写 0 到 44640 之间的整数", kept: []string{`value="刑警接口"`, `value="https://gaj.example.cn/xj.csv"`, `value="十"`}},
			{name: "source pulled with no address", page: "/sources", path: "/sources",
				bad:   url.Values{"name": {"刑警接口"}, "department": {itoa(b.other.ID)}, "kind": {"requests"}, "every": {"60"}},
				field: "url", msg: "定时拉取需要填写地址", kept: []string{`value="刑警接口"`, `value="60"`, `value="requests" selected`},
				good: url.Values{"name": {"刑警接口"}, "department": {itoa(b.other.ID)}, "kind": {"requests"}, "url": {"https://gaj.example.cn/xj.csv"}, "every": {"60"}}},
			{name: "channel without a name", page: "/channels", path: "/channels",
				bad: url.Values{"kind": {"publication"}, "name": {" "}}, field: "name", within: `value="publication"`, msg: "请填写此项"},
			{name: "channel with a list in its name", page: "/channels", path: "/channels",
				bad: url.Values{"kind": {"request"}, "name": {"来信、来电"}}, field: "name", within: `value="request"`, msg: "渠道名称不能含有顿号、逗号或分号", kept: []string{`value="来信、来电"`},
				good: url.Values{"kind": {"request"}, "name": {"来电"}}},
			{name: "flag dismissed without a reason", page: "/flags", path: flag,
				bad: url.Values{"decision": {"dismissed"}, "note": {" "}}, field: "note", within: flag, msg: "排除提示须说明理由"},
			{name: "flag with no decision", page: "/flags", path: flag,
				bad: url.Values{"decision": {"maybe"}, "note": {"核实中"}}, field: "decision", within: flag, msg: "请选择一项", kept: []string{`value="核实中"`},
				good: url.Values{"decision": {"confirmed"}, "note": {"已核实"}}},
			{name: "scheme copied without a version", page: "/schemes/default-2", path: "/schemes/default-2/copy",
				bad: url.Values{"to": {" "}, "name": {"2026年度考核方案"}}, field: "to", msg: "请填写新版本号", kept: []string{`value="2026年度考核方案"`}},
			{name: "scheme copied onto a version", page: "/schemes/default-2", path: "/schemes/default-2/copy",
				bad: url.Values{"to": {"default-1"}, "name": {"2026年度考核方案"}}, msg: "版本号“default-1”已存在", kept: []string{`value="default-1"`, `value="2026年度考核方案"`},
				good: url.Values{"to": {"2026"}, "name": {"2026年度考核方案"}}},
			{name: "calendar without a file", page: "/calendar", path: "/calendar",
				bad: url.Values{}, field: "file", msg: "请选择文件"},
			{name: "import without a file", page: "/imports", path: "/imports",
				bad: url.Values{"kind": {"publications"}, "partial": {"1"}}, field: "file", msg: "请选择要上传的文件", kept: []string{`value="publications" selected`, `value="1" checked`}},
			{name: "scores as of no date", page: "/scores?year=2024", path: "/scores/compute",
				bad: url.Values{"year": {"2024"}, "as_of": {"2025-02-30"}}, field: "as_of", msg: "截至日期不是有效日期", kept: []string{`value="2025-02-30"`, `value="2024"`},
				good: url.Values{"year": {"2024"}, "as_of": {"2025-02-01"}}},
			{name: "the last office disabled", page: "/users", path: "/users/" + itoa(office.ID) + "/disable",
				bad: url.Values{}, msg: "不能停用最后一个可用的领导小组办公室账号"},
		})
		runForms(t, b.signedIn(t, "head"), []formCase{
			{name: "own password without the current one", page: "/account", path: "/account/password",
				bad: url.Values{"current": {""}, "password": {"new-long-pw-1"}}, field: "current", msg: "请填写此项", gone: []string{"new-long-pw-1"}},
			{name: "own password with a wrong current one", page: "/account", path: "/account/password",
				bad: url.Values{"current": {"wrong-pass-1"}, "password": {"new-long-pw-1"}}, field: "current", msg: "当前密码不正确", gone: []string{"wrong-pass-1", "new-long-pw-1"},
				good: url.Values{"current": {testPassword}, "password": {"new-long-pw-1"}}},
		})
	})
}

// The assessment's forms: the plan, its steps, and the department's page.
func TestAssessmentFormsKeepWhatWasTyped(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		office, leader, head := b.signedIn(t, "office"), b.signedIn(t, "leader"), b.signedIn(t, "head")
		plan := func(change map[string]string) url.Values {
			f := planForm("")
			f.Del("_csrf")
			for k, v := range change {
				f.Set(k, v)
			}
			return f
		}
		runForms(t, office, []formCase{
			{name: "plan of a year that is no number", page: "/assessment/new", path: "/assessment",
				bad: plan(map[string]string{"year": "二〇二四", "review": "2026-03-40"}), field: "year", msg: "请填写 2000 到 2100 之间的整数",
				kept: []string{`value="二〇二四"`, `value="2026-03-40"`, "吴良亮、刘敏</textarea>"}},
			{name: "plan with a bad date", page: "/assessment/new", path: "/assessment",
				bad: plan(map[string]string{"review": "2026-03-40"}), field: "review", msg: "请按“年-月-日”填写日期", kept: []string{`value="2026-03-40"`}},
			{name: "focused plan without departments", page: "/assessment/new", path: "/assessment",
				bad: plan(map[string]string{"scope": "focus"}), field: "departments", msg: "重点考核须选择至少一个被考核部门", kept: []string{`value="focus" checked`}},
			{name: "plan with too short a notice", page: "/assessment/new", path: "/assessment",
				bad: plan(map[string]string{"review": "2026-03-16"}), field: "review", msg: "最早为2026-03-17", kept: []string{`value="2026-03-16"`, "吴良亮、刘敏</textarea>"},
				good: plan(nil)},
		})
		var p struct{ ID uint }
		modelstest.Must(t, s.DB.Table("assessment_plans").Select("id").Last(&p).Error)
		planPath := "/assessment/" + itoa(p.ID)
		page := planPath + "/departments/" + itoa(b.own.ID)
		runForms(t, office, []formCase{
			{name: "plan changed to a bad date", page: planPath, path: planPath,
				bad: plan(map[string]string{"notice": "3月2日"}), field: "notice", msg: "请按“年-月-日”填写日期", kept: []string{`value="3月2日"`}},
			{name: "plan submitted with too long a reason", page: planPath, path: planPath + "/step",
				bad: url.Values{"action": {"submit"}, "reason": {strings.Repeat("理", 2001)}}, field: "reason", within: `value="submit"`, msg: "不超过 2000 个字符",
				kept: []string{strings.Repeat("理", 2001) + "</textarea>"}, good: url.Values{"action": {"submit"}}},
		})
		runForms(t, leader, []formCase{
			{name: "plan returned without a reason", page: planPath, path: planPath + "/step",
				bad: url.Values{"action": {"return"}, "reason": {" "}}, field: "reason", within: `value="return"`, msg: "请填写理由", good: url.Values{"action": {"approve"}}},
		})
		runForms(t, head, []formCase{
			{name: "self-inspection left empty", page: page, path: page + "/self",
				bad: url.Values{"text": {" "}}, field: "text", msg: "请填写此项", good: url.Values{"text": {"本部门自查情况"}}},
			{name: "objection without a reason", page: page, path: page + "/objections",
				bad: url.Values{"deduction": {"A2/0"}, "reason": {" "}}, field: "reason", within: "objections", msg: "请填写此项", kept: []string{`value="A2/0" selected`},
				good: url.Values{"deduction": {"A2/0"}, "reason": {"该信息系节假日顺延，未超期"}}},
		})
		_, body := office.get(page)
		answer := regexp.MustCompile(`/assessment/objections/\d+/answer`).FindString(body)
		if answer == "" {
			t.Fatal("the office's page has no answer form")
		}
		runForms(t, office, []formCase{
			{name: "answer neither accepting nor rejecting", page: page, path: answer,
				bad: url.Values{"answer": {"经核实，撤销扣分"}}, field: "decision", within: answer, msg: "请选择一项", kept: []string{"经核实，撤销扣分</textarea>"},
				good: url.Values{"decision": {"accept"}, "answer": {"经核实，撤销扣分"}}},
			{name: "adjustment that is no number", page: page, path: page + "/adjustments",
				bad: url.Values{"indicator": {"A1"}, "points": {"一点五"}, "reason": {"复核"}}, field: "points", msg: "请填写数字", kept: []string{`value="一点五"`, `value="复核"`}},
			{name: "finding due on no date", page: page, path: page + "/findings",
				bad: url.Values{"text": {"公开栏未更新"}, "due": {"2026-13-01"}}, field: "due", msg: "请按“年-月-日”填写日期", kept: []string{`value="公开栏未更新"`, `value="2026-13-01"`},
				good: url.Values{"text": {"公开栏未更新"}, "due": {"2026-04-30"}}},
		})
		_, body = head.get(page)
		report := regexp.MustCompile(`/assessment/findings/\d+/report`).FindString(body)
		if report == "" {
			t.Fatal("the head's page has no report form")
		}
		runForms(t, head, []formCase{
			{name: "rectification reported empty", page: page, path: report,
				bad: url.Values{"report": {" "}}, field: "report", within: report, msg: "请填写此项", good: url.Values{"report": {"已更新公开栏"}}},
		})
		closing := strings.Replace(report, "/report", "/close", 1)
		runForms(t, office, []formCase{
			{name: "finding closed without a note", page: page, path: closing,
				bad: url.Values{"note": {" "}}, field: "note", within: closing, msg: "请填写此项", good: url.Values{"note": {"已核验"}}},
		})
	})
}

// A case's forms, step by step through the procedure.
func TestCaseFormsKeepWhatWasTyped(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "ZA-7", Seq: 23, Title: "治安案件典型案例", Channel: "网站", Published: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}).Error)
		dis := b.signedIn(t, "discipline")
		own := itoa(b.own.ID)
		runForms(t, dis, []formCase{
			{name: "case of 其他 without its description", page: "/cases", path: "/cases",
				bad: url.Values{"department": {own}, "trigger": {"5"}, "summary": {"目录事项未公开"}}, field: "other", msg: "请填写其他情形的说明",
				kept: []string{`value="目录事项未公开"`, `value="5" selected`}},
			{name: "case of no department", page: "/cases", path: "/cases",
				bad: url.Values{"department": {""}, "trigger": {"1"}, "summary": {"目录事项未公开"}}, field: "department", msg: "请选择一项", kept: []string{`value="目录事项未公开"`},
				good: url.Values{"department": {own}, "trigger": {"1"}, "summary": {"目录事项未公开"}}},
		})
		var cs accountability.Case
		modelstest.Must(t, s.DB.Last(&cs).Error)
		casePath := caseURLOf(cs.ID)
		runForms(t, dis, []formCase{
			{name: "empty note", page: casePath, path: casePath + "/notes", bad: url.Values{"note": {" "}}, field: "note", msg: "请填写此项",
				good: url.Values{"note": {"调查记录"}}},
			{name: "evidence that does not exist", page: casePath, path: casePath + "/evidence",
				bad: url.Values{"kind": {"request"}, "ref": {"ZA-7"}}, field: "ref", msg: "本部门没有编号或日期为“ZA-7”的该类记录", kept: []string{`value="ZA-7"`, `value="request" selected`},
				good: url.Values{"kind": {"publication"}, "ref": {"ZA-7"}}},
			{name: "person with no name", page: casePath, path: casePath + "/persons",
				bad:   url.Values{"name": {""}, "police_no": {"320001"}, "unit": {own}, "post": {"handler"}},
				field: "name", within: "add-person", msg: "请选择已登记的人员，或填写新人员的姓名", kept: []string{`value="320001"`},
				good: url.Values{"name": {"王五"}, "police_no": {"320001"}, "unit": {own}, "post": {"handler"}}},
			{name: "hearing closed before the statement", page: casePath, path: casePath + "/hear", bad: url.Values{}, msg: "王五"},
		})
		var cp accountability.CasePerson
		modelstest.Must(t, s.DB.Order("id desc").First(&cp).Error)
		statement := casePath + "/persons/" + itoa(cp.PersonID) + "/statement"
		runForms(t, dis, []formCase{
			{name: "statement on no date", page: casePath, path: statement,
				bad: url.Values{"kind": {"refused"}, "date": {"2026-02-30"}, "text": {"拒绝陈述"}}, field: "date", within: statement, msg: "请按“年-月-日”填写日期",
				kept: []string{`value="2026-02-30"`, "拒绝陈述</textarea>", `value="refused" selected`},
				good: url.Values{"kind": {"refused"}, "date": {"2026-03-02"}, "text": {"拒绝陈述"}}},
		})
		dis.step(casePath, casePath+"/hear", url.Values{})
		b.clock.Advance(2 * 24 * time.Hour) // 2026-03-04
		pid := itoa(cp.PersonID)
		runForms(t, dis, []formCase{
			{name: "decision without sanctions", page: casePath, path: casePath + "/decide",
				bad: url.Values{"date": {"2026-03-03"}, "severity": {"2"}, "reasons": {"属实"}}, field: "sanction", msg: "请选择一项",
				kept: []string{"属实</textarea>", `value="2" selected`}},
			{name: "decision dated tomorrow", page: casePath, path: casePath + "/decide",
				bad:   url.Values{"date": {"2026-03-05"}, "severity": {"2"}, "reasons": {"属实"}, "sanction": {"0:通报批评", pid + ":书面检查"}},
				field: "date", within: "/decide", msg: "日期不能晚于今天", kept: []string{`value="2026-03-05"`, `value="0:通报批评" checked`, `value="` + pid + `:书面检查" checked`},
				good: url.Values{"date": {"2026-03-03"}, "severity": {"2"}, "reasons": {"属实"}, "sanction": {"0:通报批评", pid + ":书面检查"}}},
			{name: "notice on no date", page: casePath, path: casePath + "/notify", bad: url.Values{"date": {""}}, field: "date", within: "/notify", msg: "请填写此项",
				good: url.Values{"date": {"2026-03-04"}}},
		})
		runForms(t, b.signedIn(t, "head"), []formCase{
			{name: "appeal without an appellant", page: casePath, path: casePath + "/appeal",
				bad: url.Values{"kind": {"申诉"}, "appellant": {" "}, "grounds": {"不服"}}, field: "appellant", msg: "请填写此项", kept: []string{"不服</textarea>", `<option value="申诉" selected>申诉</option>`},
				good: url.Values{"kind": {"复核"}, "appellant": {"治安支队"}, "grounds": {"不服"}}},
		})
		runForms(t, dis, []formCase{
			{name: "outcome without reasons", page: casePath, path: casePath + "/outcome",
				bad: url.Values{"outcome": {"撤销"}, "date": {"2026-03-04"}, "reasons": {" "}}, field: "reasons", within: "/outcome", msg: "请填写此项", kept: []string{"<option selected>撤销</option>"},
				good: url.Values{"outcome": {"撤销"}, "date": {"2026-03-04"}, "reasons": {"证据不足"}}},
		})
	})
}

// The annual report's forms: the sections' texts and a request's
// national categories.
func TestAnnualReportFormsKeepWhatWasTyped(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withQuarter(t, b) // Q2-1: answered 同意公开, no applicant type
		office := b.signedIn(t, "office")
		unit := url.Values{"year": {"2025"}, "department": {itoa(b.own.ID)}}
		with := func(k, v string) url.Values {
			f := url.Values{k: {v}}
			for uk, uv := range unit {
				f[uk] = uv
			}
			return f
		}
		page := "/reports/annual?year=2025&department=" + itoa(b.own.ID)
		list := "/reports/annual/requests?year=2025&department=" + itoa(b.own.ID)
		_, body := office.get(list)
		cat := regexp.MustCompile(`/reports/annual/requests/\d+`).FindString(body)
		if cat == "" {
			t.Fatal("the uncategorised request has no form")
		}
		key := reports.SectionKeys()[0]
		long := strings.Repeat("文", reports.MaxSectionText+1)
		runForms(t, office, []formCase{
			{name: "a section's text too long", page: page, path: "/reports/annual",
				bad: with("text_"+key, long), field: "text_" + key, msg: "不超过 10000 个字符", kept: []string{long + "</textarea>"},
				good: with("text_"+key, "本年度依法公开政府信息。")},
			{name: "a request put in no category", page: list, path: cat,
				bad: with("applicant", "外星人"), field: "applicant", within: `form="cat` + strings.TrimPrefix(cat, "/reports/annual/requests/") + `"`, msg: "“外星人”不是有效的申请人类型",
				good: with("applicant", "自然人")},
		})
	})
}

func caseURLOf(id uint) string { return "/cases/" + itoa(id) }
