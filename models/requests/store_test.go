package requests_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
)

// bureau stores the 2025 holiday notice and two departments, with a clerk
// of the first, a clerk of the second and the office.
func bureau(t *testing.T, s *models.Store) (za, xj models.Department, clerk, other, office models.Viewer) {
	t.Helper()
	modelstest.SaveHolidays(t, s, 2025)
	za = models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	xj = models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&za).Error)
	modelstest.Must(t, s.DB.Create(&xj).Error)
	clerk = models.Viewer{UserID: 1, Name: "李静", Role: models.RoleClerk, DepartmentID: za.ID}
	other = models.Viewer{UserID: 2, Name: "王五", Role: models.RoleClerk, DepartmentID: xj.ID}
	office = models.Viewer{UserID: 3, Name: "办公室", Role: models.RoleOffice}
	return
}

func day(m, d int) scoring.Date { return scoring.NewDate(2025, timeMonth(m), d) }

// refusal checks that err is a validation error whose Chinese sentence
// contains want.
func refusal(t *testing.T, what string, err error, want string) {
	t.Helper()
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("%s: %v, want a refusal", what, err)
	}
	if !strings.Contains(verr.Message, want) {
		t.Errorf("%s: %q, want it to say %q", what, verr.Message, want)
	}
}

// A request worked across the 2025 National Day holiday: registered on
// Thursday 9/25 (online, forwarded 9/26), a correction asked on 9/29 and
// received on 10/9, a third party consulted on 10/10 who replied on
// 10/17, an extension the office approved, and the answer. Each step
// moves the deadline by the rule B1 scores, writes its columns, issues its
// numbered letter, and refuses a second submit in Chinese.
func TestRequestWorkedStepByStep(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, _, clerk, other, office := bureau(t, s)
		rs := requests.New(s)
		today := day(12, 31)
		reg := requests.Registration{Department: za.ID, Received: day(9, 25), Channel: "网络", Forwarded: day(9, 26), Applicant: "自然人",
			Name: "张三丰", IDNo: "320102199001011234", Contact: "13805275678", Content: "2025年辖区治安案件统计数据", DeliveryWanted: "纸质文本"}

		phone := reg
		phone.Channel = "电话"
		_, err := rs.Register(ctx, clerk, phone, today)
		refusal(t, "telephone", err, "书面申请")
		noFwd := reg
		noFwd.Forwarded = 0
		_, err = rs.Register(ctx, clerk, noFwd, today)
		refusal(t, "online without forwarding", err, "转交")
		foreign := reg
		foreign.Department = za.ID
		if _, err := rs.Register(ctx, other, foreign, today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department's clerk registering: %v, want not found", err)
		}

		q, err := rs.Register(ctx, clerk, reg, today)
		modelstest.Must(t, err)
		if q.RequestNo != "YS2025-001" || q.Origin != models.RequestOriginApp {
			t.Errorf("registered %q origin %q", q.RequestNo, q.Origin)
		}
		_, err = rs.Register(ctx, clerk, reg, today)
		refusal(t, "double register", err, "请勿重复提交")

		due := func(want scoring.Date, what string) {
			t.Helper()
			w, err := rs.Get(ctx, clerk, q.ID, today)
			modelstest.Must(t, err)
			if w.Due != want {
				t.Errorf("%s: due %s, want %s", what, w.Due, want)
			}
		}
		due(day(10, 22), "registered")

		modelstest.Must(t, rs.AskCorrection(ctx, clerk, q.ID, day(9, 29), "请明确所需数据的统计期间", today))
		refusal(t, "second correction notice", rs.AskCorrection(ctx, clerk, q.ID, day(9, 29), "again", today), "请勿重复提交")
		refusal(t, "answer while waiting", rs.Answer(ctx, clerk, q.ID, requests.Reply{On: day(9, 30), AnswerType: "同意公开", Result: "予以公开", Delivered: day(9, 30), Method: "邮寄"}, today), "补正")
		refusal(t, "abandoned too early", rs.Abandon(ctx, clerk, q.ID, day(10, 27), today), "2025年10月27日")
		modelstest.Must(t, rs.Corrected(ctx, clerk, q.ID, day(10, 9), today))
		// The clock stood 9/29, 9/30, 10/9: 10/22 + 3 working days.
		due(day(10, 27), "corrected")

		if err := rs.Consult(ctx, other, q.ID, day(10, 10), "某公司", "涉及商业秘密", today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department's clerk consulting: %v, want not found", err)
		}
		modelstest.Must(t, rs.Consult(ctx, clerk, q.ID, day(10, 10), "宿迁某物流有限公司", "数据涉及该公司经营信息", today))
		refusal(t, "no reply before the 15 days", rs.ThirdPartyReply(ctx, clerk, q.ID, day(10, 20), "", "", today), "2025年10月30日") // 10/11 (Saturday, worked), 10/13 … 10/30
		modelstest.Must(t, rs.ThirdPartyReply(ctx, clerk, q.ID, day(10, 17), requests.Disagree, "涉及商业秘密，不同意公开", today))
		// 10/10, 10/11 (the working Saturday), 10/13-10/17: 7 more.
		due(day(11, 5), "third party replied")

		modelstest.Must(t, rs.AskExtension(ctx, clerk, q.ID, day(10, 20), "需调取多个派出所数据", today))
		refusal(t, "second extension", rs.AskExtension(ctx, clerk, q.ID, day(10, 20), "again", today), "请勿重复提交")
		if err := rs.DecideExtension(ctx, clerk, q.ID, day(10, 21), true, "", today); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("clerk approving: %v, want forbidden", err)
		}
		td, err := rs.ToDoOf(ctx, office, 0, today)
		modelstest.Must(t, err)
		if len(td.Extensions) != 1 || td.Extensions[0].No != "YS2025-001" {
			t.Errorf("office's waiting extensions: %+v", td.Extensions)
		}
		modelstest.Must(t, rs.DecideExtension(ctx, office, q.ID, day(10, 21), true, "同意", today))
		refusal(t, "second decision", rs.DecideExtension(ctx, office, q.ID, day(10, 21), true, "同意", today), "没有等待审批")
		due(day(11, 26), "extended")

		bad := requests.Reply{On: day(11, 3), AnswerType: "同意公开", Result: "予以公开", Fee: 10, Delivered: day(11, 4), Method: "邮寄"}
		refusal(t, "fee without basis", rs.Answer(ctx, clerk, q.ID, bad, today), "收费依据")
		bad.Fee = 0
		refusal(t, "disclosure over the third party without a reason", rs.Answer(ctx, clerk, q.ID, bad, today), "写明理由")
		no := requests.Reply{On: day(11, 3), AnswerType: "不同意公开", Result: "不予公开：保护第三方合法权益", Exemption: "国家秘密", Delivered: day(11, 4), Method: "邮寄"}
		refusal(t, "ground not the result's", rs.Answer(ctx, clerk, q.ID, no, today), "不一致")
		no.Exemption = "第三方合法权益"
		modelstest.Must(t, rs.Answer(ctx, clerk, q.ID, no, today))
		refusal(t, "second answer", rs.Answer(ctx, clerk, q.ID, no, today), "已办结")

		var got models.Request
		modelstest.Must(t, s.DB.First(&got, q.ID).Error)
		if got.Answer != "不同意公开（涉及个人隐私等第三方合法权益）" || got.Result != "不予公开：保护第三方合法权益" || !got.Extended ||
			got.Exemption != "第三方合法权益" || got.DeliveryMethod != "邮寄" {
			t.Errorf("answered request: %+v", got)
		}
		w, err := rs.Get(ctx, clerk, q.ID, today)
		modelstest.Must(t, err)
		if w.State != requests.StateAnswered || w.Late != 0 || w.Due != day(11, 26) {
			t.Errorf("answered: state %s, late %d, due %s", w.State, w.Late, w.Due)
		}
		var kinds []string
		for _, l := range w.Letters {
			kinds = append(kinds, l.Kind+" "+l.Number)
		}
		want := []string{"request_correction 治安支队依申〔2025〕1号", "request_consult 治安支队依申〔2025〕2号",
			"request_extension 治安支队依申〔2025〕3号", "request_answer_no 治安支队依申〔2025〕4号"}
		if strings.Join(kinds, ",") != strings.Join(want, ",") {
			t.Errorf("letters %v, want %v", kinds, want)
		}
		answer, err := documents.Get(ctx, s.DB, w.Letters[3].ID)
		modelstest.Must(t, err)
		for _, s := range []string{"商业秘密、个人隐私", "第十五条", "2025年11月3日", "张三丰"} {
			if !strings.Contains(answer.HTML, s) {
				t.Errorf("answer letter lacks %q", s)
			}
		}
		ext, err := documents.Get(ctx, s.DB, w.Letters[2].ID)
		modelstest.Must(t, err)
		if !strings.Contains(ext.HTML, "2025年11月26日") {
			t.Errorf("extension letter does not give the new deadline 2025年11月26日")
		}

		// The identity: whole for the department and the office, masked
		// for the others; the auditor reads it masked.
		auditor := models.Viewer{UserID: 4, Name: "审计", Role: models.RoleAuditor}
		if w.Applicant.IDNo != "320102199001011234" {
			t.Errorf("clerk sees %q", w.Applicant.IDNo)
		}
		wa, err := rs.Get(ctx, auditor, q.ID, today)
		modelstest.Must(t, err)
		if wa.Applicant.IDNo != "3201**********1234" || wa.Applicant.Name != "张**" || wa.CanWork {
			t.Errorf("auditor sees %+v, can work %v", wa.Applicant, wa.CanWork)
		}
		if _, err := rs.Get(ctx, other, q.ID, today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department's clerk reading: %v, want not found", err)
		}
		var reads int64
		modelstest.Must(t, s.DB.Table("audit_entries").Where("action = ? AND entity_id = ?", "read_applicant", itoa(q.ID)).Count(&reads).Error)
		if reads == 0 {
			t.Errorf("no unmasked read was audit-logged")
		}
	})
}

