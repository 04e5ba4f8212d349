// Package requests is the room of a request worked in the app (依申请公开,
// seed 004 art. 19-25; 条例 2019 art. 29-45): its registration, its steps
// (补正, 征求第三方意见, 延期, 内部转办, 答复) each on its clock, and the
// letters each step issues from the office's templates. Every step writes
// the request's own columns that scoring (B1-B3, fees), Annex 2 and the
// national report read (CorrectionStart/End, PauseStart/End, Extended,
// Answered, Answer, Result, Fee…), so their meaning does not change; the
// steps' history with dates, who and what is this room's table.
package requests

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// Store works requests.
type Store struct{ *models.Store }

// New wraps the core's Store.
func New(s *models.Store) *Store { return &Store{s} }

// Step is one step of a request as it was taken: its date, what it said
// (what to supplement, the reason, the opinion), the party it concerns
// (the third party, the unit a part was forwarded to) and the letter it
// issued.
type Step struct {
	ID         uint
	RequestID  uint
	Seq        int
	Kind       string
	On         time.Time
	Note       string
	Party      string
	PartyID    uint   // the department a part was forwarded to
	Opinion    string // a third party's 同意 / 不同意; the office's 批准 / 不批准
	DocumentID uint
	By         string
	At         time.Time
}

// TableName names the table.
func (Step) TableName() string { return "request_steps" }

// Date is the step's date.
func (s Step) Date() scoring.Date { return scoring.DateOf(s.On) }

// The kinds of step, in the order a request may take them.
const (
	StepRegister          = "register"           // 登记
	StepCorrection        = "correction"         // 补正告知
	StepCorrected         = "corrected"          // 收到补正
	StepAbandoned         = "abandoned"          // 逾期未补正，视为放弃
	StepConsult           = "consult"            // 征求第三方意见
	StepReply             = "reply"              // 第三方答复
	StepNoReply           = "no_reply"           // 第三方逾期未答复
	StepExtensionAsked    = "extension_asked"    // 申请延期
	StepExtensionApproved = "extension_approved" // 办公室批准延期
	StepExtensionRefused  = "extension_refused"  // 办公室不批准延期
	StepTransfer          = "transfer"           // 内部转办
	StepTransferAnswer    = "transfer_answer"    // 承办单位答复
	StepAnswer            = "answer"             // 答复申请人
	StepDisclosureNotice  = "disclosure_notice"  // 决定公开，书面告知第三方
	StepLetterCorrected   = "letter_corrected"   // 文书更正
)

// Opinions a third party gives, and the office's decisions on an extension.
const (
	Agree    = "同意"
	Disagree = "不同意"
	Approve  = "批准"
	Refuse   = "不批准"
)

// Channels are the ways a request may be received (申请方式); 电话 is
// not one: a telephone enquiry is told how to apply and not registered.
var Channels = []string{"当面", "信函", scoring.ChannelOnline, "电子邮件", "传真"}

// ChannelPhone is the channel a request may not come by.
const ChannelPhone = "电话"

// DeliveryForms are the forms of delivery an applicant may ask for
// (获取信息方式) and the methods of delivery (送达方式).
var (
	DeliveryForms   = []string{"纸质文本", "电子邮件", "光盘", "当场查阅", "其他"}
	DeliveryMethods = []string{"当面领取", "邮寄", "电子邮件", "网上答复", "传真"}
)

// AnswerTypes are Annex 2 §4(三)'s answer types (答复类型), as Annex 2
// counts them (models/reports/answers.go).
var AnswerTypes = []string{"已主动公开", "同意公开", "部分公开", "不同意公开", "不属于本机关", "信息不存在", "告知更改补充", "告知其他途径"}

// Refusal is the answer type of a refusal; the Store writes its reason
// after it as Annex 2 reads it (不同意公开（涉及国家秘密）).
const Refusal = "不同意公开"

// Exemption is a ground for withholding (不予公开的理由) with its legal
// basis, the national report's reason it files under, and the reason as
// Annex 2's refusal lines read it.
type Exemption struct {
	Ground, Basis, Result, Annex2 string
}

