package scoring

import (
	"fmt"
	"strings"
)

// Explain writes the department's result as plain text, in Chinese or, for
// lang "en", English: the total and grade, each indicator's score, and every
// deduction with the points it cost. It suits a notice draft or a log; the
// UI builds its own page from the fields.
func (d DepartmentResult) Explain(lang string) string {
	en := lang == "en"
	var b strings.Builder
	if d.Unrated {
		if en {
			fmt.Fprintf(&b, "%s (%s): not rated, no duties in the catalog this year\n", d.Name, d.Code)
		} else {
			fmt.Fprintf(&b, "%s（%s）：不参评，本年度无考核事项\n", d.Name, d.Code)
		}
		return b.String()
	}
	if en {
		fmt.Fprintf(&b, "%s (%s): total %s, %s", d.Name, d.Code, Round2(d.Total), d.Grade.English())
	} else {
		fmt.Fprintf(&b, "%s（%s）：总分 %s，%s", d.Name, d.Code, Round2(d.Total), d.Grade)
	}
	if d.Veto {
		if en {
			b.WriteString(" (vetoed)")
		} else {
			b.WriteString("（一票否决）")
		}
	}
	if d.Capped {
		b.WriteString(capNote(d.CapReason, en))
	}
	b.WriteByte('\n')
	cost := "（-%s）"
	if en {
		cost = " (-%s)"
	}
	for _, ind := range d.Indicators {
		name := ind.Name
		if en {
			name = ind.NameEN
		}
		fmt.Fprintf(&b, "  %s %s %s/%s\n", ind.Code, name, Round2(ind.Score), Round2(ind.Max))
		for _, ded := range ind.Deductions {
			fmt.Fprintf(&b, "    - %s"+cost+"\n", ded.Message(lang), Round2(ded.Points))
		}
	}
	return b.String()
}

// capNote says why 优秀 was withheld.
func capNote(reason CapReason, en bool) string {
	switch {
	case reason == CapDecision && en:
		return " (not eligible for excellent: accountability decision)"
	case reason == CapDecision:
		return "（因责任追究不得评为优秀）"
	case en:
		return " (excellent quota used up)"
	}
	return "（优秀名额已满）"
}
