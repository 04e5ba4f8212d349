package views

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
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// HasMessage reports whether key is defined in lang.
func HasMessage(lang Lang, key string) bool {
	_, ok := messages[lang][key]
	return ok
}

var messages = map[Lang]map[string]string{
	Chinese: {
		"app.name":           "警务公开考核系统",
		"app.short":          "公开",
		"nav.home":           "首页",
		"nav.departments":    "部门",
		"nav.groups":         "部门分组",
		"nav.catalog":        "责任分解表",
		"nav.users":          "用户",
		"nav.audit":          "操作日志",
		"nav.accountability": "责任追究",
		"nav.signout":        "退出",
		"nav.lang":           "English",
		"role.office":        "领导小组办公室",
		"role.leader":        "领导小组",
		"role.head":          "部门负责人",
		"role.discipline":    "纪委(监察室)",
		"role.auditor":       "审计(只读)",
		"login.title":        "登录",
		"login.username":     "用户名",
		"login.password":     "密码",
		"login.submit":       "登录",
		"login.bad":          "用户名或密码错误",
		"login.slow":         "登录失败次数过多,请 %d 秒后再试",
		"login.demo":         "演示账号(仅演示模式)",
		"home.title":         "首页",
		"home.welcome":       "%s,您好",
		"home.departments":   "部门数",
		"home.items":         "公开事项",
		"home.users":         "用户数",
		"home.groups":        "部门分组",
		"home.own":           "本部门",
		"home.decisions":     "责任追究决定",
		"home.nodecisions":   "暂无责任追究决定",
		"dept.title":         "部门",
		"dept.code":          "编码",
		"dept.name":          "名称",
		"dept.kind":          "类别",
		"dept.parent":        "上级",
		"dept.groups":        "所属分组",
		"dept.head":          "负责人",
		"dept.leader":        "分管领导",
		"dept.liaison":       "具体责任人员",
		"dept.phone":         "联系电话",
		"dept.mobile":        "手机号码",
		"dept.liaisonform":   "联络表(附件3)",
		"dept.save":          "保存",
		"dept.saved":         "联络信息已保存",
		"dept.leads":         "牵头的公开事项",
		"dept.co":            "相关责任事项",
		"dept.none":          "无",
		"group.title":        "部门分组",
		"group.name":         "分组",
		"group.members":      "成员",
		"catalog.title":      "警务公开工作责任分解表",
		"catalog.seq":        "序号",
		"catalog.level1":     "一级目录",
		"catalog.level2":     "二级目录",
		"catalog.item":       "三级目录",
		"catalog.channels":   "公开形式",
		"catalog.scope":      "公开范围",
		"catalog.cadence":    "公开时限",
		"catalog.lead":       "牵头责任部门",
		"catalog.co":         "相关责任主体",
		"catalog.note":       "备注",
		"catalog.filter":     "筛选",
		"catalog.all":        "全部",
		"catalog.count":      "共 %d 项",
		"catalog.unresolved": "未定义的责任主体(待办公室定义分组或部门)",
		"cadence.standing":   "长期",
		"cadence.quarterly":  "每季度",
		"cadence.monthly":    "每月",
		"cadence.prompt":     "及时",
		"cadence.onrequest":  "依申请",
		"user.title":         "用户",
		"user.username":      "用户名",
		"user.name":          "姓名",
		"user.role":          "角色",
		"user.department":    "所属部门",
		"user.password":      "初始密码",
		"user.create":        "新建用户",
		"user.created":       "用户已创建",
		"audit.title":        "操作日志",
		"audit.at":           "时间",
		"audit.who":          "操作人",
		"audit.action":       "操作",
		"audit.entity":       "对象",
		"audit.before":       "修改前",
		"audit.after":        "修改后",
		"error.title":        "出错了",
		"error.notfound":     "未找到该页面,或您无权查看。",
		"error.forbidden":    "您无权执行此操作。",
		"error.csrf":         "表单已过期或来源无效,请刷新页面后重试。",
		"error.internal":     "系统内部错误,请稍后重试或联系管理员。",
		"error.back":         "返回首页",
		"error.toolarge":     "上传内容过大。",
	},
	English: {
		"app.name":           "Police Disclosure Compliance",
		"app.short":          "Gongkai",
		"nav.home":           "Home",
		"nav.departments":    "Departments",
		"nav.groups":         "Groups",
		"nav.catalog":        "Responsibility table",
		"nav.users":          "Users",
		"nav.audit":          "Audit log",
		"nav.accountability": "Accountability",
		"nav.signout":        "Sign out",
		"nav.lang":           "中文",
		"role.office":        "Leading group office",
		"role.leader":        "Leading group",
		"role.head":          "Department head",
		"role.discipline":    "Discipline office",
		"role.auditor":       "Auditor (read-only)",
		"login.title":        "Sign in",
		"login.username":     "Username",
		"login.password":     "Password",
		"login.submit":       "Sign in",
		"login.bad":          "Wrong username or password",
		"login.slow":         "Too many failed sign-ins; try again in %d seconds",
		"login.demo":         "Demo accounts (demo mode only)",
		"home.title":         "Home",
		"home.welcome":       "Welcome, %s",
		"home.departments":   "Departments",
		"home.items":         "Catalog items",
		"home.users":         "Users",
		"home.groups":        "Groups",
		"home.own":           "My department",
		"home.decisions":     "Accountability decisions",
		"home.nodecisions":   "No accountability decisions yet",
		"dept.title":         "Departments",
		"dept.code":          "Code",
		"dept.name":          "Name",
		"dept.kind":          "Kind",
		"dept.parent":        "Parent",
		"dept.groups":        "Groups",
		"dept.head":          "Head",
		"dept.leader":        "Leader in charge",
		"dept.liaison":       "Liaison",
		"dept.phone":         "Phone",
		"dept.mobile":        "Mobile",
		"dept.liaisonform":   "Liaison form (Annex 3)",
		"dept.save":          "Save",
		"dept.saved":         "Liaison details saved",
		"dept.leads":         "Items it leads",
		"dept.co":            "Items it shares",
		"dept.none":          "None",
		"group.title":        "Department groups",
		"group.name":         "Group",
		"group.members":      "Members",
		"catalog.title":      "Responsibility breakdown table",
		"catalog.seq":        "No.",
		"catalog.level1":     "Level 1",
		"catalog.level2":     "Category",
		"catalog.item":       "Item",
		"catalog.channels":   "Channels",
		"catalog.scope":      "Audience",
		"catalog.cadence":    "Cadence",
		"catalog.lead":       "Lead",
		"catalog.co":         "Co-responsible",
		"catalog.note":       "Note",
		"catalog.filter":     "Filter",
		"catalog.all":        "All",
		"catalog.count":      "%d items",
		"catalog.unresolved": "Undefined co-responsible names (the office should define them)",
		"cadence.standing":   "Standing",
		"cadence.quarterly":  "Quarterly",
		"cadence.monthly":    "Monthly",
		"cadence.prompt":     "Promptly",
		"cadence.onrequest":  "On request",
		"user.title":         "Users",
		"user.username":      "Username",
		"user.name":          "Name",
		"user.role":          "Role",
		"user.department":    "Department",
		"user.password":      "Initial password",
		"user.create":        "New user",
		"user.created":       "User created",
		"audit.title":        "Audit log",
		"audit.at":           "When",
		"audit.who":          "Who",
		"audit.action":       "Action",
		"audit.entity":       "Record",
		"audit.before":       "Before",
		"audit.after":        "After",
		"error.title":        "Something went wrong",
		"error.notfound":     "Page not found, or you may not see it.",
		"error.forbidden":    "You may not do this.",
		"error.csrf":         "The form expired or came from elsewhere; reload the page and try again.",
		"error.internal":     "Internal error; try again later or contact the administrator.",
		"error.back":         "Back to home",
		"error.toolarge":     "The upload is too large.",
	},
}
