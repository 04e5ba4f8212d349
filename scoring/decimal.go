package scoring

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
)

// Decimal is an exact number of a scheme (points, thresholds, shares), read
// from and written to JSON as a plain number without passing through float64:
// 2.5 stays exactly 5/2. The zero value is 0. A Decimal is immutable: Rat
// hands out a copy, so Decimals may be shared between scheme copies.
type Decimal struct{ r *big.Rat }

// ParseDecimal reads a plain decimal number such as "2.5", "90" or "0.3",
// as an office user types it into a scheme form. Exponents, fractions and
// quoted strings are refused: a scheme is written by people, in decimals.
func ParseDecimal(s string) (Decimal, error) {
	if !decimalSyntax.MatchString(s) {
		return Decimal{}, fmt.Errorf("“%s”不是有效的数字（应写作 90、2.5 这样的小数）", s)
	}
	r, _ := new(big.Rat).SetString(s)
	return Decimal{r}, nil
}

// decimalSyntax is the plain decimal form, a subset of JSON numbers.
var decimalSyntax = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// DecimalOf returns the Decimal of an integer.
func DecimalOf(n int64) Decimal { return Decimal{big.NewRat(n, 1)} }

// Rat returns a fresh copy of the value, which the caller may change.
func (d Decimal) Rat() *big.Rat {
	if d.r == nil {
		return new(big.Rat)
	}
	return new(big.Rat).Set(d.r)
}

// Cmp compares d with e as big.Rat.Cmp does.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// String writes d in the shortest exact decimal form, e.g. "2.5", "90".
func (d Decimal) String() string {
	s, _ := exactDecimal(d.Rat())
	return s
}

// MarshalJSON writes d as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) {
	s, ok := exactDecimal(d.Rat())
	if !ok {
		return nil, fmt.Errorf("数值 %s 不是有限小数，无法写入方案", s)
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a JSON number exactly, in the form ParseDecimal
// accepts.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		return fmt.Errorf("数值 %s 不应加引号", data)
	}
	v, err := ParseDecimal(string(data))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// exactDecimal writes r with as many decimals as it needs when r is a
// finite decimal of at most maxPlaces places. Otherwise it returns r rounded
// to maxPlaces decimals and false.
func exactDecimal(r *big.Rat) (string, bool) {
	const maxPlaces = 40
	x, ten := new(big.Rat).Set(r), big.NewRat(10, 1)
	for places := 0; places <= maxPlaces; places++ {
		if x.IsInt() {
			return r.FloatString(places), true
		}
		x.Mul(x, ten)
	}
	return r.FloatString(maxPlaces), false
}

// Round2 formats r for display, rounded half up to two decimals and always
// with two of them: 87.245 → "87.25", 18.5 → "18.50", 20 → "20.00".
// Scores are never negative; a negative value would round half away from
// zero.
func Round2(r *big.Rat) string {
	// FloatString rounds the last digit to nearest, halves away from zero,
	// which for the non-negative scores is half up.
	return r.FloatString(2)
}

// Float2 returns r rounded as Round2 does, as a float64 for JSON and charts;
// the string from Round2 is the figure of record.
func Float2(r *big.Rat) float64 {
	f, _ := strconv.ParseFloat(Round2(r), 64)
	return f
}
