package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models/modelstest"
)

// Scores taken on the day a report is due count it missing when it was not
// filed that day, and the department page says which day it was due and
// that the as-of date is over (issue 28), in Chinese and in English.
func TestDepartmentPageExplainsADutyDueOnTheAsOfDate(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, b)
	office := b.client(t)
	office.signIn("office", testPassword)
	resp, _ := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2024"}, "as_of": {"2025-01-10"}})
	if resp.StatusCode != 303 {
		t.Fatalf("compute: %d", resp.StatusCode)
	}
	head := b.client(t)
	head.signIn("head", testPassword)
	_, page := head.get("/departments/" + itoa(b.own.ID) + "?year=2024")
	if want := "2024年度报告未报送（应于 2025-01-10 前报送；该日即截至日期，当日已结束仍未报送）"; !strings.Contains(page, want) {
		t.Errorf("the department page does not explain the annual report due on the as-of date: want %q", want)
	}
	head.get("/lang?to=en&back=/")
	_, page = head.get("/departments/" + itoa(b.own.ID) + "?year=2024")
	if want := "Annual report for 2024 not filed (due by 2025-01-10, the as-of date: that day is over at its end, and it was not done by then)"; !strings.Contains(page, want) {
		t.Errorf("the English department page does not explain it: want %q", want)
	}
}
