package views

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
	err := fs.WalkDir(Templates(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Templates(), path)
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
	key := regexp.MustCompile(`(?:views\.T\([^,]+|\.Add\("[a-z0-9_]*"|\.Add\([a-zA-Z.]+)(?:, "([a-z0-9_.]+)")`)
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
