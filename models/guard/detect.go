package guard

import (
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Kind is a kind of personal data the scan looks for.
type Kind string

// The kinds of personal data a publication must not carry (the leaks the
// national website inspections report most often).
const (
	IDNo     Kind = "id_no"     // 居民身份证号码: 18 characters, GB 11643 check digit
	OldIDNo  Kind = "old_id_no" // 15-digit ID number of before 1999
	Mobile   Kind = "mobile"    // 手机号码: 1[3-9] and nine digits
	BankCard Kind = "bank_card" // 银行卡号: 16 to 19 digits passing Luhn
)

// Kinds lists the kinds in the order a page shows them.
var Kinds = []Kind{IDNo, OldIDNo, Mobile, BankCard}

// Finding is one value found in a text, masked: the value itself is never
// stored nor shown.
type Finding struct {
	Kind   Kind
	Masked string
}

// MaxFindings bounds the findings kept of one text: past it, one more is
// as telling as a thousand.
const MaxFindings = 20

// ScanText finds the personal data in text: each run of digits (an ID
// number may end in X), and each run of digit groups separated by single
// spaces or hyphens (6222 0212 3456 7890, 138-1234-5678), is checked
// against every kind.
func ScanText(text string) []Finding {
	var out []Finding
	seen := map[string]bool{}
	add := func(digits string) {
		k, ok := classify(digits)
		if !ok || seen[digits] || len(out) == MaxFindings {
			return
		}
		seen[digits] = true
		out = append(out, Finding{Kind: k, Masked: mask(k, digits)})
	}
	for _, run := range runs(text) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		for _, g := range groups {
			add(g)
		}
		if len(groups) > 1 {
			add(strings.Join(groups, ""))
		}
	}
	return out
}

// runs splits text into runs of digits (with an X or x ending an ID
// number), joined across single separators.
func runs(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		s := strings.TrimRight(b.String(), " -")
		if s != "" {
			out = append(out, s)
		}
		b.Reset()
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case (r == 'X' || r == 'x') && b.Len() > 0 && isDigit(rs, i-1) && !isDigit(rs, i+1):
			b.WriteRune('X')
			flush()
		case (r == ' ' || r == '-') && b.Len() > 0 && isDigit(rs, i-1) && isDigit(rs, i+1):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func isDigit(rs []rune, i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }

// classify names the kind of a run of digits, if it is one: an ID number
// before a bank card (an 18-digit ID number may pass Luhn by chance).
func classify(s string) (Kind, bool) {
	switch {
	case ValidIDNo(s):
		return IDNo, true
	case ValidOldIDNo(s):
		return OldIDNo, true
	case ValidMobile(s):
		return Mobile, true
	case ValidBankCard(s):
		return BankCard, true
	}
	return "", false
}

// idWeights are GB 11643-1999's weights of the first 17 digits; idChecks
// the check character for the weighted sum modulo 11.
var (
	idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	idChecks  = "10X98765432"
)

// ValidIDNo reports whether s is an 18-character resident ID number: 17
// digits and a check character (a digit or X) that GB 11643-1999's MOD
// 11-2 gives, a plausible region, and a birth date that exists between
// 1900 and 2099.
func ValidIDNo(s string) bool {
	if len(s) != 18 || !allDigits(s[:17]) || !plausibleDate(s[6:14]) || s[0] == '0' {
		return false
	}
	sum := 0
	for i := range 17 {
		sum += int(s[i]-'0') * idWeights[i]
	}
	return s[17] == idChecks[sum%11]
}

// ValidOldIDNo reports whether s is a 15-digit ID number of the first
// generation: region, a birth date 19YYMMDD written YYMMDD, a sequence.
func ValidOldIDNo(s string) bool {
	return len(s) == 15 && allDigits(s) && s[0] != '0' && plausibleDate("19"+s[6:12])
}

// ValidMobile reports whether s is a mainland mobile number: 11 digits,
// 1 then 3 to 9.
func ValidMobile(s string) bool {
	return len(s) == 11 && allDigits(s) && s[0] == '1' && s[1] >= '3' && s[1] <= '9'
}

// ValidBankCard reports whether s is a bank card number: 16 to 19 digits
// passing the Luhn check (ISO/IEC 7812), not all one digit.
func ValidBankCard(s string) bool {
	if len(s) < 16 || len(s) > 19 || !allDigits(s) || strings.Count(s, s[:1]) == len(s) {
		return false
	}
	sum := 0
	for i := range len(s) {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// plausibleDate reports whether YYYYMMDD is a day that exists, 1900-2099.
func plausibleDate(s string) bool {
	if len(s) != 8 || !allDigits(s) {
		return false
	}
	y := atoi(s[:4])
	m, d := atoi(s[4:6]), atoi(s[6:8])
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// mask hides a value as the one masking rule of the core does for
// requesters (models.MaskIDNo, models.MaskContact): the first and last
// four characters of a number, a mobile's first three and last four.
func mask(k Kind, s string) string {
	if k == Mobile {
		return models.MaskContact(s)
	}
	return models.MaskIDNo(s)
}

// Redact masks in text every value ScanText finds, for a text shown to
// the public (a title in the 公开目录).
func Redact(text string) string {
	for _, run := range runs(text) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		if k, ok := classify(strings.Join(groups, "")); ok {
			m := mask(k, strings.Join(groups, ""))
			text = strings.ReplaceAll(text, run, m)
			if lower, ok := strings.CutSuffix(run, "X"); ok {
				// runs writes an ID number's x as X: replace it as written too.
				text = strings.ReplaceAll(text, lower+"x", m)
			}
			continue
		}
		for _, g := range groups {
			if k, ok := classify(g); ok {
				text = strings.ReplaceAll(text, g, mask(k, g))
			}
		}
	}
	return text
}
