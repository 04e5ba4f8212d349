// Long file: the catalog's lookup and its core messages in both languages;
// a catalog is long by nature and reads best whole.

// Package i18n is the one text catalog of the application: every sentence a
// person reads, in Chinese (zh-CN) and English, under a message key.
//
// Every layer uses it: scoring's message keys are rendered by handlers and
// views, models and ingest write bilingual audit texts and refusals, views
// render templates. So it must import nothing of the project, and it cannot
// live inside any of those folders without an upward import.
//
// A catalog is one map per area (i18n_<area>.go, a var <area>Messages with
// both languages), listed in allCatalogs. Tests keep it whole: every key in
// both languages and in one catalog only, and the code using exactly the
// keys defined; a key the code builds from a prefix (printf
// "case.status.%s") is declared with its values in families
// (usage_test.go).
package i18n

import "fmt"

// Lang is an interface language.
type Lang string

// The interface speaks Chinese, with an English switch.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang accepts "en"; anything else is Chinese.
func ParseLang(s string) Lang {
	if s == string(English) {
		return English
	}
	return Chinese
}

// messages joins the message catalogs of every area; a key defined twice is
// a bug that TestCatalogsDoNotOverlap catches.
var messages = joinCatalogs(allCatalogs...)

// allCatalogs lists the catalogs, one per area.
var allCatalogs = []map[Lang]map[string]string{coreMessages, dashboardMessages, reportMessages, clockMessages, assessmentMessages, caseMessages, workMessages, boundsMessages, securityMessages, readableMessages, formMessages, refusalMessages, accountMessages, concurrencyMessages, cadenceMessages, columnMessages, documentMessages, officialMessages, gateMessages, groupMessages, backupMessages, nameMessages, auditMessages, scoringMessages, kindMessages, pageMessages, ledgerMessages, guideMessages, notifyMessages, publicationMessages, requestMessages, transferMessages, pubobjMessages, receiptsMessages, publicMessages, campaignMessages, monitorMessages}

func joinCatalogs(catalogs ...map[Lang]map[string]string) map[Lang]map[string]string {
	out := map[Lang]map[string]string{Chinese: {}, English: {}}
	for _, c := range catalogs {
		for l, m := range c {
			for k, v := range m {
				out[l][k] = v
			}
		}
	}
	return out
}

