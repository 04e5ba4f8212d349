package publications_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// wordCopy is a Word copy whose paragraphs say paras.
func wordCopy(t *testing.T, name string, paras ...string) upload.Upload {
	t.Helper()
	var d docx.Document
	for _, p := range paras {
		d.Paragraph(p)
	}
	var buf bytes.Buffer
	_, err := d.WriteTo(&buf)
	modelstest.Must(t, err)
	return upload.Upload{Name: name, Data: buf.Bytes()}
}

// A document whose Word copy holds a valid ID number cannot be published
// until the office overrides; a wrong check digit does not stop it; nor
// does a title with a mobile number go out unless the office lets it.
func TestPersonalDataStopsPublishing(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps, g := publications.New(s), guard.New(s)
		w := b.register(t, s, "ZA-2025-010", "2025-09-26")
		release := publications.Release{Day: day("2025-10-14"), Channel: "网站"}

		_, err := g.Attach(ctx, b.clerk, w.Doc(), wordCopy(t, "正文.docx", "通告正文", "编号110105194912310021"), 0, at("2025-10-13"))
		modelstest.Must(t, err)
		_, err = g.Attach(ctx, b.clerk, w.Doc(), wordCopy(t, "附件.docx", "当事人张三", "身份证号11010519491231002X"), 0, at("2025-10-13"))
		modelstest.Must(t, err)
		_, err = ps.Publish(ctx, b.clerk, w.ID, release, at("2025-10-14"))
		refusedWith(t, err, "guide.refuse.personal_data")
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Publication{}).Where("index_no = ?", w.IndexNo).Count(&n).Error)
		if n != 0 {
			t.Fatal("a refused publishing left a publication")
		}

		modelstest.Must(t, g.Override(ctx, b.office, w.Doc(), guard.OverrideForm{Reason: "经核实为示例编号"}, at("2025-10-14")))
		if _, err := ps.Publish(ctx, b.clerk, w.ID, release, at("2025-10-14")); err != nil {
			t.Fatalf("published after the override: %v", err)
		}

		// The title is scanned too.
		r, err := ps.Register(ctx, b.clerk, publications.Registration{Title: "关于联系人13812345678的通告", IndexNo: "ZA-2025-011",
			Formed: day("2025-09-26"), Attribute: "主动公开", Channels: []string{"网站"}, Signer: "王签发"}, at("2025-09-26"))
		modelstest.Must(t, err)
		modelstest.Must(t, ps.ReviewAttribute(ctx, b.office, r.ID, true, "", at("2025-09-26")))
		_, err = ps.Publish(ctx, b.clerk, r.ID, release, at("2025-10-14"))
		refusedWith(t, err, "guide.refuse.personal_data")
	})
}

// The column planned at registration must be one of the planned channels;
// publishing copies it to the publication, on its channel only.
func TestPlannedColumn(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		ps, cs := publications.New(s), columns.New(s)
		web, err := cs.Create(ctx, b.office, columns.Input{Name: "通知公告", Channel: "网站", DepartmentID: b.za.ID, Cadence: scoring.CadenceNotice})
		modelstest.Must(t, err)
		wechat, err := cs.Create(ctx, b.office, columns.Input{Name: "警方发布", Channel: "微信", DepartmentID: b.za.ID, Cadence: scoring.CadenceDynamic})
		modelstest.Must(t, err)
		reg := publications.Registration{Title: "关于调整办公时间的通告", IndexNo: "ZA-2025-020", Seq: 1, Formed: day("2025-09-26"),
			Attribute: "主动公开", Channels: []string{"网站"}, Signer: "王签发", ColumnID: wechat.ID}
		_, err = ps.Register(ctx, b.clerk, reg, at("2025-09-26"))
		refusedWith(t, err, "columns.refuse.other_channel")
		reg.ColumnID = 9999
		_, err = ps.Register(ctx, b.clerk, reg, at("2025-09-26"))
		refusedWith(t, err, "columns.refuse.unknown")
		reg.ColumnID = web.ID
		w, err := ps.Register(ctx, b.clerk, reg, at("2025-09-26"))
		modelstest.Must(t, err)
		modelstest.Must(t, ps.ReviewAttribute(ctx, b.office, w.ID, true, "", at("2025-09-26")))
		_, err = ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-14"), Channel: "微信"}, at("2025-10-14"))
		refusedWith(t, err, "columns.refuse.other_channel")
		p, err := ps.Publish(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-14"), Channel: "网站"}, at("2025-10-14"))
		modelstest.Must(t, err)
		modelstest.Must(t, s.DB.First(p, p.ID).Error)
		if p.ColumnID == nil || *p.ColumnID != web.ID {
			t.Errorf("the publication's column: %v, want %d", p.ColumnID, web.ID)
		}
		// Moved to another channel, it would leave its column's channel.
		err = ps.Change(ctx, b.clerk, w.ID, publications.Release{Day: day("2025-10-15"), Channel: "微信", Reason: "改在微信发布"}, at("2025-10-15"))
		refusedWith(t, err, "columns.refuse.other_channel")
	})
}

