package handlers

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/views"
)

// auditRow is an audit entry as people read it: who did what, when, to
// which object (with a link), and each changed field old → new.
type auditRow struct {
	ID                  uint
	At                  time.Time
	Who, Action, Object string
	URL                 string
	Changes             []fieldChange
}

type fieldChange struct {
	Label, Old, New string
}

// words is a code's Chinese and English.
type words [2]string

func (w words) in(l views.Lang) string {
	if l == views.English {
		return w[1]
	}
	return w[0]
}

// auditActions names the actions the app records.
var auditActions = map[string]words{
	"create": {"新增", "created"}, "update": {"修改", "changed"}, "delete": {"删除", "deleted"},
	"import": {"导入", "imported"}, "sign_in": {"登录", "signed in"}, "compute": {"计算得分", "computed scores"},
	"approve": {"批准", "approved"}, "submit": {"提交审批", "submitted"}, "return": {"退回", "sent back"},
	"propose": {"提出等次", "proposed grades"}, "approve_grades": {"批准等次", "approved grades"},
	"request_reopen": {"申请重新评定", "asked to re-open"}, "reopen": {"重新评定", "re-opened"},
	"refuse_reopen": {"不同意重新评定", "refused to re-open"}, "publish": {"发布", "published"},
	"sign": {"签收", "signed for"}, "file": {"报送", "filed"}, "answer": {"答复", "answered"},
	"report": {"报告整改完成", "reported done"}, "close": {"核实办结", "closed"},
	"revoke": {"撤销", "revoked"}, "open": {"立案", "opened"}, "accepted": {"采纳为案件", "accepted"},
	"dismissed": {"不予立案", "dismissed"}, "confirmed": {"确认为事件", "confirmed"},
	"add_person": {"增加当事人", "added a person"}, "add_note": {"增加调查记录", "added a note"},
	"set_act": {"认定行为方式", "set the act"}, "override_share": {"调整责任划分", "overrode a share"},
	"record_statement": {"记录陈述申辩", "recorded a statement"}, "hear": {"听取陈述申辩完毕", "heard"},
	"decide": {"作出决定", "decided"}, "notify": {"送达决定", "notified"}, "appeal": {"复核申诉", "appealed"},
	"review": {"复核结论", "reviewed"}, "complete": {"整改完成", "completed"}, "link_evidence": {"关联证据", "linked evidence"},
	"attach": {"上传附件", "attached a file"}, "fail": {"失败", "failed"},
	"issue": {"发文", "issued"}, "export": {"导出", "exported"}, "save_draft": {"保存发文稿", "saved a draft"},
	"remind": {"催办", "sent a reminder"}, "withdraw": {"撤销", "withdrew"}, "return_grades": {"退回等次", "sent the grades back"},
	"approve_reopen": {"同意重新评定", "agreed to re-open"}, "sign_in_failed": {"登录失败", "failed to sign in"},
}

