package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
)

// The demo's publications worked in the app (issue 24) are 治安支队's
// (SJ09: the clerk 李静 and the head 张卫); 刑警支队 (SJ16) is consulted;
// 指挥中心情报信息处 (SJ08) is the secrecy committee office; the two
// supervising leaders are 江海 and 徐平.
const (
	demoPubDept     = "SJ09"
	demoPubAsked    = "SJ16"
	demoPubSecrecy  = "SJ08"
	demoPubURL      = "https://www.example.gov.cn/gaj/zfxxgk/"
	demoPubChannel  = "网站"
	demoPubContact  = "何军 0527-84301009"
	demoPubLetterOK = "拟公开%s，涉及贵部门职责，请于收函后5个工作日内书面答复意见。"
)

// demoPublications works the demo's documents through the Store, one in
// every state: awaiting the office, asked to re-determine, awaiting the
// signer, deferred, under review, awaiting a consulted department's
// answer, published by the rules (a late 不同意 settled by the office),
// published against a disagreement (flagged and proposed), changed, and
// withdrawn. Its days count back from today, so the demo follows the clock.
func demoPublications(ctx context.Context, store *models.Store, users map[string]models.Viewer, depts map[string]uint, today time.Time) error {
	as := func(username string) (models.Viewer, error) {
		if v, ok := users[username]; ok {
			return v, nil
		}
		var u models.User
		if err := store.DB.WithContext(ctx).Where("username = ?", username).First(&u).Error; err != nil {
			return models.Viewer{}, fmt.Errorf("demo account %s: %w", username, err)
		}
		return u.Viewer(), nil
	}
	secrecy, err := as(DemoHeadUsername(demoPubSecrecy))
	if err != nil {
		return err
	}
	asked, err := as(DemoHeadUsername(demoPubAsked))
	if err != nil {
		return err
	}
	clerk, head, leader, leader2, office := users["clerk"], users["head"], users["leader"], users["leader2"], users["office"]
	ps := publications.New(store)
	if err := ps.MarkSecrecyOffice(ctx, office, depts[demoPubSecrecy]); err != nil {
		return err
	}
	ago := func(days int) time.Time { return today.AddDate(0, 0, -days) }
	y := today.Year()
	n := 0
	register := func(title, attribute, exemption string, formed int, involved bool) (*publications.Work, error) {
		n++
		r := publications.Registration{Title: title, IndexNo: fmt.Sprintf("%s-GK%d-%02d", demoPubDept, y, n), DocNo: fmt.Sprintf("治通〔%d〕%d号", y, n),
			Formed: scoring.DateOf(ago(formed)), Attribute: attribute, Exemption: exemption, Channels: []string{demoPubChannel}, Signer: head.Name}
		if involved {
			r.Involved = []uint{depts[demoPubAsked]}
		}
		return ps.Register(ctx, clerk, r, ago(formed))
	}
	ok := publications.Opinion{Opinion: scoring.OpinionPublish, Basis: "不涉及国家秘密、警务工作秘密和个人隐私"}
	signers := []models.Viewer{clerk, head, leader, secrecy, leader2}
	review := func(w *publications.Work, from, steps int) error {
		for i := range steps {
			o := ok
			if i == 3 && w.Involved != "" {
				o.Redacted = "删去涉案人员姓名"
			}
			if err := ps.SignStep(ctx, signers[i], w.ID, i+1, o, ago(from-i)); err != nil {
				return fmt.Errorf("step %d of %s: %w", i+1, w.Title, err)
			}
		}
		return nil
	}
	consult := func(w *publications.Work, on int) (*publications.Consultation, error) {
		l := publications.Letter{Asked: depts[demoPubAsked], Text: fmt.Sprintf(demoPubLetterOK, "《"+w.Title+"》"), Contact: demoPubContact}
		return ps.Consult(ctx, clerk, w.ID, l, ago(on))
	}
	publish := func(w *publications.Work, on int) error {
		_, err := ps.Publish(ctx, clerk, w.ID, publications.Release{Day: scoring.DateOf(ago(on)), Channel: demoPubChannel, URL: demoPubURL + w.IndexNo + ".html"}, ago(on))
		return err
	}
	agree := func(w *publications.Work, on int) error {
		return ps.ReviewAttribute(ctx, office, w.ID, true, "", ago(on))
	}
	steps := []func() error{
		// Worked by the rules: reviewed in five steps, 刑警 answered 不同意
		// after its 5 working days, the office settled it, then published
		// and later moved.
		func() error {
			w, err := register("关于调整户籍窗口办公时间的通告", "主动公开", "", 40, true)
			if err != nil {
				return err
			}
			if err := agree(w, 39); err != nil {
				return err
			}
			c, err := consult(w, 38)
			if err != nil {
				return err
			}
			if err := review(w, 38, 5); err != nil {
				return err
			}
			if err := ps.Answer(ctx, asked, c.ID, publications.Disagree, "窗口调整涉及刑事案件报案受理时间，需同步调整", ago(28)); err != nil {
				return err
			}
			if err := ps.Settle(ctx, office, c.ID, publications.SettlePublish, "在通告中写明报案受理不受办公时间限制后发布", ago(27)); err != nil {
				return err
			}
			if err := publish(w, 26); err != nil {
				return err
			}
			return ps.Change(ctx, clerk, w.ID, publications.Release{Day: scoring.DateOf(ago(10)), Channel: demoPubChannel, URL: demoPubURL + "hjck.html", Reason: "网站栏目调整，链接变更"}, ago(10))
		},
		// Published against 刑警's disagreement before the office settled it.
		func() error {
			w, err := register("关于烟花爆竹燃放安全管理的通告", "主动公开", "", 30, true)
			if err != nil {
				return err
			}
			if err := agree(w, 30); err != nil {
				return err
			}
			c, err := consult(w, 29)
			if err != nil {
				return err
			}
			if err := review(w, 29, 5); err != nil {
				return err
			}
			if err := ps.Answer(ctx, asked, c.ID, publications.Disagree, "禁放区域与我部门在办案件的管控范围不一致", ago(27)); err != nil {
				return err
			}
			// Its copy carries an ID number: the office lets it through.
			if err := demoCopy(ctx, store, clerk, office, w.Doc(), "经核实，该号码为培训材料中的示例编号，不是真实的身份证号码。", ago(25),
				"经查，当事人王某（身份证号码320102198001012310）于夜间在居民区燃放烟花爆竹，依法予以警告。", "特此公告。"); err != nil {
				return err
			}
			return publish(w, 24)
		},
		// Published, then withdrawn: it leaves its catalog coverage.
		func() error {
			w, err := register("娱乐场所治安检查情况通报", "主动公开", "", 60, false)
			if err != nil {
				return err
			}
			if err := agree(w, 60); err != nil {
				return err
			}
			if err := review(w, 59, 5); err != nil {
				return err
			}
			if err := publish(w, 54); err != nil {
				return err
			}
			return ps.Withdraw(ctx, clerk, w.ID, scoring.DateOf(ago(20)), "通报内容已被新的通报取代", ago(20))
		},
		// Under review: steps 1 and 2 signed, the leader's step next.
		func() error {
			w, err := register("大型群众性活动安全许可办理指南", "主动公开", "", 12, false)
			if err != nil {
				return err
			}
			if err := agree(w, 12); err != nil {
				return err
			}
			if err := review(w, 11, 2); err != nil {
				return err
			}
			// Its copy carries a mobile number that still blocks it.
			return demoCopy(ctx, store, clerk, office, w.Doc(), "", ago(10), "咨询电话：13905240199。", "特此公告。")
		},
		// Deferred until its secrecy is settled.
		func() error {
			w, err := register("关于旅馆业治安管理专项整治的通知", "主动公开", "", 15, false)
			if err != nil {
				return err
			}
			return ps.Defer(ctx, leader, w.ID, scoring.DateOf(today.AddDate(0, 0, 30)), "涉及专项行动部署，密级待保密办确定", ago(14))
		},
		// Awaiting the office's review of its attribute.
		func() error {
			_, err := register("治安支队年度工作要点", "依申请公开", "", 3, false)
			return err
		},
		// The office asked to re-determine the attribute.
		func() error {
			w, err := register("特种行业许可证年审公告", "依申请公开", "", 8, false)
			if err != nil {
				return err
			}
			return ps.ReviewAttribute(ctx, office, w.ID, false, "年审公告面向社会公众，应主动公开", ago(7))
		},
		// The department kept its attribute: the signer decides.
		func() error {
			w, err := register("枪支弹药管理工作部署", scoring.AttrWithheld, "属于三类内部事务信息", 9, false)
			if err != nil {
				return err
			}
			if err := ps.ReviewAttribute(ctx, office, w.ID, false, "部署中的办事时限部分应主动公开", ago(8)); err != nil {
				return err
			}
			return ps.Redetermine(ctx, clerk, w.ID, true, "", "", "部署全文属于内部管理事务", ago(7))
		},
		// A consultation 刑警 still owes.
		func() error {
			w, err := register("关于开展夏季治安巡防的通知", "主动公开", "", 4, true)
			if err != nil {
				return err
			}
			if err := agree(w, 3); err != nil {
				return err
			}
			_, err = consult(w, 2)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("demo publications: %w", err)
		}
	}
	return nil
}