// T returns the message for key in lang, formatted with args. A key missing
// from English falls back to Chinese; a key missing everywhere shows itself,
// which a test catches.
func T(lang Lang, key string, args ...any) string {
	msg, ok := messages[lang][key]
	if !ok {
		msg, ok = messages[Chinese][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		worded := make([]any, len(args))
		for i, a := range args {
			switch p := a.(type) {
			case Phrase:
				a = T(lang, string(p))
			case Keyed:
				a = Word(lang, p)
			}
			worded[i] = a
		}
		return fmt.Sprintf(msg, worded...)
	}
	return msg
}

// Phrase is a message key given to T as an argument, such as the name of a
// field inside a sentence: T words it in the sentence's language.
type Phrase string

// Keyed is a message named by its key and arguments, not yet worded, such
// as scoring's Text: Word words it, and T words one given as an argument in
// the language of the sentence around it.
type Keyed interface {
	Keyed() (key string, args []any)
}

// Word words a keyed message in lang.
func Word(lang Lang, m Keyed) string {
	key, args := m.Keyed()
	return T(lang, key, args...)
}

// HasMessage reports whether key is defined in lang.
func HasMessage(lang Lang, key string) bool {
	_, ok := messages[lang][key]
	return ok
}

// coreMessages are the messages of the pages every role uses.
var coreMessages = map[Lang]map[string]string{
	Chinese: {
		"app.name":              "警务公开考核系统",
		"nav.home":              "首页",
		"nav.departments":       "部门",
		"nav.groups":            "部门分组",
		"nav.catalog":           "责任分解表",
		"nav.users":             "用户",
		"nav.audit":             "操作日志",
		"nav.accountability":    "责任追究",
		"nav.signout":           "退出",
		"nav.lang":              "English",
		"role.office":           "领导小组办公室",
		"role.leader":           "领导小组",
		"role.head":             "部门负责人",
		"role.clerk":            "承办人",
		"role.discipline":       "纪委（监察室）",
		"role.auditor":          "审计（只读）",
		"login.title":           "登录",
		"login.username":        "用户名",
		"login.password":        "密码",
		"login.submit":          "登录",
		"login.bad":             "用户名或密码错误",
		"login.slow":            "登录失败次数过多，请 %d 秒后再试",
		"login.demo":            "演示账号（仅演示模式）",
		"home.title":            "首页",
		"home.welcome":          "%s，您好",
		"home.departments":      "部门数",
		"home.items":            "公开事项",
		"home.users":            "用户数",
		"home.groups":           "部门分组",
		"home.own":              "本部门",
		"home.decisions":        "责任追究案件",
		"dept.title":            "部门",
		"dept.code":             "编码",
		"dept.name":             "名称",
		"dept.kind":             "类别",
		"dept.parent":           "上级",
		"dept.groups":           "所属分组",
		"dept.head":             "负责人",
		"dept.leader":           "分管领导",
		"dept.liaison":          "具体责任人员",
		"dept.phone":            "联系电话",
		"dept.mobile":           "手机号码",
		"dept.liaisonform":      "联络表（附件3）",
		"dept.save":             "保存",
		"dept.saved":            "联络信息已保存",
		"dept.leads":            "牵头的公开事项",
		"dept.co":               "相关责任事项",
		"dept.none":             "无",
		"group.title":           "部门分组",
		"group.name":            "分组",
		"group.members":         "成员",
		"catalog.title":         "警务公开工作责任分解表",
		"catalog.seq":           "序号",
		"catalog.level1":        "一级目录",
		"catalog.level2":        "二级目录",
		"catalog.item":          "三级目录",
		"catalog.channels":      "公开形式",
		"catalog.scope":         "公开范围",
		"catalog.cadence":       "公开时限",
		"catalog.lead":          "牵头责任部门",
		"catalog.co":            "相关责任主体",
		"catalog.note":          "备注",
		"catalog.filter":        "筛选",
		"catalog.all":           "全部",
		"catalog.count":         "共 %d 项",
		"catalog.unresolved":    "未定义的责任主体（待办公室定义分组或部门）",
		"cadence.standing":      "长期",
		"cadence.quarterly":     "每季度",
		"cadence.monthly":       "每月",
		"cadence.prompt":        "及时",
		"cadence.onrequest":     "依申请",
		"user.title":            "用户",
		"user.username":         "用户名",
		"user.name":             "姓名",
		"user.role":             "角色",
		"user.department":       "所属部门",
		"user.password":         "初始密码",
		"user.create":           "新建用户",
		"user.created":          "用户已创建",
		"audit.title":           "操作日志",
		"audit.at":              "时间",
		"audit.who":             "操作人",
		"audit.action":          "操作",
		"audit.entity":          "对象",
		"error.title":           "出错了",
		"error.notfound":        "未找到该页面，或您无权查看。",
		"error.forbidden":       "您无权执行此操作。",
		"error.csrf":            "表单已过期或来源无效，请刷新页面后重试。",
		"error.internal":        "系统内部错误，请稍后重试或联系管理员。",
		"error.back":            "返回首页",
		"error.toolarge":        "上传内容过大。",
		"import.title":          "数据导入",
		"import.upload":         "上传文件",
		"import.kind":           "数据类别",
		"import.file":           "文件",
		"import.partial":        "部分导入：合格的行先导入，错误的行生成错误文件",
		"import.start":          "开始导入",
		"import.formats":        "支持 CSV（UTF-8 或 GBK）、XLSX（合并单元格自动填充）和 JSON；表头可用中文或英文。默认只要有一行错误就不导入任何数据。",
		"import.templates":      "下载导入模板",
		"import.history":        "导入记录",
		"import.source":         "来源",
		"import.read":           "读取",
		"import.inserted":       "新增",
		"import.updated":        "更新",
		"import.rejected":       "拒绝",
		"import.duration":       "用时",
		"import.status":         "结果",
		"import.errorfile":      "下载错误行文件（修改后可直接重新上传）",
		"import.warnings":       "提示",
		"import.errors":         "错误",
		"import.back":           "返回导入页面",
		"import.running":        "正在导入：已处理 %d / %d 行",
		"import.writing":        "已检查完毕，正在写入数据库：已写入 %d / %d 行",
		"import.refresh":        "页面每 2 秒自动刷新，其他用户的操作不受影响。",
		"import.badkind":        "请选择数据类别",
		"import.nofile":         "请选择要上传的文件",
		"run.running":           "进行中",
		"run.done":              "完成",
		"run.partial":           "部分导入",
		"run.rejected":          "已拒绝",
		"run.failed":            "失败",
		"run.":                  "",
		"source.title":          "数据来源",
		"source.explain":        "为部门登记数据来源：系统按设定间隔从地址拉取（CSV、XLSX 或 JSON），部门也可以用 API 令牌推送（POST /api/v1/import/类别）。",
		"source.name":           "名称",
		"source.url":            "拉取地址",
		"source.every":          "间隔（分钟，0 为手动）",
		"source.last":           "最近拉取",
		"source.tokens":         "API 令牌",
		"source.revoked":        "已撤销",
		"source.revoke":         "撤销",
		"source.issue":          "发放新令牌",
		"source.pull":           "立即拉取",
		"source.add":            "登记来源",
		"source.pulltoken":      "拉取时使用的令牌（可选）",
		"source.created":        "数据来源已登记",
		"source.tokenissued":    "新令牌（只显示这一次，请妥善保存）：%s",
		"source.tokenrevoked":   "令牌已撤销",
		"nav.imports":           "数据导入",
		"calendar.title":        "节假日安排",
		"calendar.explain":      "工作日按国务院办公厅每年的节假日安排计算：法定节假日休息，调休的周末上班。没有某年安排时按仅周末休息计算，并在得分页面注明。",
		"calendar.year":         "年份",
		"calendar.days":         "调整天数",
		"calendar.papers":       "通知",
		"calendar.add":          "添加或更新一年的安排",
		"calendar.file":         "该年节假日安排文件（JSON）",
		"calendar.upload":       "导入",
		"calendar.saved":        "节假日安排已导入",
		"nav.calendar":          "节假日",
		"scheme.title":          "评分方案",
		"scheme.name":           "名称",
		"scheme.status":         "状态",
		"scheme.state.draft":    "草稿",
		"scheme.state.approved": "已批准",
		"scheme.basedon":        "复制自",
		"scheme.approvedby":     "批准人",
		"scheme.save":           "保存草稿",
		"scheme.saved":          "方案草稿已保存",
		"scheme.copy":           "复制为新版本",
		"scheme.newversion":     "新版本号",
		"scheme.copied":         "已复制为新的草稿版本",
		"scheme.approve":        "批准并冻结",
		"scheme.approved":       "方案已批准，此后不可修改",
		"scheme.badversion":     "请填写新版本号（不超过 64 个字符）",
		"scheme.refused":        "方案未保存：",
		"scheme.frozen":         "此方案已批准并冻结；如需修改请复制为新版本。",
		"nav.schemes":           "评分方案",
		"form.name_too_long":    "姓名不超过 64 个字符",
		"form.bad_phone":        "电话号码只能包含数字、空格、加号、减号和括号",
		"score.title":           "考核得分",
		"score.all":             "显示全部排名（供打印）",
		"score.department":      "%d 年度考核",
		"score.basis":           "评分方案 %s · 截至 %s · 计算于 %s",
		"score.veto":            "发生泄密、不应公开而公开或弄虚作假事件，一票否决：不合格",
		"score.capped":          "因责任追究决定或优秀名额限制，最高为合格",
		"score.vetoshort":       "一票否决",
		"score.cappedshort":     "限为合格",
		"score.indicator":       "指标",
		"score.points":          "得分",
		"score.max":             "满分",
		"score.lost":            "扣分项",
		"score.deductions":      "扣分明细",
		"score.none":            "%d 年度尚未计算得分",
		"score.gaps":            "以下年份没有国务院节假日安排，按仅周末休息计算工作日：",
		"score.rank":            "名次",
		"score.unrated":         "不参评",
		"score.unrated_title":   "本年度无考核事项",
		"score.unrated_reason":  "该单位在责任分解表中既无应公开事项，也未牵头任何事项，按评分方案本年度不参评，不计总分、等次和名次。",
		"score.unrated_list":    "不参评单位（%d 个）",
		"score.total":           "总分",
		"score.grade":           "等次",
		"score.compute":         "重新计算",
		"score.year":            "考核年度",
		"score.asof":            "截至日期",
		"score.computed":        "得分已重新计算并记录在操作日志中",
		"score.norun":           "该年度和截止日期尚无计算结果，请由领导小组办公室在得分页面计算",
		"score.badyear":         "考核年度应为 %d 到 %d 之间的年份",
		"score.badasof":         "截至日期不是有效日期，应为 2025-02-01 的格式",
		"record.title":          "记录",
		"record.uncatalogued":   "目录外",
		"nav.scores":            "考核得分",
	},
	English: {
		"app.name":              "Police Disclosure Compliance",
		"nav.home":              "Home",
		"nav.departments":       "Departments",
		"nav.groups":            "Groups",
		"nav.catalog":           "Responsibility table",
		"nav.users":             "Users",
		"nav.audit":             "Audit log",
		"nav.accountability":    "Accountability",
		"nav.signout":           "Sign out",
		"nav.lang":              "中文",
		"role.office":           "Leading group office",
		"role.leader":           "Leading group",
		"role.head":             "Department head",
		"role.clerk":            "Disclosure clerk",
		"role.discipline":       "Discipline office",
		"role.auditor":          "Auditor (read-only)",
		"login.title":           "Sign in",
		"login.username":        "Username",
		"login.password":        "Password",
		"login.submit":          "Sign in",
		"login.bad":             "Wrong username or password",
		"login.slow":            "Too many failed sign-ins; try again in %d seconds",
		"login.demo":            "Demo accounts (demo mode only)",
		"home.title":            "Home",
		"home.welcome":          "Welcome, %s",
		"home.departments":      "Departments",
		"home.items":            "Catalog items",
		"home.users":            "Users",
		"home.groups":           "Groups",
		"home.own":              "My department",
		"home.decisions":        "Accountability cases",
		"dept.title":            "Departments",
		"dept.code":             "Code",
		"dept.name":             "Name",
		"dept.kind":             "Kind",
		"dept.parent":           "Parent",
		"dept.groups":           "Groups",
		"dept.head":             "Head",
		"dept.leader":           "Leader in charge",
		"dept.liaison":          "Liaison",
		"dept.phone":            "Phone",
		"dept.mobile":           "Mobile",
		"dept.liaisonform":      "Liaison form (Annex 3)",
		"dept.save":             "Save",
		"dept.saved":            "Liaison details saved",
		"dept.leads":            "Items it leads",
		"dept.co":               "Items it shares",
		"dept.none":             "None",
		"group.title":           "Department groups",
		"group.name":            "Group",
		"group.members":         "Members",
		"catalog.title":         "Responsibility breakdown table",
		"catalog.seq":           "No.",
		"catalog.level1":        "Level 1",
		"catalog.level2":        "Category",
		"catalog.item":          "Item",
		"catalog.channels":      "Channels",
		"catalog.scope":         "Audience",
		"catalog.cadence":       "Cadence",
		"catalog.lead":          "Lead",
		"catalog.co":            "Co-responsible",
		"catalog.note":          "Note",
		"catalog.filter":        "Filter",
		"catalog.all":           "All",
		"catalog.count":         "%d items",
		"catalog.unresolved":    "Undefined co-responsible names (the office should define them)",
		"cadence.standing":      "Standing",
		"cadence.quarterly":     "Quarterly",
		"cadence.monthly":       "Monthly",
		"cadence.prompt":        "Promptly",
		"cadence.onrequest":     "On request",
		"user.title":            "Users",
		"user.username":         "Username",
		"user.name":             "Name",
		"user.role":             "Role",
		"user.department":       "Department",
		"user.password":         "Initial password",
		"user.create":           "New user",
		"user.created":          "User created",
		"audit.title":           "Audit log",
		"audit.at":              "When",
		"audit.who":             "Who",
		"audit.action":          "Action",
		"audit.entity":          "Record",
		"error.title":           "Something went wrong",
		"error.notfound":        "Page not found, or you may not see it.",
		"error.forbidden":       "You may not do this.",
		"error.csrf":            "The form expired or came from elsewhere; reload the page and try again.",
		"error.internal":        "Internal error; try again later or contact the administrator.",
		"error.back":            "Back to home",
		"error.toolarge":        "The upload is too large.",
		"import.title":          "Imports",
		"import.upload":         "Upload a file",
		"import.kind":           "Kind",
		"import.file":           "File",
		"import.partial":        "Partial: load the good rows, return the bad ones as a file",
		"import.start":          "Import",
		"import.formats":        "CSV (UTF-8 or GBK), XLSX (merged cells filled) and JSON; headers in Chinese or English. By default one bad row loads nothing.",
		"import.templates":      "Templates",
		"import.history":        "Import history",
		"import.source":         "Source",
		"import.read":           "Read",
		"import.inserted":       "Inserted",
		"import.updated":        "Updated",
		"import.rejected":       "Rejected",
		"import.duration":       "Duration",
		"import.status":         "Outcome",
		"import.errorfile":      "Download the bad rows (fix them and upload the file again)",
		"import.warnings":       "Warnings",
		"import.errors":         "Errors",
		"import.back":           "Back to imports",
		"import.running":        "Importing: %d of %d rows",
		"import.writing":        "Checked; writing to the database: %d of %d rows",
		"import.refresh":        "This page refreshes every 2 seconds; nobody else waits.",
		"import.badkind":        "Choose a kind",
		"import.nofile":         "Choose a file to upload",
		"run.running":           "running",
		"run.done":              "done",
		"run.partial":           "partial",
		"run.rejected":          "rejected",
		"run.failed":            "failed",
		"run.":                  "",
		"source.title":          "Sources",
		"source.explain":        "Register where a department's records come from: the app pulls a URL (CSV, XLSX or JSON) on a schedule, and the department can push with an API token (POST /api/v1/import/KIND).",
		"source.name":           "Name",
		"source.url":            "URL",
		"source.every":          "Every (minutes, 0 = on demand)",
		"source.last":           "Last pull",
		"source.tokens":         "API tokens",
		"source.revoked":        "revoked",
		"source.revoke":         "Revoke",
		"source.issue":          "Issue a token",
		"source.pull":           "Pull now",
		"source.add":            "Register a source",
		"source.pulltoken":      "Token sent when pulling (optional)",
		"source.created":        "Source registered",
		"source.tokenissued":    "New token (shown only now; keep it safe): %s",
		"source.tokenrevoked":   "Token revoked",
		"nav.imports":           "Imports",
		"calendar.title":        "Holiday calendar",
		"calendar.explain":      "Working days follow the State Council's annual holiday notice: official days off are off, make-up weekend days are worked. A year without a notice is counted weekends-only, and the scores page says so.",
		"calendar.year":         "Year",
		"calendar.days":         "Adjusted days",
		"calendar.papers":       "Notice",
		"calendar.add":          "Add or update a year's notice",
		"calendar.file":         "The year's holiday file (JSON)",
		"calendar.upload":       "Import",
		"calendar.saved":        "Holiday notice imported",
		"nav.calendar":          "Calendar",
		"scheme.title":          "Scoring schemes",
		"scheme.name":           "Name",
		"scheme.status":         "Status",
		"scheme.state.draft":    "draft",
		"scheme.state.approved": "approved",
		"scheme.basedon":        "Copied from",
		"scheme.approvedby":     "Approved by",
		"scheme.save":           "Save draft",
		"scheme.saved":          "Draft saved",
		"scheme.copy":           "Copy to a new version",
		"scheme.newversion":     "New version",
		"scheme.copied":         "Copied to a new draft",
		"scheme.approve":        "Approve and freeze",
		"scheme.approved":       "Scheme approved; it can no longer change",
		"scheme.badversion":     "Give the new version a name of at most 64 characters",
		"scheme.refused":        "Not saved:",
		"scheme.frozen":         "This scheme is approved and frozen; copy it to change it.",
		"nav.schemes":           "Schemes",
		"form.name_too_long":    "Names are at most 64 characters",
		"form.bad_phone":        "Phone numbers may contain digits, spaces and + - ( ) only",
		"score.title":           "Scores",
		"score.all":             "Show the whole ranking (to print)",
		"score.department":      "Assessment %d",
		"score.basis":           "Scheme %s · as of %s · computed %s",
		"score.veto":            "A leak, a publication of what must not be published, or falsification: failed (veto)",
		"score.capped":          "Held at pass by an accountability decision or the excellent quota",
		"score.vetoshort":       "veto",
		"score.cappedshort":     "capped",
		"score.indicator":       "Indicator",
		"score.points":          "Points",
		"score.max":             "Max",
		"score.lost":            "Deductions",
		"score.deductions":      "Every point lost",
		"score.none":            "No scores computed for %d yet",
		"score.gaps":            "No State Council holiday notice for these years; working days counted weekends-only:",
		"score.rank":            "Rank",
		"score.unrated":         "not rated",
		"score.unrated_title":   "No assessed duties this year",
		"score.unrated_reason":  "The responsibility table gives this unit nothing to publish and no item to lead, so under the scheme it is not rated this year: no total, grade or rank.",
		"score.unrated_list":    "Not rated (%d)",
		"score.total":           "Total",
		"score.grade":           "Grade",
		"score.compute":         "Recompute",
		"score.year":            "Year",
		"score.asof":            "As of",
		"score.computed":        "Scores recomputed and recorded in the audit log",
		"score.norun":           "No scores stored for this year and as-of date; the office computes them on the scores page",
		"score.badyear":         "The year must be between %d and %d",
		"score.badasof":         "The as-of date is not a date; use the form 2025-02-01",
		"record.title":          "Record",
		"record.uncatalogued":   "outside the catalog",
		"nav.scores":            "Scores",
	},
}