// A request never corrected within the letter's period closes as 视为放弃
// (其他处理); a correction after it is refused.
func TestUncorrectedRequestIsAbandoned(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, _, clerk, _, _ := bureau(t, s)
		rs := requests.New(s)
		today := day(12, 31)
		q, err := rs.Register(ctx, clerk, requests.Registration{Department: za.ID, Received: day(9, 25), Channel: "信函", Applicant: "商业企业",
			Name: "宿迁某公司", Content: "要求公开相关信息", Kind: models.RequestKindCorrection}, today)
		modelstest.Must(t, err)
		modelstest.Must(t, rs.AskCorrection(ctx, clerk, q.ID, day(9, 29), "请提供需更正信息的证明材料", today))
		// 15 working days from 9/29 end on 10/27.
		refusal(t, "late correction", rs.Corrected(ctx, clerk, q.ID, day(10, 28), today), "2025年10月27日")
		modelstest.Must(t, rs.Abandon(ctx, clerk, q.ID, day(10, 28), today))
		var got models.Request
		modelstest.Must(t, s.DB.First(&got, q.ID).Error)
		if got.Result != requests.Abandoned || got.Answered == nil || got.Kind != models.RequestKindCorrection {
			t.Errorf("abandoned: %+v", got)
		}
	})
}

