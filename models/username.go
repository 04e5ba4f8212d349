package models

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxUsername is the longest username, in characters.
const MaxUsername = 64

// NormalizeUsername is the one form of a username: the form stored, looked
// up at sign-in and counted by the sign-in slow-down. Compatibility forms
// are unified (NFKC: full-width ＯＦＦＩＣＥ becomes OFFICE) and case is
// folded, so Office, ＯＦＦＩＣＥ and office are one account.
func NormalizeUsername(s string) string {
	return cases.Fold().String(norm.NFKC.String(strings.TrimSpace(s)))
}

// UsernameProblem is the rule for a new username, after NormalizeUsername:
// 1 to 64 characters of English letters, digits and . _ - @, the pinyin or
// staff numbers a bureau signs in with. Anything else is refused, Chinese
// characters and above all letters of other scripts that look like English
// ones (Cyrillic о, Greek ο): a look-alike of an account's name must never
// be a second account.
func UsernameProblem(raw string) *ValidationError {
	name := NormalizeUsername(raw)
	switch {
	case name == "" || utf8.RuneCountInString(name) > MaxUsername:
		return Invalid("username", "refuse.user.username")
	case strings.ContainsAny(name, " \t\r\n\u3000"):
		return Invalid("username", "refuse.user.username_spaces")
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || strings.ContainsRune("._-@", r)) {
			return Invalid("username", "refuse.user.username_chars", string(r))
		}
	}
	return nil
}
