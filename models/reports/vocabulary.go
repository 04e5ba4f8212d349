package reports

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
)

// The vocabularies of the national annual report format
// (国办公开办函〔2021〕30号, ANNUAL-REPORT.md). Records store these Chinese
// words; the report's tables are laid out by them.

// ApplicantNatural is 自然人; the other applicant types are the kinds of
// 法人或其他组织.
const ApplicantNatural = "自然人"

// ApplicantTypes are the columns of table 三 (申请人情况), in order.
var ApplicantTypes = []string{ApplicantNatural, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// ResultGroup is a result row of table 三 (本年度办理结果) with its
// numbered reasons, if any.
type ResultGroup struct {
	Label   string   // e.g. "（三）不予公开"
	Name    string   // e.g. "不予公开"
	Reasons []string // empty for 予以公开 and 部分公开
}

// The two results that provide information: the only ones that admit a
// fee (seed 004 art. 27).
const (
	ResultDisclosed = "予以公开"
	ResultPartial   = "部分公开"
)

// ResultGroups are the rows 三(一) to 三(六).
var ResultGroups = []ResultGroup{
	{Label: "（一）予以公开", Name: ResultDisclosed},
	{Label: "（二）部分公开", Name: ResultPartial},
	{Label: "（三）不予公开", Name: "不予公开", Reasons: []string{"属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
		"属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"}},
	{Label: "（四）无法提供", Name: "无法提供", Reasons: []string{"本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"}},
	{Label: "（五）不予处理", Name: "不予处理", Reasons: []string{"信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"}},
	{Label: "（六）其他处理", Name: "其他处理", Reasons: []string{"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"}},
}

// ResultSep joins a result group and its reason: 不予公开：属于国家秘密.
const ResultSep = "："

// ResultCategories lists every result as stored, in the table's order.
func ResultCategories() []string {
	var out []string
	for _, g := range ResultGroups {
		if len(g.Reasons) == 0 {
			out = append(out, g.Name)
		}
		for _, r := range g.Reasons {
			out = append(out, g.Name+ResultSep+r)
		}
	}
	return out
}

// resultIndex maps every accepted spelling of a result to its stored form:
// the stored form itself, the group and reason joined by any dash, slash or
// colon, the reason in brackets after the group, and a reason alone where it
// names one category only.
var resultIndex = func() map[string]string {
	m := map[string]string{}
	seen := map[string]int{}
	for _, g := range ResultGroups {
		if len(g.Reasons) == 0 {
			m[g.Name] = g.Name
		}
		for _, r := range g.Reasons {
			c := g.Name + ResultSep + r
			for _, sep := range []string{"：", ":", "-", "－", "—", "/", "、", ""} {
				m[g.Name+sep+r] = c
			}
			m[g.Name+"（"+r+"）"], m[g.Name+"("+r+")"] = c, c
			seen[r]++
			m["reason:"+r] = c
		}
	}
	for _, g := range ResultGroups {
		for _, r := range g.Reasons {
			if seen[r] == 1 && r != "其他" {
				m[r] = m["reason:"+r]
			}
			delete(m, "reason:"+r)
		}
	}
	return m
}()

// ParseResult returns the stored form of a result as a person may write it,
// or false.
func ParseResult(s string) (string, bool) {
	c, ok := resultIndex[strings.Join(strings.Fields(s), "")]
	return c, ok
}

// ParseApplicant returns an applicant type as stored, accepting the
// organisation types after 法人或其他组织 too (法人或其他组织-商业企业).
func ParseApplicant(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), "")
	for _, p := range []string{"法人或其他组织", "法人或者其他组织"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimLeft(strings.Trim(rest, "（）()"), "：:-－—/、")
			if s == ApplicantNatural {
				return "", false
			}
		}
	}
	for _, a := range ApplicantTypes {
		if s == a {
			return a, true
		}
	}
	return "", false
}