// Exemptions is the fixed list of grounds (条例 art. 14-16; seed 004).
var Exemptions = []Exemption{
	{"国家秘密", "《中华人民共和国政府信息公开条例》第十四条", "不予公开：属于国家秘密", "涉及国家秘密"},
	{"法律法规禁止", "《中华人民共和国政府信息公开条例》第十四条", "不予公开：其他法律行政法规禁止公开", "法律法规规定的其他情形"},
	{"三安全一稳定", "《中华人民共和国政府信息公开条例》第十四条", "不予公开：危及“三安全一稳定”", "危及国家安全、公共安全、经济安全和社会稳定"},
	{"第三方合法权益", "《中华人民共和国政府信息公开条例》第十五条", "不予公开：保护第三方合法权益", "涉及个人隐私等第三方合法权益"},
	{"内部事务", "《中华人民共和国政府信息公开条例》第十六条第一款", "不予公开：属于三类内部事务信息", "法律法规规定的其他情形"},
	{"过程性信息", "《中华人民共和国政府信息公开条例》第十六条第二款", "不予公开：属于四类过程性信息", "法律法规规定的其他情形"},
	{"行政执法案卷", "《中华人民共和国政府信息公开条例》第十六条第二款", "不予公开：属于行政执法案卷", "法律法规规定的其他情形"},
	{"其他", "《中华人民共和国政府信息公开条例》", "", "法律法规规定的其他情形"},
}

// ExemptionOf finds a ground by name.
func ExemptionOf(ground string) (Exemption, bool) {
	for _, e := range Exemptions {
		if e.Ground == ground {
			return e, true
		}
	}
	return Exemption{}, false
}

// Abandoned is the national result of a request closed as 视为放弃.
const Abandoned = "其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"

// load reads a request in tx and checks that v may take action a on it:
// a request of a department v may not read is a 404, like one that does
// not exist.
func load(tx *models.Tx, v models.Viewer, a models.Action, id uint) (*models.Request, error) {
	var q models.Request
	if err := tx.ForUpdate().First(&q, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read request %d: %w", id, err)
	}
	if err := v.MayForDepartment(a, q.DepartmentID); err != nil {
		return nil, err
	}
	return &q, nil
}

// stepsOf reads a request's steps in order.
func stepsOf(db *gorm.DB, id uint) ([]Step, error) {
	var out []Step
	if err := db.Where("request_id = ?", id).Order("seq").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read steps of request %d: %w", id, err)
	}
	return out, nil
}

// addStep writes the next step of a request and its audit entry.
func addStep(tx *models.Tx, q *models.Request, st Step) (*Step, error) {
	var last int
	if err := tx.DB.Model(&Step{}).Where("request_id = ?", q.ID).Select("COALESCE(MAX(seq), 0)").Scan(&last).Error; err != nil {
		return nil, fmt.Errorf("number step: %w", err)
	}
	st.RequestID, st.Seq, st.By, st.At = q.ID, last+1, tx.Viewer.Name, time.Now().UTC()
	if err := tx.DB.Create(&st).Error; err != nil {
		return nil, fmt.Errorf("store step %s: %w", st.Kind, err)
	}
	return &st, tx.Record("request_step", "request", q.ID, nil, map[string]any{
		"step": st.Kind, "date": st.Date().String(), "note": st.Note, "party": st.Party, "opinion": st.Opinion, "document_id": st.DocumentID})
}

// save writes the request's columns a step changed, audit-logged with
// before and after.
func save(tx *models.Tx, before, after *models.Request) error {
	after.UpdatedAt = time.Now().UTC()
	if err := tx.DB.Save(after).Error; err != nil {
		return fmt.Errorf("save request %d: %w", after.ID, err)
	}
	return tx.Record("update", "request", after.ID, clockColumns(before), clockColumns(after))
}

// clockColumns are the columns the scores and reports read, for the audit log.
func clockColumns(q *models.Request) map[string]any {
	d := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return scoring.DateOf(*t).String()
	}
	return map[string]any{"received": scoring.DateOf(q.Received).String(), "channel": q.Channel, "forwarded": d(q.Forwarded),
		"correction_start": d(q.CorrectionStart), "correction_end": d(q.CorrectionEnd), "pause_start": d(q.PauseStart), "pause_end": d(q.PauseEnd),
		"extended": q.Extended, "answered": d(q.Answered), "answer": q.Answer, "result": q.Result, "applicant": q.Applicant,
		"fee": q.Fee, "fee_basis": q.FeeBasis, "fee_waived": q.FeeWaived, "exemption": q.Exemption, "delivered": d(q.Delivered), "delivery_method": q.DeliveryMethod}
}

// timeOf is a date as a request's date column holds it.
func timeOf(d scoring.Date) *time.Time {
	t := d.Time()
	return &t
}

// dateOf is an optional date column's date, zero when unset.
func dateOf(t *time.Time) scoring.Date {
	if t == nil {
		return 0
	}
	return scoring.DateOf(*t)
}

// Letters lists the letters issued about a request, oldest first.
func (s *Store) Letters(ctx context.Context, id uint) ([]documents.Document, error) {
	return documents.Of(ctx, s.DB, Subject, id)
}

// Subject names a request as the subject of its letters.
const Subject = "request"
