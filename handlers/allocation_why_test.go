package handlers_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models/modelstest"
)

var allocationRe = regexp.MustCompile(`(?s)<section class="card" id="allocation">(.*?)</section>`)

// The allocation of responsibility (art. 6(一)) says why its clause applies
// next to the result: ticking only the leader's approval gives rule 1, and
// the page says the approval without a secrecy review moves nothing
// (issue 29), in either language.
func TestAllocationSaysWhyItsClauseApplies(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	dis := b.signedIn(t, "discipline")
	casePath := dis.step("/cases", "/cases", url.Values{"department": {itoa(b.own.ID)}, "trigger": {"1"}, "summary": {"目录事项未公开"}})
	for _, tc := range []struct {
		ticked    []string
		rule, why string
	}{
		{[]string{"approved"}, "第六条（一）1", "只勾选了“经主管领导审核批准或同意”，未勾选“经过保密审查”"},
		{[]string{"reviewed"}, "第六条（一）1", "经过保密审查，但未经主管领导审核批准或同意"},
		{[]string{"reviewed", "approved"}, "第六条（一）2", "既经过保密审查，又经主管领导审核批准或同意"},
		{nil, "第六条（一）1", "未勾选任何情形"},
	} {
		form := url.Values{}
		for _, k := range tc.ticked {
			form.Set(k, "1")
		}
		dis.step(casePath, casePath+"/act", form)
		_, page := dis.get(casePath)
		m := allocationRe.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("the case has no allocation section")
		}
		rule := regexp.MustCompile(`(?s)<p class="rule">(.*?)</p>\s*<p class="rule-why">(.*?)</p>`).FindStringSubmatch(m[1])
		if rule == nil || !strings.Contains(rule[1], tc.rule) || !strings.Contains(rule[2], "理由："+tc.why) {
			t.Errorf("ticked %v: the result and its reason read %q", tc.ticked, rule)
		}
	}
	dis.get("/lang?to=en&back=" + url.QueryEscape(casePath))
	_, page := dis.get(casePath)
	if m := allocationRe.FindStringSubmatch(page); m == nil || !strings.Contains(m[1], "Why: Nothing is ticked") {
		t.Error("the English page does not say why the clause applies")
	}
}
