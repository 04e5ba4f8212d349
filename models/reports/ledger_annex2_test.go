package reports_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// Annex 2 reads the records where they exist (issue 23): a refusal is filed
// under the ground the record stores, not the words of its answer type; a
// request by e-mail is an online one; the lawsuits come from the requests'
// lawsuit columns and the press conferences from the press records, and a
// unit without such records still files those lines. The national report
// files the stored ground under its reason too.
func TestAnnex2ReadsTheRecords(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		y := newYear(t, s)
		c := models.Department{Code: "SJ20", Name: "交警支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&c).Error)
		refused := func(no, answer, result, exemption string) models.Request {
			return models.Request{DepartmentID: c.ID, RequestNo: no, Received: day("2025-04-07"), Channel: "当面",
				Answered: dayPtr("2025-04-14"), Answer: answer, Result: result, Exemption: exemption, Applicant: "自然人"}
		}
		modelstest.Must(t, s.DB.Create(&[]models.Request{
			// The result says 属于国家秘密; the answer type says no reason.
			refused("R1", "不同意公开", "不予公开：属于国家秘密", ""),
			// The ground chosen in the app: 三安全一稳定.
			refused("R2", "不同意公开", "", "三安全一稳定"),
			// Worked in the app: no answer type, the result and the ground stored.
			refused("R3", "", "不予公开：保护第三方合法权益", "第三方合法权益"),
			// An e-mail request, answered in the quarter after a lawsuit
			// about an earlier one was decided against the bureau.
			{DepartmentID: c.ID, RequestNo: "R4", Received: day("2025-05-06"), Channel: "电子邮件", Answered: dayPtr("2025-05-12"), Answer: "同意公开", Result: "予以公开"},
			{DepartmentID: c.ID, RequestNo: "R5", Received: day("2024-11-04"), Channel: "信函", Answered: dayPtr("2024-11-20"), Answer: "同意公开", Result: "予以公开",
				SuitKind: reports.SuitDirect, SuitFiled: dayPtr("2024-12-10"), SuitOutcome: models.OutcomeCorrected, SuitDecided: dayPtr("2025-05-20")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]clocks.PressConference{
			{DepartmentID: c.ID, Held: day("2025-04-20"), Topic: "交通安全", PrincipalAttended: true},
			{DepartmentID: c.ID, Held: day("2025-06-30"), Topic: "暑期出行"},
			{DepartmentID: c.ID, Held: day("2025-07-01"), Topic: "下季度"},
		}).Error)

		r, err := reports.Quarterly(ctx, s, models.System, reports.QuarterlyQuery{Year: 2025, Quarter: 2, DepartmentID: c.ID})
		modelstest.Must(t, err)
		got := r.Activity.Requests
		if got.Received != 4 || got.Online != 1 || got.Answers.Refused != 3 ||
			got.Answers.Refusals != (reports.Refusals{StateSecret: 1, Security: 1, Privacy: 1}) {
			t.Errorf("requests of the quarter: %+v", got)
		}
		for _, w := range []struct{ section, label, want string }{
			{"四、依申请公开情况", "3、网络申请数", "1"},
			{"四、依申请公开情况", "其中：涉及国家秘密", "1"},
			{"四、依申请公开情况", "法律法规规定的其他情形", "0"},
			{"六、行政诉讼数量", "六、行政诉讼数量", "1"},
			{"六、行政诉讼数量", "（二）被依法纠错数", "1"},
			{"六、行政诉讼数量", "（一）维持具体行政行为或者驳回原告诉讼请求数", "0"},
			{"三、回应解读情况", "1、参加或举办新闻发布会总次数", "2"},
			{"三、回应解读情况", "其中：主要负责同志参加新闻发布会次数", "1"},
		} {
			if f := figure(t, r.Rows, w.section, w.label); f != w.want {
				t.Errorf("%s / %s = %q, want %q", w.section, w.label, f, w.want)
			}
		}

		// A department without lawsuit or press records files those lines.
		b, err := reports.Quarterly(ctx, s, models.System, reports.QuarterlyQuery{Year: 2025, Quarter: 2, DepartmentID: y.b.ID})
		modelstest.Must(t, err)
		if f := figure(t, b.Rows, "三、回应解读情况", "1、参加或举办新闻发布会总次数"); f != "1" {
			t.Errorf("filed press conferences of 刑警支队 = %q, want the filed 1", f)
		}

		// The national report files the stored ground under its reason.
		for _, q := range []models.Request{refused("R2", "不同意公开", "", "三安全一稳定"), refused("R9", "", "", "其他")} {
			_, result := reports.Categories(q, models.RequestCategory{})
			want := map[string]string{"R2": "不予公开：危及“三安全一稳定”", "R9": ""}[q.RequestNo]
			if result != want {
				t.Errorf("%s: national result %q, want %q", q.RequestNo, result, want)
			}
		}
	})
}
