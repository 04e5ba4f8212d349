package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Scheme is a scoring scheme (考核方案): the weights and rules of one
// assessment, as data. The defaults ship in seed/schemes/ and reproduce
// docs/SCHEMES.md; the office copies a version (Clone), edits it, and the
// leading group approves it, after which it is frozen.
type Scheme struct {
	// Version identifies the scheme; a changed scheme is a new version.
	Version string `json:"version"`
	// Name is the scheme's title shown to users.
	Name string `json:"name"`
	// Indicators lists A1..D3 in display order with their points.
	Indicators []Indicator `json:"indicators"`
	// Grades holds the lower bounds of the grades.
	Grades Thresholds `json:"grades"`
	// TimeLimits holds the working-day limits of the regime.
	TimeLimits TimeLimits `json:"time_limits"`
	// Cadences lists the 公开时限 keywords whose items have slots: any of
	// 长期, 每季度, 每月, 及时. An item whose kind is not listed has none.
	Cadences []string `json:"cadences"`
	// CoResponsibleObligated makes co-responsible units (相关责任主体)
	// obligated for an item's slots and channels, like its leads.
	CoResponsibleObligated bool `json:"co_responsible_obligated"`
	// IdleZero lists the indicators (of A2, D2) that score 0 for a
	// department that has a slot and published nothing in the year: nothing
	// published earns no timeliness or review credit. Empty in default-1.
	IdleZero []string `json:"idle_zero"`
	// UnratedWithoutDuty: a department with no slot that leads no item is not
	// rated (不参评): no total, no grade, no rank, outside every share.
	UnratedWithoutDuty bool `json:"unrated_without_duty"`
	// ExcellentQuota, when set, is the largest share (0, 1] of departments
	// that may be graded 优秀. Unset: no quota.
	ExcellentQuota *Decimal `json:"excellent_quota,omitempty"`
	// CappingSanctions are the sanctions (处理方式) of an accountability
	// decision that make a department ineligible for 优秀.
	CappingSanctions []string `json:"capping_sanctions"`
	// VetoIncidents are the incident kinds that fail a department outright
	// (一票否决).
	VetoIncidents []string `json:"veto_incidents"`
	// Params holds the settings of individual indicators.
	Params Params `json:"params"`
}

// Indicator is one scored indicator of a scheme.
type Indicator struct {
	// Code is one of A1..D3; it selects the rule that scores it.
	Code string `json:"code"`
	// Name is the Chinese name, NameEN the English one.
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	// Points is the most the indicator gives; all points sum to 100.
	Points Decimal `json:"points"`
}

// Thresholds are the lowest totals of 优秀, 合格 and 基本合格; below
// BasicPass is 不合格.
type Thresholds struct {
	Excellent Decimal `json:"excellent"`
	Pass      Decimal `json:"pass"`
	BasicPass Decimal `json:"basic_pass"`
}

// TimeLimits are limits in working days.
type TimeLimits struct {
	// Publication: to publish after an item is formed or changed (A2).
	Publication int `json:"publication"`
	// Request: to answer an information request (依申请公开, B1).
	Request int `json:"request"`
	// Extension: the approved extension of a request (B1).
	Extension int `json:"extension"`
	// SecrecyReview (保密审查) and Coordination (协调, silence is consent)
	// are limits of the regime that no default indicator scores; they live
	// here so that the whole regime is in one approved document.
	SecrecyReview int `json:"secrecy_review"`
	Coordination  int `json:"coordination"`
	// Forwarding is the limit to forward an online request, in calendar
	// days (seed 004 art. 24); 0 means seed 004's 3, see ForwardingDays.
	Forwarding int `json:"forwarding,omitempty"`
	// Correction is how a correction (补正) counts on a request's clock:
	// CorrectionPause (or empty, the shipped schemes) adds the working days
	// it stood; CorrectionRestart (条例 art. 30) counts the request limit
	// anew from the day the supplement arrived.
	Correction string `json:"correction,omitempty"`
}

// How a correction counts on a request's clock (TimeLimits.Correction).
const (
	CorrectionPause   = "pause"
	CorrectionRestart = "restart"
)

// Restarts reports whether a correction restarts the request's clock.
func (t TimeLimits) Restarts() bool { return t.Correction == CorrectionRestart }

// Params are the settings of the indicators that need more than points.
type Params struct {
	Website      WebsiteParams      `json:"A4"`
	Overturned   OverturnedParams   `json:"B2"`
	Quarterly    QuarterlyParams    `json:"D1"`
	AnnualReport AnnualReportParams `json:"D3"`
	// Press sets A5, an indicator a scheme copy may add; nil otherwise.
	Press *PressParams `json:"A5,omitempty"`
}