// auditEntities names the kinds of record and says where each one is.
var auditEntities = map[string]struct {
	name words
	url  func(id string) string
}{
	"department":                 {words{"部门", "department"}, byID("/departments/")},
	"group":                      {words{"部门分组", "group"}, byID("/groups/")},
	"catalog_item":               {words{"责任分解表事项", "catalog item"}, func(string) string { return "/catalog" }},
	"user":                       {words{"用户", "user"}, func(string) string { return "/users" }},
	"scheme":                     {words{"评分方案", "scheme"}, func(id string) string { return schemeURL(id) }},
	"scores":                     {words{"得分", "scores"}, scoresURL},
	"import_run":                 {words{"导入", "import"}, func(string) string { return "/imports" }},
	"holiday_year":               {words{"节假日安排", "holiday notice"}, func(string) string { return "/calendar" }},
	"source":                     {words{"数据来源", "source"}, func(string) string { return "/sources" }},
	"api_token":                  {words{"接口令牌", "API token"}, func(string) string { return "/sources" }},
	"channel":                    {words{"公开渠道", "channel"}, func(string) string { return "/channels" }},
	"publication":                {words{"公开记录", "publication"}, byID("/records/publication/")},
	"request":                    {words{"依申请公开", "request"}, byID("/records/request/")},
	"complaint":                  {words{"投诉咨询", "complaint"}, byID("/records/complaint/")},
	"quarterly_report":           {words{"季度报表", "quarterly report"}, byID("/records/quarterly_report/")},
	"annual_report":              {words{"年度报告", "annual report"}, byID("/records/annual_report/")},
	"secrecy_review":             {words{"保密审查", "secrecy review"}, byID("/records/secrecy_review/")},
	"coordination":               {words{"发布协调", "coordination"}, byID("/records/coordination/")},
	"press_conference":           {words{"新闻发布会", "press conference"}, byID("/records/press_conference/")},
	"incident":                   {words{"事件", "incident"}, nil},
	"disclosure_flag":            {words{"违反保密审查公开提示", "disclosure flag"}, byID("/records/publication/")},
	"request_category":           {words{"申请归类", "request category"}, byID("/records/request/")},
	"annual_report_text":         {words{"年度报告文字", "annual report text"}, func(string) string { return "/reports/annual" }},
	"annual_final":               {words{"年度报告定稿", "annual report final"}, func(string) string { return "/reports/annual" }},
	"annual_figures":             {words{"年度报告数据", "annual report figures"}, func(string) string { return "/reports/annual" }},
	"assessment_plan":            {words{"考核方案", "assessment plan"}, byID("/assessment/")},
	"assessment_notice":          {words{"考核通知", "assessment notice"}, func(string) string { return "/assessment" }},
	"assessment_self_inspection": {words{"自查报告", "self-inspection"}, func(string) string { return "/assessment" }},
	"assessment_objection":       {words{"异议", "objection"}, func(string) string { return "/assessment" }},
	"assessment_adjustment":      {words{"分数调整", "adjustment"}, func(string) string { return "/assessment" }},
	"assessment_finding":         {words{"实地考核发现的问题", "on-site finding"}, func(string) string { return "/assessment" }},
	"assessment_commendation":    {words{"表彰", "commendation"}, func(string) string { return "/assessment" }},
	"accountability_case":        {words{"责任追究案件", "case"}, byID("/cases/")},
	"accountability_person":      {words{"当事人", "person"}, func(string) string { return "/cases" }},
	"accountability_proposal":    {words{"责任追究建议", "proposal"}, func(string) string { return "/cases" }},
	"document":                   {words{"公文", "document"}, nil},
	"document_draft":             {words{"发文稿", "draft"}, nil},
	"download":                   {words{"下载", "download"}, nil},
}

func byID(prefix string) func(string) string {
	return func(id string) string {
		if _, err := strconv.ParseUint(id, 10, 64); err != nil {
			return ""
		}
		return prefix + id
	}
}

// scoresURL: a run is logged as year/as-of/scheme.
func scoresURL(id string) string {
	year, _, _ := strings.Cut(id, "/")
	return "/scores?year=" + year
}

