package requests

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The rules an answer must meet whatever the request, each refused in
// Chinese on the field it concerns.
func TestReplyRules(t *testing.T) {
	t.Parallel()
	on := scoring.NewDate(2025, 11, 3)
	ok := Reply{On: on, AnswerType: "同意公开", Result: "予以公开", Delivered: on, Method: "邮寄"}
	tests := []struct {
		name        string
		change      func(r *Reply)
		field, says string // "" for an answer accepted
	}{
		{"disclosed", func(*Reply) {}, "", ""},
		{"fee with its basis", func(r *Reply) { r.Fee, r.FeeBasis = 20, "《政府信息公开信息处理费管理办法》" }, "", ""},
		{"fee waived", func(r *Reply) { r.FeeWaived = true }, "", ""},
		{"partly disclosed with its ground", func(r *Reply) {
			r.AnswerType, r.Result, r.Exemption = "部分公开", "部分公开", "过程性信息"
		}, "", ""},
		{"refused with the result's ground", func(r *Reply) {
			r.AnswerType, r.Result, r.Exemption = "不同意公开", "不予公开：属于行政执法案卷", "行政执法案卷"
		}, "", ""},
		{"refused on 其他 grounds", func(r *Reply) {
			r.AnswerType, r.Result, r.Exemption = "不同意公开", "不予公开：属于行政查询事项", "其他"
		}, "", ""},
		{"no answer type", func(r *Reply) { r.AnswerType = "" }, "answer", "答复类型"},
		{"unknown result", func(r *Reply) { r.Result = "同意" }, "result", "办理结果"},
		{"refusal type, disclosed result", func(r *Reply) { r.AnswerType = "不同意公开" }, "answer", "须一致"},
		{"refused result, granted type", func(r *Reply) { r.Result, r.Exemption = "不予公开：属于国家秘密", "国家秘密" }, "answer", "须一致"},
		{"refused without a ground", func(r *Reply) { r.AnswerType, r.Result = "不同意公开", "不予公开：属于国家秘密" }, "exemption", "不予公开理由"},
		{"ground not the result's", func(r *Reply) {
			r.AnswerType, r.Result, r.Exemption = "不同意公开", "不予公开：属于国家秘密", "内部事务"
		}, "exemption", "不一致"},
		{"partial without a ground", func(r *Reply) { r.AnswerType, r.Result = "部分公开", "部分公开" }, "exemption", "不予公开理由"},
		{"ground on a disclosure", func(r *Reply) { r.Exemption = "国家秘密" }, "exemption", "不应填写"},
		{"fee without basis", func(r *Reply) { r.Fee = 10 }, "fee_basis", "收费依据"},
		{"fee on a refusal", func(r *Reply) {
			r.AnswerType, r.Result, r.Exemption, r.Fee, r.FeeBasis = "不同意公开", "不予公开：属于国家秘密", "国家秘密", 10, "办法"
		}, "fee", "不得收费"},
		{"fee on 无法提供", func(r *Reply) {
			r.AnswerType, r.Result, r.Fee, r.FeeBasis = "信息不存在", "无法提供：本机关不掌握相关政府信息", 5, "办法"
		}, "fee", "不得收费"},
		{"fee and waiver", func(r *Reply) { r.Fee, r.FeeBasis, r.FeeWaived = 10, "办法", true }, "fee", "已减免"},
		{"negative fee", func(r *Reply) { r.Fee = -1 }, "fee", "无效"},
		{"delivered before the answer", func(r *Reply) { r.Delivered = on - 1 }, "delivered", "送达日期"},
		{"no delivery method", func(r *Reply) { r.Method = "飞鸽" }, "method", "送达方式"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.change(&r)
			_, err := r.check()
			var verr *models.ValidationError
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.field == "":
			case !errors.As(err, &verr):
				t.Errorf("accepted, want a refusal on %s", tc.field)
			case verr.Field != tc.field || !strings.Contains(verr.Message, tc.says):
				t.Errorf("refused %s: %q, want %s: …%s…", verr.Field, verr.Message, tc.field, tc.says)
			}
		})
	}
}

// The letter of an answer follows its result's group.
func TestAnswerLetterFollowsTheResult(t *testing.T) {
	t.Parallel()
	for result, want := range map[string]string{
		"予以公开": LetterAnswer, "部分公开": LetterPartial, "不予公开：属于国家秘密": LetterRefusal,
		"无法提供：没有现成信息需要另行制作": LetterNone, "不予处理：重复申请": LetterNotHandled, Abandoned: LetterNotHandled,
	} {
		if got := answerLetter(result); got != want {
			t.Errorf("%s: %s, want %s", result, got, want)
		}
	}
}