// WebsiteParams set A4: the channel watched and the publications a week
// needs to be a good week.
type WebsiteParams struct {
	Channel    string `json:"channel"`
	MinPerWeek int    `json:"min_per_week"`
	// PerColumn scores a department that owns columns on the channel per
	// column against each column's cadence (columns.go) instead of counting
	// its posts a week. Off in the shipped schemes.
	PerColumn bool `json:"per_column,omitempty"`
}

// OverturnedParams set B2: points lost per act overturned on
// reconsideration or in court (被依法纠错).
type OverturnedParams struct {
	PerCase Decimal `json:"per_case"`
}

// QuarterlyParams set D1: points per quarterly report by punctuality, and
// the four due dates as MM-DD of the assessment year.
type QuarterlyParams struct {
	OnTime  Decimal  `json:"on_time"`
	Late    Decimal  `json:"late"`
	Missing Decimal  `json:"missing"`
	Due     []string `json:"due"`
}

// AnnualReportParams set D3: points by punctuality, and the due date as MM-DD
// of the year after the assessment year.
type AnnualReportParams struct {
	OnTime  Decimal `json:"on_time"`
	Late    Decimal `json:"late"`
	Missing Decimal `json:"missing"`
	Due     string  `json:"due"`
}

// QuarterlyDue is when the quarterly report (D1) of quarter q (1 to 4) of
// year y is due: the scheme's MM-DD of that year. Zero for a
// quarter the scheme does not date.
func (p Params) QuarterlyDue(y, q int) Date {
	if q < 1 || q > len(p.Quarterly.Due) {
		return 0
	}
	return monthDayOf(y, p.Quarterly.Due[q-1])
}

// AnnualDue is when the annual report (D3) of year y is due: the scheme's
// MM-DD of the year after.
func (p Params) AnnualDue(y int) Date {
	return monthDayOf(y+1, p.AnnualReport.Due)
}

// monthDayOf is the date MM-DD of year y; zero when md is not one.
func monthDayOf(y int, md string) Date {
	m, d, err := parseMonthDay(md)
	if err != nil {
		return 0
	}
	return NewDate(y, m, d)
}

// ParseScheme reads a scheme from JSON strictly: unknown fields, trailing
// data and numbers in quotes are refused. It checks the shape only; call
// Validate for the rules. Errors are ValidationErrors in Chinese.
func ParseScheme(data []byte) (*Scheme, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Scheme
	if err := dec.Decode(&s); err != nil {
		return nil, ValidationErrors{decodeError(data, err)}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, ValidationErrors{{Message: "方案 JSON 在结尾之后还有多余内容", Err: err}}
	}
	return &s, nil
}

// decodeError turns a JSON decoding error into a sentence for the office,
// placing it by line and column of data.
func decodeError(data []byte, err error) ValidationError {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := lineColumn(data, syntax.Offset)
		return ValidationError{Message: fmt.Sprintf("方案 JSON 第 %d 行第 %d 列附近格式错误", line, col), Err: err}
	case errors.As(err, &typ):
		line, col := lineColumn(data, typ.Offset)
		return ValidationError{Field: typ.Field, Message: fmt.Sprintf("方案字段“%s”的值类型不对（第 %d 行第 %d 列）", typ.Field, line, col), Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineColumn(data, int64(len(data)))
		return ValidationError{Message: fmt.Sprintf("方案 JSON 在第 %d 行第 %d 列意外结束，可能缺少括号或引号", line, col), Err: err}
	}
	// encoding/json has no typed error for unknown fields; its message is
	// `json: unknown field "name"`.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return ValidationError{Field: name, Message: fmt.Sprintf("方案含有无法识别的字段“%s”", name), Err: err}
	}
	return ValidationError{Message: "方案 JSON 无法读取：" + err.Error(), Err: err}
}

// lineColumn is the 1-based line and column (in characters) of the byte
// offset in data; encoding/json reports the offset just past the fault.
func lineColumn(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, max(col, 1)
}

// Clone returns a deep copy for the office to edit.
func (s *Scheme) Clone() *Scheme {
	c := *s
	c.Indicators = slices.Clone(s.Indicators)
	c.Cadences = slices.Clone(s.Cadences)
	c.IdleZero = slices.Clone(s.IdleZero)
	c.CappingSanctions = slices.Clone(s.CappingSanctions)
	c.VetoIncidents = slices.Clone(s.VetoIncidents)
	c.Params.Quarterly.Due = slices.Clone(s.Params.Quarterly.Due)
	if s.Params.Press != nil {
		p := *s.Params.Press
		p.Departments = slices.Clone(p.Departments)
		c.Params.Press = &p
	}
	if s.ExcellentQuota != nil {
		q := *s.ExcellentQuota
		c.ExcellentQuota = &q
	}
	return &c
}

// Indicator returns the indicator with the given code, and whether there is
// one.
func (s *Scheme) Indicator(code string) (Indicator, bool) {
	i := slices.IndexFunc(s.Indicators, func(ind Indicator) bool { return ind.Code == code })
	if i < 0 {
		return Indicator{}, false
	}
	return s.Indicators[i], true
}
