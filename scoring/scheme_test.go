package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// The default scheme must say what docs/SCHEMES.md says, number by
// number.
func TestDefaultSchemeIsSchemeMD(t *testing.T) {
	s := defaultScheme(t)
	if err := s.Validate(); err != nil {
		t.Fatalf("default scheme invalid: %v", err)
	}
	var codes []string
	points := map[string]string{}
	for _, ind := range s.Indicators {
		codes = append(codes, ind.Code)
		points[ind.Code] = ind.Points.String()
	}
	if want := []string{"A1", "A2", "A3", "A4", "B1", "B2", "C1", "C2", "D1", "D2", "D3"}; !slices.Equal(codes, want) {
		t.Errorf("indicators %v, want %v", codes, want)
	}
	for code, want := range map[string]string{"A1": "20", "A2": "10", "A3": "5", "A4": "5", "B1": "20", "B2": "5", "C1": "10", "C2": "10", "D1": "8", "D2": "4", "D3": "3"} {
		if points[code] != want {
			t.Errorf("%s = %s points, want %s", code, points[code], want)
		}
	}
	p := s.Params
	for _, c := range []struct{ got, want string }{
		{s.Grades.Excellent.String(), "90"}, {s.Grades.Pass.String(), "75"}, {s.Grades.BasicPass.String(), "60"},
		{p.Overturned.PerCase.String(), "2.5"},
		{p.Quarterly.OnTime.String(), "2"}, {p.Quarterly.Late.String(), "1"}, {p.Quarterly.Missing.String(), "0"},
		{strings.Join(p.Quarterly.Due, " "), "03-20 06-20 09-20 12-20"},
		{p.AnnualReport.OnTime.String(), "3"}, {p.AnnualReport.Late.String(), "1.5"}, {p.AnnualReport.Missing.String(), "0"},
		{p.AnnualReport.Due, "01-10"},
		{p.Website.Channel, "网站"},
		{strings.Join(s.Cadences, " "), "长期 每季度 每月 及时"},
		{strings.Join(s.CappingSanctions, " "), "通报批评 限期整改 取消评先选优资格 政纪处分 移送司法机关"},
		{strings.Join(s.VetoIncidents, " "), "泄密 不应公开而公开 弄虚作假"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if tl := s.TimeLimits; tl != (TimeLimits{Publication: 20, Request: 15, Extension: 15, SecrecyReview: 15, Coordination: 5}) {
		t.Errorf("time limits %+v", tl)
	}
	if p.Website.MinPerWeek != 2 || s.CoResponsibleObligated || s.ExcellentQuota != nil {
		t.Errorf("A4 per week %d, co obligated %v, quota %v", p.Website.MinPerWeek, s.CoResponsibleObligated, s.ExcellentQuota)
	}
}

func TestSchemeJSONRoundTrip(t *testing.T) {
	s := defaultScheme(t)
	q := Decimal{rat("0.3")}
	s.ExcellentQuota = &q
	first, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseScheme(first)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := json.Marshal(back)
	if !bytes.Equal(first, second) {
		t.Errorf("round trip changed the scheme:\n%s\n%s", first, second)
	}
}

func TestSchemeCloneIsIndependent(t *testing.T) {
	s := defaultScheme(t)
	c := s.Clone()
	c.Indicators[0].Points = DecimalOf(15)
	c.Params.Quarterly.Due[0] = "03-31"
	c.VetoIncidents[0] = "弄虚作假"
	if s.Indicators[0].Points.String() != "20" || s.Params.Quarterly.Due[0] != "03-20" || s.VetoIncidents[0] != "泄密" {
		t.Error("editing the copy changed the original")
	}
}

// Each broken scheme is refused with a Chinese sentence naming the problem.
func TestInvalidSchemes(t *testing.T) {
	base, err := os.ReadFile("../seed/schemes/default-1.json")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) []byte {
		if !bytes.Contains(base, []byte(old)) {
			t.Fatalf("fixture text %q not in the default scheme", old)
		}
		return bytes.Replace(base, []byte(old), []byte(new), 1)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"points sum to 95", edit(`"points": 20}`, `"points": 15}`), "各项指标分值之和须为 100，现为 95"},
		{"thresholds out of order", edit(`"pass": 75`, `"pass": 95`), "等级分数线须满足 0 < 基本合格 < 合格 < 优秀 ≤ 100，现为基本合格 60、合格 95、优秀 90"},
		{"unknown indicator", edit(`"code": "D3"`, `"code": "E1"`), "指标代码“E1”无法识别"},
		{"missing indicator", edit(`"code": "D3"`, `"code": "D2"`), "缺少指标 D3"},
		{"unknown field", edit(`"version"`, `"weights": 1, "version"`), "方案含有无法识别的字段“weights”"},
		{"nested unknown field", edit(`"min_per_week"`, `"min_per_day": 1, "min_per_week"`), "方案含有无法识别的字段“min_per_day”"},
		{"number in quotes", edit(`"basic_pass": 60`, `"basic_pass": "60"`), `数值 "60" 不应加引号`},
		{"negative limit", edit(`"coordination": 5`, `"coordination": -5`), "协调时限须不少于 0 个工作日，现为 -5"},
		{"quota above 1", edit(`"co_responsible_obligated": false`, `"co_responsible_obligated": false, "excellent_quota": 1.5`), "优秀比例须大于 0 且不超过 1，现为 1.5"},
		{"D1 points disagree", edit(`"on_time": 2`, `"on_time": 3`), "季度报表按时报送每季得分的 4 倍须等于 D1 分值 8，现为 12"},
		{"bad due date", edit(`"01-10"`, `"02-29"`), "年度报告截止日“02-29”无效"},
		{"unknown sanction", edit(`"通报批评", "限期整改"`, `"通报", "限期整改"`), "处理方式“通报”无法识别"},
		{"unknown cadence", edit(`"每月", "及时"`, `"每年", "及时"`), "公开时限“每年”无法识别"},
		{"trailing data", append(bytes.Clone(base), "{}"...), "多余内容"},
		{"not JSON", []byte(`{"version": `), "方案 JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseScheme(tc.data)
			if err == nil {
				err = s.Validate()
			}
			var verrs ValidationErrors
			if !errors.As(err, &verrs) {
				t.Fatalf("err = %v, want ValidationErrors", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// A scheme with several problems lists them all, so the office fixes a
// draft in one pass.
func TestValidateListsEveryProblem(t *testing.T) {
	s := defaultScheme(t)
	s.Version = ""
	s.Indicators[0].Points = DecimalOf(-20)
	s.TimeLimits.Request = 0
	var verrs ValidationErrors
	if !errors.As(s.Validate(), &verrs) || len(verrs) != 4 {
		t.Fatalf("got %v", verrs)
	}
	fields := []string{verrs[0].Field, verrs[1].Field, verrs[2].Field, verrs[3].Field}
	if want := []string{"version", "indicators[0].points", "indicators", "time_limits.request"}; !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v", fields, want)
	}
}

// A malformed scheme is placed by line and column, the way an editor
// shows them, not by a byte offset.
func TestSchemeSyntaxErrorsGiveLineAndColumn(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"{\n  \"version\": \"x\",\n  \"name\": \"方案\" \"grades\": {}\n}", "第 3 行第 16 列"},
		{"{\n  \"version\": \"x\",\n  \"indicators\": [\n", "第 4 行第 1 列意外结束"},
		{"{\n  \"version\": 7\n}", "第 2 行第 14 列"},
	} {
		_, err := ParseScheme([]byte(tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.body, err, tc.want)
		}
	}
}
