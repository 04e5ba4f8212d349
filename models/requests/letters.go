package requests

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// Letter is a kind of letter a request's steps issue: its code (the
// document's kind), its title, whom it goes to, and the default wording
// of its body, which the office may change (Template). A body names the
// request's facts by placeholders in braces: {申请人}, {申请编号}…
type Letter struct {
	Kind, Title, Default string
	// ToThirdParty: addressed to the third party, not the applicant;
	// ToUnit: to the unit a part is forwarded to.
	ToThirdParty, ToUnit bool
}

// The letters' kinds (documents.Document.Kind).
const (
	LetterCorrection = "request_correction"  // 补正告知书
	LetterConsult    = "request_consult"     // 征求第三方意见书
	LetterExtension  = "request_extension"   // 延长答复期限告知书
	LetterTransfer   = "request_transfer"    // 转办单
	LetterDisclosure = "request_disclosure"  // 第三方公开决定告知书 (art. 32)
	LetterAnswer     = "request_answer"      // 答复书, 予以公开
	LetterPartial    = "request_answer_part" // 答复书, 部分公开
	LetterRefusal    = "request_answer_no"   // 答复书, 不予公开
	LetterNone       = "request_answer_none" // 答复书, 无法提供
	LetterNotHandled = "request_answer_skip" // 答复书, 不予处理 and 其他处理
)

// Letters are every letter of a request, in the order of the steps.
var Letters = []Letter{
	{Kind: LetterCorrection, Title: "政府信息公开申请补正告知书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。经审查，该申请{补正事项}。\n" +
		"根据《中华人民共和国政府信息公开条例》第三十条的规定，请你（单位）于{补正期限}前对申请作出补正。答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"},
	{Kind: LetterConsult, Title: "政府信息公开征求第三方意见书", ToThirdParty: true, Default: "本机关于{收到日期}收到一份政府信息公开申请（申请编号：{申请编号}），申请公开的信息涉及你（单位）的合法权益：{征询事项}。\n" +
		"根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你（单位）的意见。请于{第三方期限}前提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。"},
	{Kind: LetterExtension, Title: "延长政府信息公开答复期限告知书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。因{延期理由}，本机关不能在规定期限内作出答复。\n" +
		"根据《中华人民共和国政府信息公开条例》第三十三条的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长工作日}个工作日，至{答复期限}。"},
	{Kind: LetterTransfer, Title: "政府信息公开申请转办单", ToUnit: true, Default: "现将申请编号为{申请编号}的政府信息公开申请（{收到日期}收到）中涉及你单位的部分转你单位办理：{转办事项}。\n" +
		"请于{答复期限}前将办理意见反馈本部门，由本部门统一答复申请人。"},
	{Kind: LetterDisclosure, Title: "政府信息公开第三方告知书", ToThirdParty: true, Default: "本机关就申请编号为{申请编号}的政府信息公开申请征求了你（单位）的意见，你（单位）不同意公开。\n" +
		"本机关认为不公开可能对公共利益造成重大影响，根据《中华人民共和国政府信息公开条例》第三十二条的规定，决定予以公开。理由：{公开理由}。\n决定公开的政府信息内容：{申请内容}。"},
	{Kind: LetterAnswer, Title: "政府信息公开申请答复书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。\n" +
		"经审查，你（单位）申请公开的信息属于公开范围，现予以公开，{送达}。{收费}"},
	{Kind: LetterPartial, Title: "政府信息公开申请答复书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。\n" +
		"经审查，你（单位）申请公开的信息中，涉及{不予公开理由}的部分不予公开，依据为{法律依据}；其余部分予以公开，{送达}。{收费}"},
	{Kind: LetterRefusal, Title: "政府信息公开申请答复书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。\n" +
		"经审查，你（单位）申请公开的信息属于{不予公开理由}，根据{法律依据}的规定，决定不予公开。"},
	{Kind: LetterNone, Title: "政府信息公开申请答复书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。\n" +
		"经审查，{办理结果}，本机关无法提供。"},
	{Kind: LetterNotHandled, Title: "政府信息公开申请答复书", Default: "你（单位）于{收到日期}提出的政府信息公开申请（申请编号：{申请编号}）收悉。\n" +
		"经审查，{办理结果}，本机关不予处理。"},
}

