package reports

import (
	"cmp"

	"github.com/gongkai/gongkai/scoring"
)

// The fee warnings (信息处理费, seed 004 art. 27), as message keys.
const (
	FeeOnRefusal    = "ledger.fee.refusal" // a fee on an answer that provides nothing; its argument is the answer
	FeeWithoutBasis = "ledger.fee.nobasis" // a fee without its basis
)

// FeeWarnings is the one rule for what is wrong with a request's fee: a fee
// on an answer that provides no information, and a fee without its basis.
// The import warns with it and the ledger shows it; nil when the fee is
// fine or there is none.
func FeeWarnings(result, answer string, fee float64, basis string) []scoring.Text {
	if fee <= 0 {
		return nil
	}
	var out []scoring.Text
	if !FeeAdmitted(result, answer) {
		out = append(out, scoring.Text{Key: FeeOnRefusal, Args: []any{cmp.Or(result, answer)}})
	}
	if basis == "" {
		out = append(out, scoring.Text{Key: FeeWithoutBasis})
	}
	return out
}

// FeeAdmitted reports whether a request's result lets the bureau charge the
// cost of providing information: only the national results that provide
// some (予以公开, 部分公开), read from the record's result or, failing that,
// from its old answer type where that maps (ResultOfAnswer). A request not
// answered yet admits a fee (it may be charged in advance of posting); an
// old answer a person has still to categorise provides nothing.
func FeeAdmitted(result, answer string) bool {
	switch cmp.Or(result, ResultOfAnswer(answer)) {
	case ResultDisclosed, ResultPartial:
		return true
	case "":
		return answer == ""
	}
	return false
}
