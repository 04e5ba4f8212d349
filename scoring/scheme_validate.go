package scoring

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// ValidationError is one thing wrong with a scheme: the field concerned
// (JSON path, may be empty) and a sentence in Chinese for the office.
type ValidationError struct {
	Field   string
	Message string
	// Err is the underlying error, if any, for logs.
	Err error
}

// Error returns the Chinese sentence.
func (e ValidationError) Error() string { return e.Message }

// Unwrap returns the underlying error.
func (e ValidationError) Unwrap() error { return e.Err }

// ValidationErrors lists every problem found, so that the office can fix a
// draft in one pass.
type ValidationErrors []ValidationError

// Error joins the sentences with Chinese semicolons.
func (es ValidationErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "；")
}

// Unwrap lets errors.As reach each problem.
func (es ValidationErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// Vocabularies of docs/FORMATS.md that a scheme may refer to.
var (
	cadenceKeywords = []string{"长期", "每季度", "每月", "及时"}
	sanctions       = []string{"告诫", "批评教育", "通报批评", "书面检查", "取消评先选优资格", "限期整改", "政纪处分", "移送司法机关"}
	incidentKinds   = []string{"泄密", "不应公开而公开", "弄虚作假"}
	// idleZeroable are the indicators whose "nothing counted" case would
	// give full points to a department that published nothing.
	idleZeroable = []string{"A2", "D2"}
)

// Validate checks the rules of a scheme and returns ValidationErrors listing
// every problem, or nil.
func (s *Scheme) Validate() error {
	var v validator
	if strings.TrimSpace(s.Version) == "" {
		v.add("version", "方案版本号不能为空")
	}
	if strings.TrimSpace(s.Name) == "" {
		v.add("name", "方案名称不能为空")
	}
	v.indicators(s)
	v.grades(s.Grades)
	v.timeLimits(s.TimeLimits)
	v.vocabulary("cadences", "公开时限", s.Cadences, cadenceKeywords)
	v.vocabulary("capping_sanctions", "处理方式", s.CappingSanctions, sanctions)
	v.vocabulary("veto_incidents", "事件类别", s.VetoIncidents, incidentKinds)
	v.vocabulary("idle_zero", "无公开记录即不得分的指标", s.IdleZero, idleZeroable)
	if q := s.ExcellentQuota; q != nil && (q.Rat().Sign() <= 0 || q.Rat().Cmp(big.NewRat(1, 1)) > 0) {
		v.add("excellent_quota", fmt.Sprintf("优秀比例须大于 0 且不超过 1，现为 %s", q))
	}
	v.params(s)
	if len(v.errs) == 0 {
		return nil
	}
	return v.errs
}

// validator collects problems.
type validator struct{ errs ValidationErrors }

func (v *validator) add(field, msg string) {
	v.errs = append(v.errs, ValidationError{Field: field, Message: msg})
}

// indicators checks that A1..D3 each appear once, and the optional ones
// (A5, B3, D4, D5) at most once, with points summing to 100.
func (v *validator) indicators(s *Scheme) {
	seen := make(map[string]bool)
	sum := new(big.Rat)
	for i, ind := range s.Indicators {
		field := fmt.Sprintf("indicators[%d]", i)
		switch {
		case rules[ind.Code] == nil:
			v.add(field+".code", fmt.Sprintf("指标代码“%s”无法识别（应为 %s 之一）", ind.Code, strings.Join(ruleCodes(), "、")))
		case seen[ind.Code]:
			v.add(field+".code", fmt.Sprintf("指标 %s 重复出现", ind.Code))
		}
		seen[ind.Code] = true
		if strings.TrimSpace(ind.Name) == "" {
			v.add(field+".name", fmt.Sprintf("指标 %s 的名称不能为空", ind.Code))
		}
		if ind.Points.Rat().Sign() < 0 {
			v.add(field+".points", fmt.Sprintf("指标 %s 的分值不能为负数", ind.Code))
		}
		sum.Add(sum, ind.Points.Rat())
	}
	for _, code := range ruleCodes() {
		if !seen[code] && !optional[code] {
			v.add("indicators", fmt.Sprintf("缺少指标 %s（不计分的指标可设分值为 0）", code))
		}
	}
	if sum.Cmp(big.NewRat(100, 1)) != 0 {
		v.add("indicators", fmt.Sprintf("各项指标分值之和须为 100，现为 %s", Decimal{sum}))
	}
}

// grades checks 0 < 基本合格 < 合格 < 优秀 ≤ 100.
func (v *validator) grades(g Thresholds) {
	zero, hundred := new(big.Rat), big.NewRat(100, 1)
	b, p, e := g.BasicPass.Rat(), g.Pass.Rat(), g.Excellent.Rat()
	if !(zero.Cmp(b) < 0 && b.Cmp(p) < 0 && p.Cmp(e) < 0 && e.Cmp(hundred) <= 0) {
		v.add("grades", fmt.Sprintf("等级分数线须满足 0 < 基本合格 < 合格 < 优秀 ≤ 100，现为基本合格 %s、合格 %s、优秀 %s",
			g.BasicPass, g.Pass, g.Excellent))
	}
}

// timeLimits checks that limits are not negative and that the two clocks
// the indicators run on have at least one day.
func (v *validator) timeLimits(t TimeLimits) {
	for _, l := range []struct {
		field, name string
		days, least int
	}{
		{"publication", "信息公开时限", t.Publication, 1},
		{"request", "依申请答复时限", t.Request, 1},
		{"extension", "依申请延期时限", t.Extension, 0},
		{"secrecy_review", "保密审查时限", t.SecrecyReview, 0},
		{"coordination", "协调时限", t.Coordination, 0},
	} {
		if l.days < l.least {
			v.add("time_limits."+l.field, fmt.Sprintf("%s须不少于 %d 个工作日，现为 %d", l.name, l.least, l.days))
		}
	}
}

// vocabulary checks that every value is known and listed once.
func (v *validator) vocabulary(field, what string, values, known []string) {
	for i, x := range values {
		switch {
		case !slices.Contains(known, x):
			v.add(fmt.Sprintf("%s[%d]", field, i), fmt.Sprintf("%s“%s”无法识别（可选：%s）", what, x, strings.Join(known, "、")))
		case slices.Index(values, x) < i:
			v.add(fmt.Sprintf("%s[%d]", field, i), fmt.Sprintf("%s“%s”重复出现", what, x))
		}
	}
}

// params checks the indicator settings against the indicators' points, so
// that a department doing everything right gets exactly the points.
func (v *validator) params(s *Scheme) {
	p := s.Params
	if strings.TrimSpace(p.Website.Channel) == "" {
		v.add("params.A4.channel", "网站更新指标（A4）须指定公开形式")
	}
	if p.Website.MinPerWeek < 1 {
		v.add("params.A4.min_per_week", "网站更新指标（A4）每周至少条数须为正整数")
	}
	if p.Overturned.PerCase.Rat().Sign() < 0 {
		v.add("params.B2.per_case", "被依法纠错每件扣分（B2）不能为负数")
	}

	q := p.Quarterly
	if d1, ok := s.Indicator("D1"); ok {
		four := new(big.Rat).Mul(q.OnTime.Rat(), big.NewRat(4, 1))
		if four.Cmp(d1.Points.Rat()) != 0 {
			v.add("params.D1.on_time", fmt.Sprintf("季度报表按时报送每季得分的 4 倍须等于 D1 分值 %s，现为 %s", d1.Points, Decimal{four}))
		}
	}
	v.ordered("params.D1", "季度报表（D1）", q.OnTime, q.Late, q.Missing)
	if len(q.Due) != 4 {
		v.add("params.D1.due", fmt.Sprintf("季度报表须有 4 个报送截止日，现为 %d 个", len(q.Due)))
	}
	for i, md := range q.Due {
		if _, _, err := parseMonthDay(md); err != nil {
			v.add(fmt.Sprintf("params.D1.due[%d]", i), "季度报表截止日"+err.Error())
		}
	}

	v.clockParams(s)

	a := p.AnnualReport
	if d3, ok := s.Indicator("D3"); ok && a.OnTime.Rat().Cmp(d3.Points.Rat()) != 0 {
		v.add("params.D3.on_time", fmt.Sprintf("年度报告按时报送得分须等于 D3 分值 %s，现为 %s", d3.Points, a.OnTime))
	}
	v.ordered("params.D3", "年度报告（D3）", a.OnTime, a.Late, a.Missing)
	if _, _, err := parseMonthDay(a.Due); err != nil {
		v.add("params.D3.due", "年度报告截止日"+err.Error())
	}
}

// ordered checks 0 ≤ missing ≤ late ≤ on time: filing late never scores
// below not filing.
func (v *validator) ordered(field, what string, onTime, late, missing Decimal) {
	if missing.Rat().Sign() < 0 || missing.Cmp(late) > 0 || late.Cmp(onTime) > 0 {
		v.add(field, fmt.Sprintf("%s得分须满足 0 ≤ 未报送 ≤ 迟报 ≤ 按时，现为 %s、%s、%s", what, missing, late, onTime))
	}
}

// parseMonthDay reads a yearly due date written MM-DD. 02-29 is refused: a
// due date must exist every year.
func parseMonthDay(s string) (time.Month, int, error) {
	bad := fmt.Errorf("“%s”无效，应写作 MM-DD，例如 03-20", s)
	if len(s) != 5 || s[2] != '-' {
		return 0, 0, bad
	}
	m, ok1 := digits(s[:2])
	d, ok2 := digits(s[3:])
	if !ok1 || !ok2 || m < 1 || m > 12 || d < 1 || d > daysIn(2023, m) {
		return 0, 0, bad
	}
	return time.Month(m), d, nil
}
