package ingest

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
)

// The importer's Chinese messages (bad rows, unreadable files, pulls, the
// summary of a run) use full-width punctuation, as the message catalogs do
// (i18n.TestChineseMessagesUseFullWidthPunctuation, whose rule this
// repeats): every string constant of the package with a Han character,
// and the messages put together from pieces without one.
func TestChineseMessagesUseFullWidthPunctuation(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	half := regexp.MustCompile(`[,;()?!]|[^0-9/]:[^0-9/]`)
	// A header suffix matched as a user's file may spell it: not a message.
	typed := map[string]bool{"(必填)": true}
	check := func(where, s string) {
		if han.MatchString(s) && half.MatchString(s) && !typed[s] {
			t.Errorf("%s: %q has half-width punctuation", where, s)
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sources: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
				}
				check(fset.Position(lit.Pos()).String(), s)
			}
			return true
		})
	}
	var verr *models.ValidationError
	if _, err := ParseKind("报纸"); !errors.As(err, &verr) {
		t.Fatalf("ParseKind of an unknown kind: %v", err)
	}
	check("ParseKind", verr.Message)
	check("headerError", (&headerError{line: 1, unit: "行", problems: []string{"缺少必填列", "列出现了两次"}}).Error())
	check("badRow.reason", (&badRow{errs: []RowError{{Message: "不能为空"}, {Message: "不是有效日期"}}}).reason())
}