// ResultOfAnswer maps an old-vocabulary answer type (答复类型, Annex 2 §4
// of seed 000) to its national category where the meaning is unambiguous
// (ANNUAL-REPORT.md): 已主动公开 and 同意公开 → 予以公开; 部分公开 → 部分公开;
// 不属于本机关 and 信息不存在 → 无法提供：本机关不掌握相关政府信息. A refusal
// naming a statutory reason (国家秘密; 商业秘密 or 个人隐私; 安全 or 稳定)
// maps to that reason. The others (不同意公开 without a statutory reason, 告知更改补充, 告知其他途径) need a
// person: "".
func ResultOfAnswer(answer string) string {
	a := strings.Join(strings.Fields(answer), "")
	if c, ok := ParseResult(a); ok {
		return c
	}
	switch {
	case strings.HasPrefix(a, "不同意公开"):
		return refusalOf(a)
	case strings.Contains(a, "部分公开"):
		return ResultPartial
	case strings.Contains(a, "已主动公开"), a == "同意公开":
		return ResultDisclosed
	case strings.Contains(a, "不属于本"), strings.Contains(a, "信息不存在"):
		return "无法提供" + ResultSep + "本机关不掌握相关政府信息"
	}
	return ""
}

// refusalOf maps a refusal (不同意公开) whose written reason names a
// statutory one; a refusal without one needs a person.
func refusalOf(a string) string {
	reason := ""
	switch {
	case strings.Contains(a, "国家秘密"):
		reason = "属于国家秘密"
	case strings.Contains(a, "商业秘密"), strings.Contains(a, "个人隐私"):
		reason = "保护第三方合法权益"
	case strings.Contains(a, "安全"), strings.Contains(a, "稳定"):
		reason = "危及“三安全一稳定”"
	default:
		return ""
	}
	return "不予公开" + ResultSep + reason
}

// Categories are a request's applicant type and result as the annual
// report counts them: the record's own, else the office's categorisation c,
// else (the result) its old answer type where that maps unambiguously; ""
// where none gives one.
func Categories(q models.Request, c models.RequestCategory) (applicant, result string) {
	applicant = q.Applicant
	if applicant == "" {
		applicant = c.Applicant
	}
	for _, r := range []string{q.Result, c.Result, resultOfExemption(q), ResultOfAnswer(q.Answer)} {
		if r != "" {
			return applicant, r
		}
	}
	return applicant, ""
}

// Exemptions are the grounds of a refusal a request worked in the app
// stores (models.Request.Exemption, 不予公开的理由), in order.
var Exemptions = []string{"国家秘密", "法律法规禁止", "三安全一稳定", "第三方合法权益", "内部事务", "过程性信息", "行政执法案卷", "其他"}

// ExemptionReasons is the national result's reason (三(三) 不予公开) of each
// exemption ground; 其他 has none, and a person categorises it.
var ExemptionReasons = map[string]string{
	"国家秘密": "属于国家秘密", "法律法规禁止": "其他法律行政法规禁止公开", "三安全一稳定": "危及“三安全一稳定”",
	"第三方合法权益": "保护第三方合法权益", "内部事务": "属于三类内部事务信息", "过程性信息": "属于四类过程性信息", "行政执法案卷": "属于行政执法案卷",
}

// resultOfExemption is the national result of a refusal by the ground the
// record stores; "" for another answer, or without a ground that maps.
func resultOfExemption(q models.Request) string {
	reason := ExemptionReasons[q.Exemption]
	if reason == "" || q.Answer != "" && !strings.HasPrefix(compact(q.Answer), "不同意公开") {
		return ""
	}
	return resultRefused + ResultSep + reason
}

// RemedyOutcomes lists the outcomes of a reconsideration or a lawsuit
// (table 四, the records' words: models.OutcomeUpheld and the others) in the
// table's order.
var RemedyOutcomes = []string{models.OutcomeUpheld, models.OutcomeCorrected, models.OutcomeOther, models.OutcomePending}

