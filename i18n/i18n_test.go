package i18n

import (
	"regexp"
	"testing"
)

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

// No two catalogs define the same key, in either language (the later would
// silently win), and each catalog defines its keys in both.
func TestCatalogsDoNotOverlap(t *testing.T) {
	for _, l := range []Lang{Chinese, English} {
		seen := map[string]bool{}
		for _, c := range allCatalogs {
			for k := range c[l] {
				if seen[k] {
					t.Errorf("%q is defined in two catalogs (%s)", k, l)
				}
				seen[k] = true
			}
		}
	}
	for _, c := range allCatalogs {
		for k := range c[Chinese] {
			if _, ok := c[English][k]; !ok {
				t.Errorf("%q has no English in its catalog", k)
			}
		}
		for k := range c[English] {
			if _, ok := c[Chinese][k]; !ok {
				t.Errorf("%q has no Chinese in its catalog", k)
			}
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
