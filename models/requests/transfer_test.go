package requests_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/models/requests"
)

// account stores a user of a department's role, so that notices reach it,
// and is its viewer.
func account(t *testing.T, s *models.Store, username, name string, role models.Role, dept uint) models.Viewer {
	t.Helper()
	u := models.User{Username: username, Name: name, Role: role, DepartmentID: &dept, PasswordHash: "x"}
	modelstest.Must(t, s.DB.Create(&u).Error)
	return u.Viewer()
}

// subjects are the catalog keys of a user's notices, newest first.
func subjects(t *testing.T, s *models.Store, v models.Viewer) []string {
	t.Helper()
	in, err := notify.New(s).Inbox(context.Background(), v, false, 1)
	modelstest.Must(t, err)
	var out []string
	for _, n := range in.Rows {
		out = append(out, n.Subject)
	}
	return out
}

func has(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// 内部转办 (seed 004 art. 21): 治安支队 forwards a part of a request to
// 刑警支队, whose clerk is told in its inbox, finds the part on its home
// with 治安支队's deadline, reads the request for that part only (the
// applicant masked, the other letters out of reach) and records its
// answer, which 治安支队 sees and is told of; 治安支队 cannot record it for
// it, a third department cannot read or answer, and a second answer is
// refused in Chinese.
func TestForwardedPartAnsweredByTheUnit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		za, xj, _, _, _ := bureau(t, s)
		jj := models.Department{Code: "JJ", Name: "交警支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&jj).Error)
		clerk := account(t, s, "za-clerk", "李静", models.RoleClerk, za.ID)
		unit := account(t, s, "xj-clerk", "王五", models.RoleClerk, xj.ID)
		stranger := account(t, s, "jj-clerk", "赵六", models.RoleClerk, jj.ID)
		rs := requests.New(s)
		today := day(12, 31)
		q, err := rs.Register(ctx, clerk, requests.Registration{Department: za.ID, Received: day(9, 25), Channel: "当面", Applicant: "自然人",
			Name: "张三丰", IDNo: "320102199001011234", Content: "治安和刑事两类案件的统计数据"}, today)
		modelstest.Must(t, err)

		refusal(t, "forwarded to itself", rs.Transfer(ctx, clerk, q.ID, day(9, 29), za.ID, "刑事案件部分", today), "本部门以外")
		if err := rs.Transfer(ctx, unit, q.ID, day(9, 29), jj.ID, "刑事案件部分", today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department forwarding: %v, want not found", err)
		}
		modelstest.Must(t, rs.Transfer(ctx, clerk, q.ID, day(9, 29), xj.ID, "刑事案件统计部分", today))
		refusal(t, "second transfer", rs.Transfer(ctx, clerk, q.ID, day(9, 29), xj.ID, "刑事案件统计部分", today), "请勿重复提交")
		if !has(subjects(t, s, unit), "transfer.notify.forwarded") {
			t.Errorf("the receiving unit was not told: %v", subjects(t, s, unit))
		}
		if has(subjects(t, s, stranger), "transfer.notify.forwarded") {
			t.Errorf("a third department was told")
		}

		// The unit's home: the part, with 治安支队's deadline (9/25 + 15
		// working days across the National Day holiday: 10/22).
		td, err := rs.ToDoOf(ctx, unit, xj.ID, today)
		modelstest.Must(t, err)
		if len(td.Forwarded) != 1 || td.Forwarded[0].ID != q.ID || td.Forwarded[0].Due != day(10, 22) || td.Forwarded[0].Department != "治安支队" {
			t.Errorf("the unit's forwarded parts: %+v", td.Forwarded)
		}
		if td, err := rs.ToDoOf(ctx, stranger, jj.ID, today); err != nil || len(td.Forwarded) != 0 {
			t.Errorf("a third department's forwarded parts: %+v, %v", td, err)
		}

		// 治安支队 goes on: a third party consulted (a letter the unit may
		// not read).
		modelstest.Must(t, rs.Consult(ctx, clerk, q.ID, day(9, 30), "某公司", "涉及该公司信息", today))

		w, err := rs.Get(ctx, unit, q.ID, today)
		modelstest.Must(t, err)
		if !w.Receiving || w.CanWork || !w.CanTransferAnswer || w.Department != "治安支队" || w.Request.Content != "" {
			t.Errorf("the unit's view: receiving %v, can work %v, can answer %v, department %q, content %q", w.Receiving, w.CanWork, w.CanTransferAnswer, w.Department, w.Request.Content)
		}
		if w.Applicant.Name != "张**" || w.Applicant.IDNo != "3201**********1234" {
			t.Errorf("the unit sees the applicant %+v, want masked", w.Applicant)
		}
		if len(w.Steps) != 1 || w.Steps[0].Kind != requests.StepTransfer || w.Steps[0].Note != "刑事案件统计部分" {
			t.Errorf("the unit sees steps %+v, want the transfer only", w.Steps)
		}
		if len(w.Letters) != 1 || w.Letters[0].Kind != requests.LetterTransfer {
			t.Fatalf("the unit sees letters %+v, want the 转办单 only", w.Letters)
		}
		if _, _, err := rs.Letter(ctx, unit, q.ID, w.Letters[0].ID); err != nil {
			t.Errorf("the unit reading its 转办单: %v", err)
		}
		all, err := rs.Letters(ctx, q.ID)
		modelstest.Must(t, err)
		for _, l := range all {
			if l.Kind == requests.LetterConsult {
				if _, _, err := rs.Letter(ctx, unit, q.ID, l.ID); !errors.Is(err, models.ErrNotFound) {
					t.Errorf("the unit reading the third party's letter: %v, want not found", err)
				}
			}
		}
		if _, err := rs.Get(ctx, stranger, q.ID, today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a third department reading: %v, want not found", err)
		}

		refusal(t, "the first unit answering for the unit", rs.TransferAnswered(ctx, clerk, q.ID, day(10, 9), "已反馈", today), "接收转办的单位")
		if err := rs.TransferAnswered(ctx, stranger, q.ID, day(10, 9), "已反馈", today); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a third department answering: %v, want not found", err)
		}
		refusal(t, "answered before forwarded", rs.TransferAnswered(ctx, unit, q.ID, day(9, 26), "已反馈", today), "")
		modelstest.Must(t, rs.TransferAnswered(ctx, unit, q.ID, day(10, 9), "刑事案件统计数据已提供", today))
		refusal(t, "second answer", rs.TransferAnswered(ctx, unit, q.ID, day(10, 9), "刑事案件统计数据已提供", today), "没有等待反馈的转办")
		if !has(subjects(t, s, clerk), "transfer.notify.answered") {
			t.Errorf("the handling department was not told: %v", subjects(t, s, clerk))
		}

		w, err = rs.Get(ctx, clerk, q.ID, today)
		modelstest.Must(t, err)
		last := w.Steps[len(w.Steps)-1]
		if last.Kind != requests.StepTransferAnswer || last.Party != "刑警支队" || last.By != "王五" || last.Note != "刑事案件统计数据已提供" || w.UnitLate {
			t.Errorf("the first unit sees %+v, unit late %v", last, w.UnitLate)
		}
		if td, err := rs.ToDoOf(ctx, unit, xj.ID, today); err != nil || len(td.Forwarded) != 0 {
			t.Errorf("an answered part stays on the unit's home: %+v, %v", td, err)
		}
		if w, err := rs.Get(ctx, unit, q.ID, today); err != nil || w.CanTransferAnswer || len(w.Steps) != 2 {
			t.Errorf("the unit after answering: %+v, %v", w, err)
		}

		// An answer after 治安支队's deadline is flagged.
		late, err := rs.Register(ctx, clerk, requests.Registration{Department: za.ID, Received: day(9, 1), Channel: "信函", Applicant: "自然人",
			Name: "李四", Content: "两类数据"}, today)
		modelstest.Must(t, err)
		modelstest.Must(t, rs.Transfer(ctx, clerk, late.ID, day(9, 2), xj.ID, "刑事部分", today))
		modelstest.Must(t, rs.TransferAnswered(ctx, unit, late.ID, day(10, 31), "迟到的反馈", today))
		if w, err := rs.Get(ctx, clerk, late.ID, today); err != nil || !w.UnitLate {
			t.Errorf("a late answer of the unit is not flagged: %v", err)
		}
	})
}
