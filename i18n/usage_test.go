package i18n

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// families are the keys the code builds from a prefix and a value it holds
// (printf "case.status.%s" .Status in a template, "audit.action." +
// e.Action in Go), with the values each prefix takes. A nil list marks a
// prefix whose values are open-ended (codes read from stored rows, such as
// the audit log's actions and fields; paths of a scheme's settings): every
// key under it counts as used.
var families = map[string][]string{
	"role.":         {"office", "leader", "head", "clerk", "discipline", "auditor"},
	"run.":          {"running", "done", "partial", "failed", "rejected"},
	"import.from.":  {"file", "cli", "api", "pull", "seed"},
	"asmt.status.":  {"draft", "submitted", "returned", "approved", "proposed", "final", "reopen", "published"},
	"asmt.obj.":     {"open", "accepted", "rejected"},
	"asmt.finding.": {"noted", "open", "reported", "closed"},
	"asmt.action.":  {"submit", "return", "approve", "propose", "return_grades", "approve_grades", "request_reopen", "approve_reopen", "refuse_reopen", "publish"},
	"asmt.ev.": {"create", "update", "submit", "return", "approve", "propose", "return_grades", "approve_grades", "request_reopen", "approve_reopen", "refuse_reopen", "publish",
		"sign_notice", "self_inspection", "object", "answer_accepted", "answer_rejected", "adjust", "finding", "rectified", "close_finding", "commend"},
	"case.status.":       {"investigating", "heard", "decided", "notified", "appealed", "reviewed", "revoked"},
	"case.share.":        {"main", "secondary", "all", "none"},
	"case.post.":         {"handler", "in_charge", "principal", "member"},
	"case.evidence.":     {"publication", "request", "complaint", "incident", "finding"},
	"case.statement.":    nil,
	"case.severity.":     {"1", "2", "3"},
	"scheme.state.":      {"draft", "approved"},
	"scheme.rule.":       {"A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "C1", "C2", "D1", "D2", "D3", "D4", "D5", "A6", "idle"},
	"scheme.section.":    {"title", "duty", "indicators", "grades", "limits", "params"},
	"scheme.set.":        nil,
	"deadline.":          {"request", "quarterly_report", "annual_report", "secrecy_review", "coordination", "coordination_sent", "self_inspection", "rectification", "case_sanction", "case_appeal"},
	"flag.state.":        {"confirmed", "dismissed"},
	"opinion.":           {"公开", "免于公开", "需报审"},
	"coord.opinion.":     {"同意", "不同意", "修改后同意"},
	"channels.":          {"publication", "request"},
	"filing.title.":      {"quarterly", "annual"},
	"filing.explain.":    {"quarterly", "annual"},
	"document.answers.":  {"corrects", "replaces", "reviews"},
	"document.answered.": {"corrects", "replaces", "reviews"},
	"document.kind.":     {"assessment_notice", "case_notice", "review_decision", "disclosure_guide", "disclosure_catalog", "campaign_bulletin"},
	"document.relation.": {"corrects", "replaces", "reviews"},
	"document.subject.":  {"assessment_plan", "accountability_case", "guide_content", "disclosure_catalog", "campaign"},
	"standing.":          nil,
	"standing.rank.":     {"plan", "run"},
	"slot.":              {"filled", "late", "empty", "void", "pending"},
	"review.step":        {"1", "2", "3", "4", "5"},
	"restore.kind.":      {"table", "view", "trigger", "routine", "event"},
	"audit.action.":      nil,
	"audit.entity.":      nil,
	"audit.field.":       nil,
	"audit.word.":        nil,
	"deduct.due.":        {"filed", "answered", "forwarded", "reviewed"},
	"deduct.due_as_of.":  {"filed", "answered", "forwarded", "reviewed"},
	"appeal.":            {"复核", "申诉"},
	"ledger.state.":      {"open", "correction", "third_party", "answered"}, "ledger.cstate.": {"waiting", "replied", "closed"},
	"publications.attr.": {"pending", "agreed", "redetermine", "disputed", "decided"}, "publications.ev.": {"registered", "agreed", "redetermine", "redetermined", "disputed", "signer", "deferred", "defer_settled", "published", "changed", "withdrawn", "objection", "objection_answer"}, "publications.vio.": {"review_pending", "review_against", "no_consultation", "consult_late", "unsettled", "against_settled"}, "publications.settle.": {"同意发布", "不予发布"},
	"pubobj.answer.": {"维持发布", "同意撤回"},
	"requests.step.": {"register", "correction", "corrected", "abandoned", "consult", "reply", "no_reply", "extension_asked", "extension_approved", "extension_refused", "transfer", "transfer_answer", "answer", "disclosure_notice", "letter_corrected"}, "requests.state.": {"open", "correction", "third_party", "extension", "transfer", "answered", "abandoned"},
	"kind.": {"departments", "catalog", "publications", "requests", "complaints", "quarterly_reports", "annual_reports", "annual_figures", "incidents",
		"accountability", "holidays", "secrecy_reviews", "coordinations", "press_conferences"},
	"guide.kind.": {"id_no", "old_id_no", "mobile", "bank_card"}, "guide.where.": {"title", "paragraph", "line", "cell", "stream"},
	"columns.cadence.": {"动态", "通知公告", "政策文件"}, "columns.state.": {"fresh", "stale", "empty"},
	"campaign.status.": {"draft", "submitted", "returned", "approved"}, "campaign.state.": {"done", "partial", "undone", "reported", "overdue", "open"},
	"notify.mode.": {"immediate", "digest", "required"}, "notify.deadline.": {"before", "due", "overdue"}, "notify.objection.": {"accepted", "rejected"},
}

// The code uses exactly the keys the catalog defines: a key the code names
// but the catalog lacks would show as a raw key, a key no code names is
// dead text. Templates, Go sources outside this package (tests aside) and
// the families above are read; a Go source is read by the Go scanner, so a
// key in a comment counts for nothing.
func TestCodeUsesExactlyTheKeysItDefines(t *testing.T) {
	t.Parallel()
	namespaces := map[string]bool{}
	for k := range messages[Chinese] {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	keyLike := regexp.MustCompile(`^[a-z][a-z0-9_]*(?:\.[a-z0-9_\p{Han}]+)+$`)
	built := regexp.MustCompile(`^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.(?:[a-z0-9_]*[a-z])?)(?:%[sdv])?$`)
	notKey := regexp.MustCompile(`\.(?:html|go|js|css|json|xlsx|csv|docx|pdf|db|png|txt|md|sql)$`)
	used := map[string]bool{}
	prefixes := map[string]bool{}
	missing := map[string]string{}
	isBuilt := func(s string) bool {
		return built.MatchString(s) && (strings.HasSuffix(s, ".") || strings.Contains(s, "%"))
	}
	// A string given to T (t in a template) is a key whatever it looks like.
	calls := []*regexp.Regexp{regexp.MustCompile(`\bT\([^,()]+, "([^"]+)"`), regexp.MustCompile(`\bt \S+ "([^"]+)"`)}
	named := func(where, src string) {
		for _, re := range calls {
			for _, m := range re.FindAllStringSubmatch(src, -1) {
				if _, ok := messages[Chinese][m[1]]; !ok && !isBuilt(m[1]) {
					missing[m[1]] = where + " uses " + strconv.Quote(m[1]) + ", which the catalog lacks"
				}
			}
		}
	}
	literal := func(where, s string) {
		if _, ok := messages[Chinese][s]; ok {
			used[s] = true
			return
		}
		if m := built.FindStringSubmatch(s); m != nil && isBuilt(s) {
			for k := range messages[Chinese] {
				if strings.HasPrefix(k, m[1]) {
					prefixes[m[1]] = true
					if _, ok := families[m[1]]; !ok {
						missing[m[1]] = where + ": builds keys from " + strconv.Quote(s) + ", a family not declared in families"
					}
					break
				}
			}
			return
		}
		ns, _, _ := strings.Cut(s, ".")
		if keyLike.MatchString(s) && namespaces[ns] && !notKey.MatchString(s) {
			missing[s] = where + " uses " + strconv.Quote(s) + ", which the catalog lacks"
		}
	}
	// A template's strings are read inside its actions; the permission
	// table's actions (.Viewer.Can "audit.read") are no message keys.
	action := regexp.MustCompile(`(?s){{.*?}}`)
	tmplString := regexp.MustCompile(`"([^"\n]*)"`)
	permission := regexp.MustCompile(`\bCan "[^"]*"`)
	goFiles := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != ".." && (strings.HasPrefix(name, ".") || path == filepath.Join("..", "i18n")) {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(path, ".html"):
			named(path, string(b))
			for _, act := range action.FindAllString(string(b), -1) {
				for _, m := range tmplString.FindAllStringSubmatch(permission.ReplaceAllString(act, ""), -1) {
					literal(path, m[1])
				}
			}
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			goFiles++
			named(path, string(b))
			var s scanner.Scanner
			fset := token.NewFileSet()
			s.Init(fset.AddFile(path, -1, len(b)), b, nil, 0)
			// An Action constant (ActReadAudit Action = "audit.read") names
			// a permission, not a message.
			var last [2]string
			for {
				pos, tok, lit := s.Scan()
				if tok == token.EOF {
					break
				}
				permission := last == [2]string{"Action", "="}
				last = [2]string{last[1], lit}
				if tok == token.ASSIGN {
					last[1] = "="
				}
				if tok == token.STRING && !permission {
					if v, err := strconv.Unquote(lit); err == nil {
						literal(fset.Position(pos).String(), v)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if goFiles < 200 {
		t.Fatalf("read only %d Go sources; is the scan still reading the project?", goFiles)
	}
	for prefix, values := range families {
		if !prefixes[prefix] {
			t.Errorf("family %q: no code builds keys from it", prefix)
		}
		if values == nil {
			for k := range messages[Chinese] {
				if strings.HasPrefix(k, prefix) {
					used[k] = true
				}
			}
		}
		for _, v := range values {
			used[prefix+v] = true
			for _, l := range []Lang{Chinese, English} {
				if !HasMessage(l, prefix+v) {
					t.Errorf("family %q: %q is missing in %s", prefix, prefix+v, l)
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(missing)) {
		t.Error(missing[k])
	}
	var dead []string
	for k := range messages[Chinese] {
		if !used[k] {
			dead = append(dead, k)
		}
	}
	slices.Sort(dead)
	for _, k := range dead {
		t.Errorf("%q is in the catalog but no code uses it", k)
	}
}
