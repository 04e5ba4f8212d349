package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every message key a template uses exists in both languages, so no page
// shows a raw key to a user in either.
func TestTemplatesUseDefinedMessages(t *testing.T) {
	key := regexp.MustCompile(`\bt (?:\$?\.Lang) "([a-z0-9_.]+)"`)
	err := filepath.WalkDir("../views/templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			for _, l := range []Lang{Chinese, English} {
				if !HasMessage(l, m[1]) {
					t.Errorf("%s uses %q, missing in %s", path, m[1], l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Both languages define the same keys.
func TestLanguagesDefineTheSameKeys(t *testing.T) {
	for k := range messages[Chinese] {
		if !HasMessage(English, k) {
			t.Errorf("%q has no English", k)
		}
	}
	for k := range messages[English] {
		if !HasMessage(Chinese, k) {
			t.Errorf("%q has no Chinese", k)
		}
	}
}

// Handlers name message keys in Go too, to word a message or a form's
// field error (FieldErrors.Add); each must exist in both languages.
func TestHandlersUseDefinedMessages(t *testing.T) {
	key := regexp.MustCompile(`(?:views\.T\([^,]+|\.Add\("[a-z0-9_]*"|\.Add\([a-zA-Z.]+)(?:, "([a-z0-9_.]+[a-z0-9_])")`)
	files, err := filepath.Glob("../handlers/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no handler sources found: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			for _, l := range []Lang{Chinese, English} {
				if !HasMessage(l, m[1]) {
					t.Errorf("%s uses %q, missing in %s", f, m[1], l)
				}
			}
		}
	}
}

// No two catalogs define the same key (the later would silently win).
func TestCatalogsDoNotOverlap(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range allCatalogs {
		for k := range c[Chinese] {
			if seen[k] {
				t.Errorf("%q is defined in two catalogs", k)
			}
			seen[k] = true
		}
	}
}

// Chinese text uses full-width punctuation: a half-width comma, colon,
// semicolon, parenthesis, question or exclamation mark in a Chinese message
// (one with a Han character) is a typo, except a colon between digits or
// in an address.
func TestChineseMessagesUseFullWidthPunctuation(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	half := regexp.MustCompile(`[,;()?!]|[^0-9/]:[^0-9/]`)
	for k, m := range messages[Chinese] {
		if han.MatchString(m) && half.MatchString(m) {
			t.Errorf("%s: %q has half-width punctuation", k, m)
		}
	}
}

// The Store words its refusals with message keys too (models.Invalid, and
// refuse.label.* keys naming a field inside them); each must exist in both
// languages, and each refuse.* key of the catalog must be used, so no
// refusal text is dead.
func TestRefusalsUseDefinedMessages(t *testing.T) {
	invalid := regexp.MustCompile(`Invalid\([^,()]+(?:\([^()]*\))?, "([a-z0-9_.]+)"`)
	refuse := regexp.MustCompile(`"(refuse\.[a-z0-9_.]+)"`)
	used := map[string]bool{}
	calls := 0
	for _, root := range []string{"../models", "../handlers"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var keys []string
			for _, m := range invalid.FindAllStringSubmatch(string(b), -1) {
				keys = append(keys, m[1])
				calls++
			}
			for _, m := range refuse.FindAllStringSubmatch(string(b), -1) {
				keys = append(keys, m[1])
			}
			for _, k := range keys {
				used[k] = true
				for _, l := range []Lang{Chinese, English} {
					if !HasMessage(l, k) {
						t.Errorf("%s uses %q, missing in %s", path, k, l)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if calls < 100 {
		t.Fatalf("found only %d Invalid calls; is the scan still reading the Store's sources?", calls)
	}
	for k := range refusalMessages[Chinese] {
		if !used[k] {
			t.Errorf("%q is in the catalog but no Go code uses it", k)
		}
	}
}

// T words a Phrase argument in the language of the sentence around it.
func TestPhraseArgumentsFollowTheLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		want string
	}{
		{Chinese, "理由不超过2000字"},
		{English, "Reason: at most 2000 characters"},
	} {
		if got := T(tc.lang, "refuse.text.too_long", Phrase("refuse.label.reason"), 2000); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}