// auditFields names the fields of the changes the app records.
var auditFields = map[string]words{
	"ID": {"编号", "number"}, "Name": {"名称", "name"}, "Person": {"受表彰人", "person"}, "PlanID": {"考核方案", "plan"},
	"ProposedAt": {"提出时间", "proposed at"}, "ProposedBy": {"提出人", "proposed by"}, "WithdrawnReason": {"撤销理由", "reason withdrawn"}, "withdrawn": {"撤销理由", "withdrawn because"}, "name": {"名称", "name"}, "Username": {"用户名", "username"},
	"Role": {"角色", "role"}, "DepartmentID": {"部门", "department"}, "Department": {"部门", "department"}, "department": {"部门", "department"},
	"departments": {"部门", "departments"}, "Disabled": {"停用", "disabled"}, "status": {"状态", "status"}, "Status": {"状态", "status"},
	"reason": {"理由", "reason"}, "Reason": {"理由", "reason"}, "note": {"说明", "note"}, "text": {"内容", "text"}, "Text": {"内容", "text"},
	"file": {"文件", "file"}, "format": {"格式", "format"}, "kind": {"类别", "kind"}, "Kind": {"类别", "kind"}, "source": {"来源", "source"},
	"read": {"读取行数", "rows read"}, "inserted": {"新增", "inserted"}, "updated": {"更新", "updated"}, "unchanged": {"未变", "unchanged"},
	"rejected": {"拒绝", "rejected"}, "sha256": {"文件摘要", "file digest"}, "year": {"年度", "year"}, "Year": {"年度", "year"},
	"plan": {"考核方案", "plan"}, "at": {"时间", "time"}, "At": {"时间", "time"}, "date": {"日期", "date"}, "due": {"期限", "due"},
	"attachments": {"附件", "attachments"}, "files": {"附件", "files"}, "deduction": {"扣分项", "deduction"}, "points": {"分值", "points"}, "indicator": {"指标", "indicator"},
	"answer": {"答复", "answer"}, "evidence": {"证据", "evidence"}, "report": {"报告", "report"}, "run": {"得分计算", "score run"},
	"scheme": {"评分方案", "scheme"}, "full_scope": {"全面考核", "full scope"}, "team": {"考核组", "team"}, "dates": {"日期", "dates"},
	"AsOf": {"数据截止", "as of"}, "Notice": {"通知日期", "notice"}, "SelfDue": {"自查截止", "self-inspection due"},
	"ObjectionDue": {"异议截止", "objections due"}, "Review": {"实地考核", "on-site review"}, "grades": {"等次", "grades"},
	"case": {"案件", "case"}, "CaseNo": {"案件编号", "case number"}, "CaseID": {"案件", "case"}, "Seq": {"序号", "number"},
	"Origin": {"来源", "origin"}, "Trigger": {"起因", "trigger"}, "TriggerKind": {"情形", "situation"}, "Summary": {"摘要", "summary"},
	"Persons": {"当事人", "persons"}, "person": {"当事人", "person"}, "PoliceNo": {"警号", "police number"}, "Post": {"职务", "post"},
	"ActReviewed": {"经保密审查", "reviewed"}, "ActApproved": {"经领导批准", "approved by a leader"}, "ActInstructed": {"按领导指示", "on instruction"},
	"ActObjected": {"承办人提出异议", "handler objected"}, "ActCollective": {"集体决定", "collective decision"}, "act": {"行为方式", "act"},
	"allocation": {"责任划分", "allocation"}, "share": {"责任", "share"}, "Sanctions": {"处理", "sanctions"}, "sanctions": {"处理", "sanctions"},
	"Severity": {"情节", "severity"}, "Decided": {"决定日期", "decided"}, "DecidedAt": {"决定时间", "decided at"}, "Decision": {"决定", "decision"},
	"NoticeDate": {"送达日期", "notice date"}, "NoticeNo": {"决定书编号", "notice number"}, "NoticeSeq": {"决定书序号", "notice number"},
	"OpenedAt": {"立案时间", "opened"}, "OpenedBy": {"立案人", "opened by"}, "By": {"经办人", "by"}, "Action": {"处理", "action"},
	"Key": {"建议编号", "proposal"}, "ProposalKey": {"建议编号", "proposal"}, "RevokedAt": {"撤销时间", "revoked"}, "appeal": {"复核申诉", "appeal"},
	"ip": {"登录地址", "address"}, "Leader": {"分管领导", "leader"}, "Head": {"负责人", "head"}, "Liaison": {"具体责任人员", "liaison"},
	"Phone": {"联系电话", "phone"}, "Mobile": {"手机号码", "mobile"}, "Filed": {"报送日期", "filed"}, "source_id": {"数据来源", "source"},
	"URL": {"地址", "address"}, "EveryMinutes": {"拉取间隔（分钟）", "every (minutes)"}, "Channel": {"渠道", "channel"}, "Title": {"标题", "title"},
	"handler": {"承办人", "handler"}, "in_charge": {"分管领导", "leader in charge"}, "principal": {"主要领导", "principal"}, "member": {"班子成员", "member"},
	"Appellant": {"申请人", "appellant"}, "Reviewed": {"经保密审查", "reviewed"}, "Approved": {"经领导批准", "approved by a leader"},
	"Instructed": {"按领导指示", "on instruction"}, "Objected": {"承办人提出异议", "handler objected"}, "Collective": {"集体决定", "collective decision"},
	"Due": {"期限", "due"}, "FiledBy": {"报送人", "filed by"}, "Grounds": {"理由", "grounds"}, "Label": {"名称", "label"},
	"Outcome": {"结论", "outcome"}, "OutcomeBy": {"作出结论人", "outcome by"}, "OutcomeDate": {"结论日期", "outcome date"},
	"OutcomeReason": {"结论理由", "outcome reason"}, "PersonID": {"当事人", "person"}, "RefID": {"关联记录", "record"},
	"Rule": {"依据", "rule"}, "Shares": {"责任划分", "shares"},
	"username": {"用户名", "username"}, "role": {"角色", "role"}, "disabled": {"停用", "disabled"},
	"SessionEpoch": {"会话批次", "sessions ended"}, "session_epoch": {"会话批次", "sessions ended"},
	"number": {"文号", "number"}, "subject": {"事由", "about"}, "subject_id": {"事由编号", "about number"},
	"outcome": {"结论", "outcome"}, "reasons": {"理由", "reasons"}, "ref_id": {"关联文件", "refers to"}, "relation": {"关联方式", "relation"}, "document": {"公文", "document"}, "url": {"地址", "address"},
}