// Kinds of lawsuit (行政诉讼).
const (
	SuitDirect     = "直接起诉"
	SuitAfterRecon = "复议后起诉"
)

// SuitKinds lists them in the table's order.
var SuitKinds = []string{SuitDirect, SuitAfterRecon}

// AnnualFinal marks a unit's annual report of a year final (定稿);
// DepartmentID 0 is the bureau.
type AnnualFinal struct {
	ID           uint      `gorm:"primaryKey"`
	Year         int       `gorm:"not null;uniqueIndex:uk_annual_final,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_annual_final,priority:2"`
	FinalBy      string    `gorm:"size:64;not null"`
	FinalAt      time.Time `gorm:"not null"`
}

// AnnualFigures are a unit's figures of a year that the national report
// needs and the records cannot give (sections 二 and 六), as JSON by their
// keys in AnnualFigureSpecs; a figure not filed is absent.
type AnnualFigures struct {
	ID           uint   `gorm:"primaryKey"`
	DepartmentID uint   `gorm:"not null;uniqueIndex:uk_annual_figures,priority:1"`
	Year         int    `gorm:"not null;uniqueIndex:uk_annual_figures,priority:2"`
	Figures      string `gorm:"type:text"`
	UpdatedAt    time.Time
}

// TableName keeps the table's name as the migration created it.
func (AnnualFigures) TableName() string { return "annual_figures" }

// AnnualFigureSpec is a figure of the national report that the records
// cannot give (sections 二 and 六): it comes from the business systems and
// is filed per unit and year.
type AnnualFigureSpec struct {
	Key, Name string
	Amount    bool // 万元, up to four decimals; otherwise a count
}

// AnnualFigureSpecs are the filed figures, in the report's order.
var AnnualFigureSpecs = []AnnualFigureSpec{
	{Key: "rules_issued", Name: "规章本年制发件数"},
	{Key: "rules_repealed", Name: "规章本年废止件数"},
	{Key: "rules_in_force", Name: "规章现行有效件数"},
	{Key: "norms_issued", Name: "行政规范性文件本年制发件数"},
	{Key: "norms_repealed", Name: "行政规范性文件本年废止件数"},
	{Key: "norms_in_force", Name: "行政规范性文件现行有效件数"},
	{Key: "licences", Name: "行政许可本年处理决定数量"},
	{Key: "penalties", Name: "行政处罚本年处理决定数量"},
	{Key: "enforcement", Name: "行政强制本年处理决定数量"},
	{Key: "fees", Name: "行政事业性收费本年收费金额（万元）", Amount: true},
	{Key: "processing_fee_notices", Name: "信息处理费收费通知件数"},
	{Key: "processing_fee_amount", Name: "信息处理费收费金额（万元）", Amount: true},
}

// ParseAnnualFigure reads a filed figure as typed in a file or a form.
func ParseAnnualFigure(f AnnualFigureSpec, v string) (float64, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	switch {
	case err != nil || n < 0 || n >= 1e12 || math.IsNaN(n):
		return 0, false
	case f.Amount && math.Abs(n*1e4-math.Round(n*1e4)) > 1e-6:
		return 0, false
	case !f.Amount && n != math.Trunc(n):
		return 0, false
	}
	return n, true
}

// FormatAnnualFigure writes a filed figure to be typed again: an amount to
// the four decimals it is filed with (no float noise as 40.536500000000004),
// a count as a whole number.
func FormatAnnualFigure(f AnnualFigureSpec, n float64) string {
	if f.Amount {
		n = math.Round(n*1e4) / 1e4
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// EncodeAnnualFigures writes filed figures as stored: JSON with sorted keys,
// "" when none, so that the same figures always compare equal.
func EncodeAnnualFigures(figures map[string]float64) string {
	if len(figures) == 0 {
		return ""
	}
	b, _ := json.Marshal(figures) // finite numbers always encode
	return string(b)
}
