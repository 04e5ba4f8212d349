package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/views"
)

// The exports of the lists, GET /export/{list}.xlsx. Each reads through the
// Store with the viewer, as its page does, so it shows exactly what the
// page may show. Exports are in Chinese whatever the interface language:
// they are office documents. Column names are the import formats' Chinese
// names where there is one, so that an exported table can be edited and
// loaded again.

// exportDepartments is the departments page with Annex 3's liaison details.
func (s *Server) exportDepartments(c *fiber.Ctx) error {
	v, _ := viewer(c)
	depts, err := s.store.Departments(c.UserContext(), v)
	if err != nil {
		return err
	}
	t, err := newXLSXTable("部门", []xlsxColumn{{"编码", 10}, {"名称", 22}, {"类别", 10}, {"上级", 18}, {models.LabelHead, 10}, {models.LabelLeader, 10},
		{models.LabelLiaison, 12}, {models.LabelPhone, 16}, {models.LabelMobile, 16}, {"所属分组", 30}})
	if err != nil {
		return err
	}
	defer t.close()
	for _, d := range depts {
		parent := ""
		if d.Parent != nil {
			parent = d.Parent.Name
		}
		groups := make([]string, len(d.Groups))
		for i, g := range d.Groups {
			groups[i] = g.Name
		}
		if err := t.add(d.Code, d.Name, d.Kind, parent, d.Head, d.Leader, d.Liaison, d.Phone, d.Mobile, strings.Join(groups, models.NameSep)); err != nil {
			return err
		}
	}
	return t.send(c, "部门及联络表.xlsx")
}

// exportCatalog is the responsibility table with the page's filters
// (?category=, ?cadence=, ?lead=).
func (s *Server) exportCatalog(c *fiber.Ctx) error {
	items, err := s.store.Catalog(c.UserContext(), models.CatalogFilter{Level2: c.Query("category"), Cadence: c.Query("cadence"), Lead: c.Query("lead")})
	if err != nil {
		return err
	}
	t, err := newXLSXTable("责任分解表", []xlsxColumn{{"序号", 6}, {"一级目录", 10}, {"二级目录", 14}, {"三级目录", 48}, {"公开形式", 24},
		{"公开范围", 14}, {"公开时限", 12}, {"牵头责任部门", 20}, {"相关责任主体", 24}, {"备注", 20}})
	if err != nil {
		return err
	}
	defer t.close()
	for _, it := range items {
		if err := t.add(it.Seq, it.Level1, it.Level2, it.Title, it.Channels, it.Scope, it.Cadence, it.Lead, it.Co, it.Note); err != nil {
			return err
		}
	}
	return t.send(c, "警务公开工作责任分解表.xlsx")
}

// exportUsers is the office's list of accounts.
func (s *Server) exportUsers(c *fiber.Ctx) error {
	v, _ := viewer(c)
	users, err := accounts.New(s.store).Users(c.UserContext(), v)
	if err != nil {
		return err
	}
	t, err := newXLSXTable("用户", []xlsxColumn{{"用户名", 16}, {"姓名", 12}, {"角色", 16}, {"所属部门", 20}, {"已停用", 8}, {"创建时间", 20}})
	if err != nil {
		return err
	}
	defer t.close()
	for _, u := range users {
		dept := ""
		if u.Department != nil {
			dept = u.Department.Name
		}
		if err := t.add(u.Username, u.Name, inChinese("role."+string(u.Role)), dept, yesNo(u.Disabled), u.CreatedAt.Local().Format(dateTime)); err != nil {
			return err
		}
	}
	return t.send(c, "用户.xlsx")
}

// exportAudit is the audit log as the page shows it, with the page's
// filters, newest first, every entry (not only the page's), for the office
// and auditors: the entry in words, then its stored before and after.
func (s *Server) exportAudit(c *fiber.Ctx) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	q, _ := auditQuery(c)
	names, _, err := s.auditNames(ctx, v, views.Chinese)
	if err != nil {
		return err
	}
	t, err := newXLSXTable("操作日志", []xlsxColumn{{"时间", 20}, {"操作人", 12}, {"操作", 12}, {"对象", 24}, {"修改内容", 60}, {"修改前（原始）", 40}, {"修改后（原始）", 40}})
	if err != nil {
		return err
	}
	defer t.close()
	err = audit.New(s.store).EachAuditEntry(ctx, v, q, func(e models.AuditEntry) error {
		r := readAudit(e, views.Chinese, names)
		return t.add(e.At.Local().Format(dateTime), r.Who, r.Action, r.Object, auditChangesText(r, views.Chinese), e.Before, e.After)
	})
	if err != nil {
		return err
	}
	return t.send(c, "操作日志.xlsx")
}

// exportImports is the import history the viewer may see.
func (s *Server) exportImports(c *fiber.Ctx) error {
	v, _ := viewer(c)
	runs, err := imports.New(s.store).ImportRuns(c.UserContext(), v, imports.ImportRunFilter{Limit: 1000})
	if err != nil {
		return err
	}
	t, err := newXLSXTable("导入记录", []xlsxColumn{{"开始时间", 20}, {"操作人", 12}, {"来源", 8}, {"数据类别", 16}, {"文件", 28}, {"SHA-256", 20},
		{"读取", 8}, {"新增", 8}, {"更新", 8}, {"未变", 8}, {"拒绝", 8}, {"用时（毫秒）", 12}, {"结果", 10}, {"说明", 50}})
	if err != nil {
		return err
	}
	defer t.close()
	for _, r := range runs {
		if err := t.add(r.StartedAt.Local().Format(dateTime), r.UserName, r.Source, r.Kind, r.FileName, r.SHA256,
			r.Read, r.Inserted, r.Updated, r.Unchanged, r.Rejected, r.DurationMS, inChinese("run."+r.Status), r.Message); err != nil {
			return err
		}
	}
	return t.send(c, "导入记录.xlsx")
}

// dateTime is how exports write a moment, in the server's time zone as the
// pages show it.
const dateTime = "2006-01-02 15:04:05"

// inChinese is a message in Chinese whatever the interface language, for
// the values of exports (role names, import outcomes).
func inChinese(key string) string { return views.T(views.Chinese, key) }

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