// noise are fields that change with every save and say nothing.
var noise = map[string]bool{"CreatedAt": true, "UpdatedAt": true, "ID": true}

// auditValues names the codes the app stores in changes.
var auditValuePrefixes = []string{"asmt.status.", "case.status.", "role.", "import.from.", "flag.state.", "run.", "case.post.", "case.share.", "document.kind.", "document.relation.", "document.subject."}

// auditPageNeeds are the record pages a reader of the log may lack the
// right to open: such a row is not linked.
var auditPageNeeds = map[string]models.Action{"user": models.ActAdminister}

// readAuditFor is readAudit for a viewer: linked only to the pages the
// viewer may open.
func readAuditFor(v models.Viewer, e models.AuditEntry, l views.Lang, depts map[string]string) auditRow {
	r := readAudit(e, l, depts)
	if need, ok := auditPageNeeds[e.Entity]; ok && !v.Can(need) {
		r.URL = ""
	}
	return r
}

// readAudit lays an entry out for reading; names names departments by id
// and by code, schemes by "scheme:" and their version, score runs by
// "run:" and their id.
func readAudit(e models.AuditEntry, l views.Lang, depts map[string]string) auditRow {
	r := auditRow{ID: e.ID, At: e.At, Who: who(l, e.UserName), Action: e.Action, Object: e.Entity}
	if w, ok := auditActions[e.Action]; ok {
		r.Action = w.in(l)
	}
	if ent, ok := auditEntities[e.Entity]; ok {
		r.Object = ent.name.in(l)
		if ent.url != nil {
			r.URL = ent.url(e.EntityID)
		}
	}
	switch {
	case e.Entity == "scores":
		// year/as-of/scheme
		parts := strings.SplitN(e.EntityID, "/", 3)
		if len(parts) == 3 {
			r.Object += " " + views.T(l, "audit.run", parts[0], parts[1])
		}
	case e.Entity == "accountability_proposal":
		r.Object += " " + auditValue(e.EntityID, "Key", l, depts)
	case e.Entity == "assessment_finding" && depts["finding:"+e.EntityID] != "":
		// year/department/number: 2025年度治安支队问题1
		var year, dept, no int
		fmt.Sscanf(depts["finding:"+e.EntityID], "%d/%d/%d", &year, &dept, &no)
		r.Object += " " + views.T(l, "audit.finding", year, depts[strconv.Itoa(dept)], no)
	case e.Entity == "scheme":
		if title, ok := depts["scheme:"+e.EntityID]; ok {
			r.Object += " " + title
		} else {
			r.Object += " " + e.EntityID
		}
	case e.Entity == "download":
		r.Object += " " + e.EntityID // the address taken out of the app
	case e.EntityID != "" && e.EntityID != "0":
		r.Object += recordName(e, l, depts)
	}
	r.Changes = changes(e, l, depts)
	return r
}