// accounts makes an account of each viewer, so that its inbox exists.
func accounts(t *testing.T, s *models.Store, vs ...*models.Viewer) {
	t.Helper()
	for _, v := range vs {
		u := models.User{Username: v.Name, Name: v.Name, Role: v.Role, PasswordHash: "x"}
		if v.DepartmentID != 0 {
			dept := v.DepartmentID
			u.DepartmentID = &dept
		}
		modelstest.Must(t, s.DB.Create(&u).Error)
		v.UserID = u.ID
	}
}

// inbox lists what user's inbox says, as subject|arguments.
func inbox(t *testing.T, s *models.Store, user uint) []string {
	t.Helper()
	var ns []notify.Notification
	modelstest.Must(t, s.DB.Where("user_id = ?", user).Order("id").Find(&ns).Error)
	var out []string
	for _, n := range ns {
		var args []string
		modelstest.Must(t, json.Unmarshal([]byte(n.Args), &args))
		out = append(out, n.Subject+"|"+strings.Join(args, ","))
	}
	return out
}

// Each signed step puts the next step in its signers' inboxes; a letter
// puts the answer in the asked department's; a disagreement puts the
// settlement in the office's; all in the transaction of the change.
func TestNotifiesWhoActsNext(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		accounts(t, s, &b.clerk, &b.head, &b.leader1, &b.leader2, &b.secrecy, &b.xjClerk, &b.office)
		ps := publications.New(s)
		w := b.register(t, s, "ZA-2025-030", "2025-09-26")
		title := w.Title
		want := func(who models.Viewer, lines ...string) {
			t.Helper()
			if got := inbox(t, s, who.UserID); strings.Join(got, "\n") != strings.Join(lines, "\n") {
				t.Errorf("%s's inbox: %q, want %q", who.Name, got, lines)
			}
		}
		ok := publications.Opinion{Opinion: "公开", Basis: "不涉及国家秘密"}
		modelstest.Must(t, ps.SignStep(ctx, b.clerk, w.ID, 1, ok, at("2025-09-29")))
		want(b.head, "publications.notify.step|"+title+",2")
		want(b.leader1)
		modelstest.Must(t, ps.SignStep(ctx, b.head, w.ID, 2, ok, at("2025-09-30")))
		want(b.leader1, "publications.notify.step|"+title+",3")
		want(b.leader2, "publications.notify.step|"+title+",3")
		want(b.secrecy)
		modelstest.Must(t, ps.SignStep(ctx, b.leader1, w.ID, 3, ok, at("2025-10-09")))
		want(b.secrecy, "publications.notify.step|"+title+",4")
		want(b.xjClerk)
		want(b.clerk)

		c, err := ps.Consult(ctx, b.clerk, w.ID, publications.Letter{Asked: b.xj.ID, Text: "征求意见", Contact: "张三"}, at("2025-10-09"))
		modelstest.Must(t, err)
		want(b.xjClerk, "publications.notify.consult|治安支队,"+title)
		want(b.office)
		modelstest.Must(t, ps.Answer(ctx, b.xjClerk, c.ID, publications.Disagree, "涉及在办案件", at("2025-10-10")))
		want(b.office, "publications.notify.disagree|刑警支队,"+title)
	})
}