// The office's templates: each save a new version, audit-logged; an
// unchanged body refused; a letter issued after speaks the new words.
func TestLetterTemplatesAreVersioned(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, _, clerk, _, office := bureau(t, s)
		rs := requests.New(s)
		body := "请于{补正期限}前补正：{补正事项}。特此告知。"
		if err := rs.SaveTemplate(ctx, clerk, requests.LetterCorrection, body); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("clerk editing a template: %v", err)
		}
		modelstest.Must(t, rs.SaveTemplate(ctx, office, requests.LetterCorrection, body))
		refusal(t, "unchanged", rs.SaveTemplate(ctx, office, requests.LetterCorrection, body), "没有变化")
		_, v, err := rs.Wording(ctx, requests.LetterCorrection)
		modelstest.Must(t, err)
		if v != 1 {
			t.Errorf("version %d", v)
		}
		q, err := rs.Register(ctx, clerk, requests.Registration{Department: za.ID, Received: day(9, 25), Channel: "当面", Applicant: "自然人", Name: "李四", Content: "某信息"}, day(12, 31))
		modelstest.Must(t, err)
		modelstest.Must(t, rs.AskCorrection(ctx, clerk, q.ID, day(9, 29), "身份证明", day(12, 31)))
		ls, err := rs.Letters(ctx, q.ID)
		modelstest.Must(t, err)
		d, err := documents.Get(ctx, s.DB, ls[0].ID)
		modelstest.Must(t, err)
		if !strings.Contains(d.HTML, "请于2025年10月27日前补正：身份证明。特此告知。") {
			t.Errorf("letter does not speak the new template")
		}

		// A correction is a new letter naming the old, which stays as issued.
		modelstest.Must(t, rs.CorrectLetter(ctx, clerk, q.ID, d.ID, day(9, 30), "请于2025年10月28日前补正：身份证明。", day(12, 31)))
		refusal(t, "second correction of a letter", rs.CorrectLetter(ctx, clerk, q.ID, d.ID, day(9, 30), "again", day(12, 31)), "已更正过")
		refusal(t, "another request's letter", rs.CorrectLetter(ctx, clerk, q.ID, 999999, day(9, 30), "x", day(12, 31)), "请选择本申请的文书")
		ls, err = rs.Letters(ctx, q.ID)
		modelstest.Must(t, err)
		if len(ls) != 2 || ls[1].RefID != d.ID || ls[1].Relation != documents.Corrects || ls[1].Number != "治安支队依申〔2025〕2号" {
			t.Errorf("corrected letters: %+v", ls)
		}
		again, err := documents.Get(ctx, s.DB, d.ID)
		modelstest.Must(t, err)
		if again.SHA256 != d.SHA256 {
			t.Errorf("the corrected letter changed")
		}
	})
}