// nameFields are the fields of a stored record that name it, best first.
var nameFields = []string{"CaseNo", "Name", "name", "Username", "username", "number", "Title", "file"}

// recordName names the record of an entry by what people call it: the
// department of that id, a name the stored record carries, or the
// department it concerns. Its database id is no name: the link leads to it;
// a key of the record's own shows as it is.
func recordName(e models.AuditEntry, l views.Lang, depts map[string]string) string {
	if _, err := strconv.ParseUint(e.EntityID, 10, 64); err != nil {
		return " " + e.EntityID // a key of its own (2025/3/problems), not a database id
	}
	if e.Entity == "department" && depts[e.EntityID] != "" {
		return " " + depts[e.EntityID]
	}
	for _, stored := range []string{e.After, e.Before} {
		var m map[string]any
		if json.Unmarshal([]byte(stored), &m) != nil {
			continue
		}
		for _, k := range nameFields {
			if v, ok := m[k].(string); ok && v != "" {
				return " " + v
			}
		}
		if y, ok := m["year"].(float64); ok && e.Entity == "assessment_plan" {
			return " " + views.T(l, "asmt.yearly", int(y))
		}
	}
	if name := depts[strconv.FormatUint(uint64(e.DepartmentID), 10)]; e.DepartmentID != 0 && name != "" {
		return views.T(l, "audit.of", name)
	}
	return ""
}

// changes lists the fields that differ between before and after.
func changes(e models.AuditEntry, l views.Lang, depts map[string]string) []fieldChange {
	var before, after any
	_ = json.Unmarshal([]byte(e.Before), &before) // empty or not JSON: nothing to compare
	_ = json.Unmarshal([]byte(e.After), &after)
	if e.Entity == "scheme" {
		// A scheme's body is its JSON: compare it as a scheme.
		if b, ok := before.(string); ok && strings.HasPrefix(b, "{") {
			if a, ok := after.(string); ok {
				return schemeBodyChanges(b, a, l)
			}
		}
		if a, ok := after.(string); ok && strings.HasPrefix(a, "{") {
			return nil
		}
	}
	bm, bok := before.(map[string]any)
	am, aok := after.(map[string]any)
	if !bok && !aok {
		if before == nil && after == nil {
			return nil
		}
		return []fieldChange{{views.T(l, "audit.value"), stateValue(e, before, "", l, depts), stateValue(e, after, "", l, depts)}}
	}
	keys := []string{}
	for k := range bm {
		keys = append(keys, k)
	}
	for k := range am {
		if _, ok := bm[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []fieldChange
	for _, k := range keys {
		if noise[k] {
			continue
		}
		b, a := bm[k], am[k]
		if bj, aj := fmt.Sprint(b), fmt.Sprint(a); bj == aj {
			continue
		}
		out = append(out, fieldChange{fieldLabel(k, l, depts), stateValue(e, b, k, l, depts), stateValue(e, a, k, l, depts)})
	}
	return out
}

// auditStates names the catalog prefix that reads an entity's states,
// where the same word means something else elsewhere: an approved scheme
// is not an assessment under way, an objection not accepted is not a
// rejected import.
var auditStates = map[string]string{"scheme": "scheme.state.", "assessment_objection": "asmt.obj."}

// stateValue reads a value of an entry's change, its state in the words of
// its own entity when it is one.
func stateValue(e models.AuditEntry, v any, key string, l views.Lang, depts map[string]string) string {
	if s, ok := v.(string); ok && (key == "" || key == "status") {
		if p, ok := auditStates[e.Entity]; ok && views.HasMessage(l, p+s) {
			return views.T(l, p+s)
		}
	}
	return auditValue(v, key, l, depts)
}

func schemeBodyChanges(before, after string, l views.Lang) []fieldChange {
	var out []fieldChange
	b, errB := models.SchemeVersion{Body: before}.Scheme()
	a, errA := models.SchemeVersion{Body: after}.Scheme()
	if errB != nil || errA != nil {
		return nil
	}
	for _, c := range compareSchemes(b, a, l) {
		out = append(out, fieldChange(c))
	}
	return out
}

// fieldLabel names a field; a department's code (a score run records one
// line per department) is named by the department.
func fieldLabel(k string, l views.Lang, depts map[string]string) string {
	if w, ok := auditFields[k]; ok {
		return w.in(l)
	}
	if name, ok := depts[k]; ok {
		return name
	}
	return k
}

// auditValue writes a stored value in words: codes named, dates as dates,
// lists and maps spelled out.
func auditValue(v any, key string, l views.Lang, depts map[string]string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return views.T(l, "scheme.yes")
		}
		return views.T(l, "scheme.no")
	case float64:
		if key == "run" {
			if name, ok := depts["run:"+strconv.FormatFloat(x, 'f', -1, 64)]; ok {
				return name
			}
		}
		if strings.Contains(strings.ToLower(key), "department") {
			if name, ok := depts[strconv.FormatFloat(x, 'f', -1, 64)]; ok {
				return name
			}
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format(time.DateOnly)
			}
			return t.Local().Format("2006-01-02 15:04")
		}
		if key == "scheme" {
			if title, ok := depts["scheme:"+x]; ok {
				return title
			}
		}
		if key == "Key" || key == "ProposalKey" {
			if kind, rest, ok := strings.Cut(x, ":"); ok {
				if w, ok := auditWords[kind]; ok {
					return w.in(l) + " " + strings.ReplaceAll(rest, ":", "/")
				}
			}
		}
		if key == "kind" || key == "Kind" {
			if k := ingest.Kind(x); k.Title(string(l)) != x {
				return k.Title(string(l))
			}
		}
		for _, p := range auditValuePrefixes {
			if views.HasMessage(l, p+x) {
				return views.T(l, p+x)
			}
		}
		if w, ok := auditWords[x]; ok {
			return w.in(l)
		}
		if g := gradeLabel(x, l); g != x {
			return g
		}
		if r := []rune(x); len(r) > 200 {
			return string(r[:200]) + "…"
		}
		return x
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = auditValue(item, key, l, depts)
		}
		return list(l, parts)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if !noise[k] {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fieldLabel(k, l, depts) + views.T(l, "audit.colon") + auditValue(x[k], k, l, depts)
		}
		return strings.Join(parts, views.T(l, "audit.semicolon"))
	}
	return fmt.Sprint(v)
}

