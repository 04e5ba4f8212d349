package requests

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// Reply is the answer to the applicant as the department gives it.
type Reply struct {
	On         scoring.Date // 答复日期
	AnswerType string       // Annex 2's 答复类型 (AnswerTypes)
	Result     string       // the national result (reports.ResultCategories)
	Exemption  string       // the ground withheld (Exemptions), for 部分公开 and 不予公开
	Fee        float64      // 信息处理费
	FeeBasis   string       // its basis (收费依据)
	FeeWaived  bool         // waived (减免)
	Delivered  scoring.Date // 送达日期
	Method     string       // 送达方式 (DeliveryMethods)
	// Reason to publish although the third party disagreed (art. 32):
	// needed then, and a notice goes to the third party.
	DiscloseReason string
}

// provides reports whether a result provides information: the only ones
// that admit a fee, and that override a third party's refusal.
func provides(result string) bool { return result != "" && reports.FeeAdmitted(result, "") }

// check is what an answer must say, whatever the request.
func (r *Reply) check() (*Exemption, error) {
	r.FeeBasis, r.DiscloseReason = strings.TrimSpace(r.FeeBasis), strings.TrimSpace(r.DiscloseReason)
	if !slices.Contains(AnswerTypes, r.AnswerType) {
		return nil, models.Invalid("answer", "requests.refuse.answer_type")
	}
	if !slices.Contains(reports.ResultCategories(), r.Result) {
		return nil, models.Invalid("result", "requests.refuse.result")
	}
	refused := strings.HasPrefix(r.Result, "不予公开")
	if (r.AnswerType == Refusal) != refused {
		return nil, models.Invalid("answer", "requests.refuse.answer_mismatch")
	}
	var ex *Exemption
	if refused || r.Result == reports.ResultPartial {
		e, ok := ExemptionOf(r.Exemption)
		if !ok {
			return nil, models.Invalid("exemption", "requests.refuse.exemption")
		}
		if refused && e.Result != "" && e.Result != r.Result {
			return nil, models.Invalid("exemption", "requests.refuse.exemption_mismatch", e.Ground)
		}
		ex = &e
	} else if r.Exemption != "" {
		return nil, models.Invalid("exemption", "requests.refuse.exemption_none")
	}
	switch {
	case r.Fee < 0 || r.Fee > 1e6:
		return nil, models.Invalid("fee", "requests.refuse.fee")
	case r.Fee > 0 && !provides(r.Result):
		return nil, models.Invalid("fee", "requests.refuse.fee_refusal")
	case r.Fee > 0 && r.FeeBasis == "":
		return nil, models.Invalid("fee_basis", "requests.refuse.fee_basis")
	case r.Fee > 0 && r.FeeWaived:
		return nil, models.Invalid("fee", "requests.refuse.fee_waived")
	case len([]rune(r.FeeBasis)) > MaxBasis:
		return nil, models.Invalid("fee_basis", "requests.refuse.too_long", MaxBasis)
	case r.Delivered.IsZero() || r.Delivered < r.On:
		return nil, models.Invalid("delivered", "requests.refuse.delivered")
	case !slices.Contains(DeliveryMethods, r.Method):
		return nil, models.Invalid("method", "requests.refuse.method")
	}
	return ex, nil
}

// Answer answers the applicant (答复) and issues the 答复书 in the wording
// of the result; when the third party disagreed and the answer provides
// the information anyway, the reason is required and a notice goes to the
// third party. A request waiting for its correction, its third party, the
// office's decision on an extension or a unit's answer cannot be answered
// yet; one answered is refused (a double submit).
func (s *Store) Answer(ctx context.Context, v models.Viewer, id uint, r Reply, today scoring.Date) error {
	ex, err := r.check()
	if err != nil {
		return err
	}
	if _, err := models.CheckText("reason", "requests.field.disclose_reason", r.DiscloseReason, models.MaxText, false); err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, r.On, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if r.Delivered > today {
			return models.Invalid("delivered", "requests.refuse.future")
		}
		switch {
		case st.WaitingCorrection:
			return models.Invalid("", "requests.refuse.waiting_correction")
		case st.WaitingThirdParty:
			return models.Invalid("", "requests.refuse.waiting_third_party")
		case st.ExtensionPending:
			return models.Invalid("", "requests.refuse.extension_pending")
		case st.TransferPending:
			return models.Invalid("", "requests.refuse.transfer_pending")
		case st.LastStep > r.On:
			return models.Invalid("date", "requests.refuse.before_step")
		}
		overrides := st.ThirdPartyOpinion == Disagree && provides(r.Result)
		if overrides && r.DiscloseReason == "" {
			return models.Invalid("reason", "requests.refuse.disclose_reason")
		}
		q.Answered, q.Result, q.Answer = timeOf(r.On), r.Result, r.AnswerType
		q.Fee, q.FeeBasis, q.FeeWaived = r.Fee, r.FeeBasis, r.FeeWaived
		q.Delivered, q.DeliveryMethod, q.Exemption = timeOf(r.Delivered), r.Method, ""
		facts := map[string]string{"办理结果": resultText(r.Result), "送达": fmt.Sprintf("以%s方式提供", r.Method), "收费": feeText(r)}
		if ex != nil {
			q.Exemption = ex.Ground
			facts["不予公开理由"], facts["法律依据"] = exemptionText(ex.Ground), ex.Basis
			if r.AnswerType == Refusal {
				q.Answer = Refusal + "（" + ex.Annex2 + "）"
			}
		}
		if overrides {
			doc, err := issue(tx, q, letterInput{Kind: LetterDisclosure, On: r.On, To: st.ThirdParty, Facts: map[string]string{"公开理由": r.DiscloseReason}})
			if err != nil {
				return err
			}
			if _, err := addStep(tx, q, Step{Kind: StepDisclosureNotice, On: r.On.Time(), Party: st.ThirdParty, Note: r.DiscloseReason, DocumentID: doc.ID}); err != nil {
				return err
			}
		}
		doc, err := issue(tx, q, letterInput{Kind: answerLetter(r.Result), On: r.On, Facts: facts})
		if err != nil {
			return err
		}
		_, err = addStep(tx, q, Step{Kind: StepAnswer, On: r.On.Time(), Opinion: "", Note: r.Result, DocumentID: doc.ID})
		return err
	})
}

// resultText is a result as a letter says it: the reason, or the group.
func resultText(result string) string {
	if _, reason, ok := strings.Cut(result, reports.ResultSep); ok {
		return reason
	}
	return result
}

// exemptionText is a ground as a letter says it.
func exemptionText(ground string) string {
	switch ground {
	case "国家秘密":
		return "国家秘密"
	case "法律法规禁止":
		return "法律、行政法规禁止公开的信息"
	case "三安全一稳定":
		return "公开后可能危及国家安全、公共安全、经济安全、社会稳定的信息"
	case "第三方合法权益":
		return "商业秘密、个人隐私等公开会对第三方合法权益造成损害的信息"
	case "内部事务":
		return "内部事务信息"
	case "过程性信息":
		return "过程性信息"
	case "行政执法案卷":
		return "行政执法案卷信息"
	}
	return "依法不予公开的信息"
}

// feeText is what a letter says of the fee.
func feeText(r Reply) string {
	switch {
	case r.Fee > 0:
		return fmt.Sprintf("根据%s，收取信息处理费%.2f元。", r.FeeBasis, r.Fee)
	case r.FeeWaived:
		return "本次信息处理费予以减免。"
	}
	return ""
}
