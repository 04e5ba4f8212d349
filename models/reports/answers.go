package reports

import (
	"strings"

	"github.com/gongkai/gongkai/models"
)

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

// addRequest counts one answered request: by its 答复类型 as add does,
// except that a refusal is filed under the reason the record stores (the
// exemption ground chosen in the app, else the national result's reason),
// and only a refusal whose record says neither by the reason in its text.
// A request worked in the app that stores a refusal (its national result,
// or an exemption ground) and no answer type is a refusal too.
func (a *Answers) addRequest(q models.Request) {
	t := compact(q.Answer)
	group, reason, _ := strings.Cut(q.Result, ResultSep)
	switch {
	case strings.HasPrefix(t, "不同意公开"), t == "" && (group == resultRefused || q.Exemption != ""):
		a.Refused++
		if !a.Refusals.addStored(q.Exemption, reason, t) {
			a.Refusals.add(t)
		}
	default:
		a.add(q.Answer)
	}
}

// addStored counts a refusal by the ground the record stores: the
// exemption (models.Request.Exemption, the fixed list) first, else the
// national result's reason; false when the record stores neither. A third
// party's rights are a trade secret or privacy, as the text says (privacy
// when it does not).
func (r *Refusals) addStored(exemption, reason, text string) bool {
	if exemption != "" {
		reason = ExemptionReasons[exemption]
		if reason == "" { // 其他
			r.OtherStatutory++
			return true
		}
	}
	line := reasonLines[reason]
	if line == nil {
		return false
	}
	*line(r, text)++
	return true
}

// resultRefused is the national result group of a refusal.
const resultRefused = "不予公开"

// reasonLines files each reason of the national result 不予公开 under its
// Annex 2 line.
var reasonLines = map[string]func(*Refusals, string) *int{
	"属于国家秘密":       func(r *Refusals, _ string) *int { return &r.StateSecret },
	"其他法律行政法规禁止公开": func(r *Refusals, _ string) *int { return &r.OtherStatutory },
	"危及“三安全一稳定”":   func(r *Refusals, _ string) *int { return &r.Security },
	"保护第三方合法权益":    thirdParty,
	"属于三类内部事务信息":   func(r *Refusals, _ string) *int { return &r.OtherStatutory },
	"属于四类过程性信息":    func(r *Refusals, _ string) *int { return &r.OtherStatutory },
	"属于行政执法案卷":     func(r *Refusals, _ string) *int { return &r.OtherStatutory },
	"属于行政查询事项":     func(r *Refusals, _ string) *int { return &r.OtherStatutory },
}

// thirdParty is a refusal for a third party's rights: a trade secret when
// the answer says so, else privacy.
func thirdParty(r *Refusals, text string) *int {
	if strings.Contains(text, "商业秘密") {
		return &r.TradeSecret
	}
	return &r.Privacy
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