// auditWords are codes stored in changes that no message names.
var auditWords = map[string]words{
	"app":     {"系统内立案", "opened in the app"},
	"refused": {"拒绝陈述申辩", "refused"}, "stated": {"已陈述申辩", "stated"}, "grade": {"考核等次", "grade"},
	"item": {"公开事项", "item"}, "request": {"依申请公开", "request"}, "open": {"待处理", "open"}, "closed": {"已办结", "closed"},
	"accepted": {"采纳", "accepted"}, "reported": {"已报告整改", "reported"},
	"fail": {"考核不合格", "graded fail"}, "overturned": {"被依法纠错", "overturned"}, "unpublished": {"事项未公开", "unpublished"},
	"veto": {"一票否决", "veto"}, "overdue": {"逾期未答复", "overdue"},
	"csv": {"CSV", "CSV"}, "json": {"JSON", "JSON"}, "xlsx": {"XLSX", "XLSX"},
	"results_notice": {"考核结果通报", "results notice"}, "results_correction": {"更正通报", "correction"},
	"assessment_plan": {"考核方案", "assessment plan"}, "corrects": {"更正", "corrects"}, "replaces": {"取代", "replaces"}, "reviews": {"复核", "reviews"},
	"case_notice": {"书面通知", "written notice"}, "review_decision": {"复核决定书", "review decision"}, "accountability_case": {"责任追究案件", "case"},
	"annual_report": {"年度报告", "annual report"}, "annual_report_correction": {"年度报告更正版", "corrected annual report"}, "annual_final": {"年度报告定稿", "annual report final"},
}
