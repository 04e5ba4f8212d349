package reports

import "strings"

// Answers counts answered requests by the answer types of Annex 2 §4(三)
// (申请答复数), and the refusals by their reason.
type Answers struct {
	Published int // 属于已主动公开范围: 已主动公开
	Granted   int // 同意公开
	Partial   int // 同意部分公开: 部分公开
	Refused   int // 不同意公开, with its reasons below
	NotOurs   int // 不属于本行政机关公开: 不属于本机关
	NotExist  int // 申请信息不存在: 信息不存在
	Amend     int // 告知作出更改补充: 告知更改补充
	Elsewhere int // 告知通过其他途径办理: 告知其他途径
	Unknown   int // an answer type none of the above names; counted in the total only

	Refusals Refusals
}

// Refusals counts refusals (不同意公开) by the reason written after the
// answer type, e.g. "不同意公开（涉及个人隐私）"; a refusal whose reason names
// none of the others is 法律法规规定的其他情形.
type Refusals struct {
	StateSecret    int // 涉及国家秘密
	TradeSecret    int // 涉及商业秘密
	Privacy        int // 涉及个人隐私
	Security       int // 危及国家安全、公共安全、经济安全和社会稳定
	NotGovernment  int // 不是《条例》所指政府信息
	OtherStatutory int // 法律法规规定的其他情形
}

// add counts one answer by its 答复类型 as the records write it. The order
// of the checks matters: 不同意公开 and 部分公开 both contain 公开.
func (a *Answers) add(answer string) {
	switch t := compact(answer); {
	case strings.HasPrefix(t, "不同意公开"):
		a.Refused++
		a.Refusals.add(t)
	case strings.Contains(t, "部分公开"):
		a.Partial++
	case strings.Contains(t, "已主动公开"):
		a.Published++
	case strings.Contains(t, "同意公开"):
		a.Granted++
	case strings.Contains(t, "不属于"):
		a.NotOurs++
	case strings.Contains(t, "不存在"):
		a.NotExist++
	case strings.Contains(t, "更改") || strings.Contains(t, "补充"):
		a.Amend++
	case strings.Contains(t, "其他途径"):
		a.Elsewhere++
	default:
		a.Unknown++
	}
}

// add counts one refusal by the reason in its answer text.
func (r *Refusals) add(answer string) {
	switch {
	case strings.Contains(answer, "国家秘密"):
		r.StateSecret++
	case strings.Contains(answer, "商业秘密"):
		r.TradeSecret++
	case strings.Contains(answer, "个人隐私"):
		r.Privacy++
	case strings.Contains(answer, "安全") || strings.Contains(answer, "稳定"):
		r.Security++
	case strings.Contains(answer, "不是") || strings.Contains(answer, "非政府信息"):
		r.NotGovernment++
	default:
		r.OtherStatutory++
	}
}