// LetterOf finds a letter by kind.
func LetterOf(kind string) (Letter, bool) {
	for _, l := range Letters {
		if l.Kind == kind {
			return l, true
		}
	}
	return Letter{}, false
}

// answerLetter is the answer's letter for a national result: its wording
// follows the result's group.
func answerLetter(result string) string {
	group, _, _ := strings.Cut(result, "：")
	switch group {
	case "予以公开":
		return LetterAnswer
	case "部分公开":
		return LetterPartial
	case "不予公开":
		return LetterRefusal
	case "无法提供":
		return LetterNone
	}
	return LetterNotHandled
}

// Template is a version of a letter's body as the office saved it.
type Template struct {
	ID      uint
	Kind    string
	Version int
	Body    string
	SavedBy string
	SavedAt time.Time
}

// TableName names the table.
func (Template) TableName() string { return "request_letter_templates" }

// MaxTemplate bounds a template's body, in characters.
const MaxTemplate = 4000

// Wording is a letter's current body: the office's newest version, else
// the default; and the version (0 for the default).
func (s *Store) Wording(ctx context.Context, kind string) (string, int, error) {
	return wording(s.DB.WithContext(ctx), kind)
}

func wording(db *gorm.DB, kind string) (string, int, error) {
	l, ok := LetterOf(kind)
	if !ok {
		return "", 0, models.ErrNotFound
	}
	var t Template
	res := db.Where("kind = ?", kind).Order("version DESC").Limit(1).Find(&t)
	if res.Error != nil {
		return "", 0, fmt.Errorf("read template %s: %w", kind, res.Error)
	}
	if res.RowsAffected == 0 {
		return l.Default, 0, nil
	}
	return t.Body, t.Version, nil
}

// TemplateView is a letter with its current wording, for the office's page.
type TemplateView struct {
	Letter
	Body    string
	Version int
	SavedBy string
	SavedAt time.Time
}

// Templates lists every letter with its current wording.
func (s *Store) Templates(ctx context.Context) ([]TemplateView, error) {
	var out []TemplateView
	for _, l := range Letters {
		var t Template
		res := s.DB.WithContext(ctx).Where("kind = ?", l.Kind).Order("version DESC").Limit(1).Find(&t)
		if res.Error != nil {
			return nil, fmt.Errorf("read template %s: %w", l.Kind, res.Error)
		}
		v := TemplateView{Letter: l, Body: l.Default}
		if res.RowsAffected > 0 {
			v.Body, v.Version, v.SavedBy, v.SavedAt = t.Body, t.Version, t.SavedBy, t.SavedAt
		}
		out = append(out, v)
	}
	return out, nil
}

// SaveTemplate keeps body as the next version of a letter's wording,
// audit-logged; letters issued before keep what they said. An unchanged
// body is refused, as a double submit is.
func (s *Store) SaveTemplate(ctx context.Context, v models.Viewer, kind, body string) error {
	if !v.Can(models.ActEditLetters) {
		return models.ErrForbidden
	}
	if _, ok := LetterOf(kind); !ok {
		return models.ErrNotFound
	}
	body, err := models.CheckText("body", "requests.field.template", strings.ReplaceAll(body, "\r\n", "\n"), MaxTemplate, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		current, version, err := wording(tx.DB, kind)
		if err != nil {
			return err
		}
		if current == body {
			return models.Invalid("body", "requests.refuse.template_unchanged")
		}
		t := Template{Kind: kind, Version: version + 1, Body: body, SavedBy: v.Name, SavedAt: time.Now().UTC()}
		if err := tx.DB.Create(&t).Error; err != nil {
			return fmt.Errorf("save template %s: %w", kind, err)
		}
		return tx.Record("save_template", "request_letter", kind, map[string]any{"version": version, "text": current}, map[string]any{"version": t.Version, "text": body})
	})
}

// fill puts a request's facts into a template's placeholders; a
// placeholder without a fact is left as written, for the office to see.
func fill(body string, facts map[string]string) string {
	pairs := make([]string, 0, 2*len(facts))
	for k, v := range facts {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(body)
}

// Placeholders lists the facts a template may name.
var Placeholders = []string{"申请人", "申请编号", "收到日期", "申请内容", "补正事项", "补正期限", "征询事项", "第三方期限", "延期理由", "延长工作日", "答复期限",
	"转办事项", "公开理由", "不予公开理由", "法律依据", "办理结果", "送达", "收费"}

// letterInput is what a letter says beyond the request: the facts a step
// adds and to whom it goes.
type letterInput struct {
	Kind  string
	On    scoring.Date
	To    string
	Facts map[string]string
	RefID uint
	Body  string // the body as typed (a corrected letter), instead of the template's
}

// issue numbers and stores a letter of the request's department in tx,
// from the letter's current wording.
func issue(tx *models.Tx, q *models.Request, in letterInput) (*documents.Document, error) {
	l, ok := LetterOf(in.Kind)
	if !ok {
		return nil, fmt.Errorf("no letter %s", in.Kind)
	}
	var d models.Department
	if err := tx.DB.First(&d, q.DepartmentID).Error; err != nil {
		return nil, fmt.Errorf("read department %d: %w", q.DepartmentID, err)
	}
	body, _, err := wording(tx.DB, in.Kind)
	if err != nil {
		return nil, err
	}
	if in.Body != "" {
		body = in.Body
	}
	facts := map[string]string{"申请人": q.ApplicantName, "申请编号": q.RequestNo, "收到日期": documents.ChineseDate(scoring.DateOf(q.Received)), "申请内容": q.Content}
	for k, v := range in.Facts {
		facts[k] = v
	}
	to := in.To
	if to == "" {
		to = q.ApplicantName
	}
	c := documents.Content{Issuer: Issuer(d.Name), Title: l.Title, To: to, Body: documents.Paragraphs(fill(body, facts)),
		Signer: Issuer(d.Name), Date: in.On, CopyTo: CopyTo}
	rel := ""
	if in.RefID != 0 {
		rel = documents.Corrects
	}
	return documents.IssueIn(tx, documents.Issue{Kind: in.Kind, Series: Series(d.Name, d.Code), Year: in.On.Year(),
		Subject: Subject, SubjectID: q.ID, RefID: in.RefID, Relation: rel, Content: c})
}

// CopyTo is whom a copy of every request letter goes to: the office,
// which sees every department's ledger.
const CopyTo = "市公安局政府信息公开工作领导小组办公室"

// Issuer is the department as its letters name it.
func Issuer(dept string) string { return "市公安局" + dept }

// Series is the series of a department's request letters: 治安支队依申〔2026〕3号;
// a name too long for the series column gives its code.
func Series(name, code string) string {
	if s := name + "依申"; utf8.RuneCountInString(s) <= 32 {
		return s
	}
	return code + "依申"
}

// CorrectLetter issues a corrected letter of a request: a new document of
// the same kind, to the same addressee, dated on, with the body as typed,
// naming the letter it corrects (documents.Corrects); the earlier letter
// stays as it was issued. A letter is corrected once; a later correction
// corrects the correction.
func (s *Store) CorrectLetter(ctx context.Context, v models.Viewer, id, letter uint, on scoring.Date, body string, today scoring.Date) error {
	body, err := models.CheckText("body", "requests.field.corrected_body", body, models.MaxText, true)
	if err != nil {
		return err
	}
	return s.step(ctx, v, models.ActWorkRequests, id, func(tx *models.Tx, q *models.Request, _ *state) error {
		if err := notBefore(q, on, today); err != nil {
			return err
		}
		var old documents.Document
		res := tx.DB.Omit("html", "docx").Where("id = ? AND subject = ? AND subject_id = ?", letter, Subject, q.ID).Limit(1).Find(&old)
		if res.Error != nil {
			return fmt.Errorf("read letter %d: %w", letter, res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Invalid("letter", "requests.refuse.letter")
		}
		if on < old.Date() {
			return models.Invalid("date", "requests.refuse.before_step")
		}
		var later int64
		if err := tx.DB.Model(&documents.Document{}).Where("ref_id = ? AND relation = ?", old.ID, documents.Corrects).Count(&later).Error; err != nil {
			return fmt.Errorf("check corrections: %w", err)
		}
		if later > 0 {
			return models.Invalid("letter", "requests.refuse.letter_corrected", old.Number)
		}
		doc, err := issue(tx, q, letterInput{Kind: old.Kind, On: on, To: old.Addressee, RefID: old.ID, Body: body})
		if err != nil {
			return err
		}
		_, err = addStep(tx, q, Step{Kind: StepLetterCorrected, On: on.Time(), Note: old.Number, DocumentID: doc.ID})
		return err
	})
}
