package assessment

import (
	"math/big"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Change is a change to one indicator of one department's automatic score:
// an accepted objection gives back the points of the deduction contested, a
// manual adjustment adds (or, negative, takes) points with a written reason.
type Change struct {
	Dept      uint
	Indicator string
	Points    *big.Rat
}

// Adjusted applies the changes to copies of the automatic results and
// returns them, each indicator held between 0 and its maximum and each
// total the exact sum of its indicators. Departments not rated stay so.
// The automatic results are left as they were, to be shown beside these.
func Adjusted(auto []scoring.DepartmentResult, changes []Change) []scoring.DepartmentResult {
	out := make([]scoring.DepartmentResult, len(auto))
	for i, d := range auto {
		d.Indicators = append([]scoring.IndicatorResult(nil), d.Indicators...)
		if d.Total != nil {
			d.Total = new(big.Rat).Set(d.Total)
		}
		out[i] = d
	}
	byDept := make(map[uint]*scoring.DepartmentResult, len(out))
	for i := range out {
		byDept[out[i].Dept] = &out[i]
	}
	for _, c := range changes {
		d := byDept[c.Dept]
		if d == nil || d.Unrated || c.Points == nil {
			continue
		}
		for k := range d.Indicators {
			ind := &d.Indicators[k]
			if ind.Code != c.Indicator {
				continue
			}
			s := new(big.Rat).Add(ind.Score, c.Points)
			if s.Sign() < 0 {
				s.SetInt64(0)
			}
			if s.Cmp(ind.Max) > 0 {
				s.Set(ind.Max)
			}
			ind.Score = s
		}
	}
	for i := range out {
		d := &out[i]
		if d.Unrated {
			continue
		}
		t := new(big.Rat)
		for _, ind := range d.Indicators {
			t.Add(t, ind.Score)
		}
		d.Total = t
	}
	return out
}

// Preliminary grades the assessed departments from their adjusted totals
// with the scheme's own rule (scoring.Rate: veto, ineligibility, the share
// of 优秀, ranks), among the assessed departments only.
func Preliminary(s *scoring.Scheme, adjusted []scoring.DepartmentResult) []scoring.DepartmentResult {
	out := append([]scoring.DepartmentResult(nil), adjusted...)
	scoring.Rate(s, out)
	return out
}

// Criticism is why a unit is named for criticism (通报批评) in the results
// notice: seed 000 §6 criticises information not published or published late.
type Criticism string

// The reasons for criticism.
const (
	NotPublished  Criticism = "not_published"  // 该公开未公开: coverage (A1) below the pass share
	PublishedLate Criticism = "published_late" // 未及时公开: timeliness (A2) below the pass share
)

// Chinese returns the reason as the notice words it.
func (c Criticism) Chinese() string {
	if c == PublishedLate {
		return "未及时公开"
	}
	return "该公开的信息未公开"
}

// Criticised says why a graded department is named for criticism (通报批评)
// in the results notice, if it is: seed 000 §6 criticises information not
// published or published late, so a department graded 不合格 is criticised
// when its coverage (A1, what was not published) or its timeliness (A2,
// what was published late) is below the scheme's 基本合格 share of the
// indicator's points (60 of 100 by default). A department that failed for
// other reasons, passed, or was not rated is not criticised under §6.
func Criticised(s *scoring.Scheme, d scoring.DepartmentResult) []Criticism {
	if d.Unrated || d.Grade != scoring.GradeFail {
		return nil
	}
	share := new(big.Rat).Quo(s.Grades.BasicPass.Rat(), big.NewRat(100, 1))
	var out []Criticism
	for _, ind := range d.Indicators {
		var c Criticism
		switch ind.Code {
		case "A1":
			c = NotPublished
		case "A2":
			c = PublishedLate
		default:
			continue
		}
		if ind.Score.Cmp(new(big.Rat).Mul(share, ind.Max)) < 0 {
			out = append(out, c)
		}
	}
	return out
}

// UnitIneligible says why a unit may not be commended for the year, or ""
// when it may: commendation picks the best units (seed 000 §6: 择优), so a
// unit must be rated and hold an approved 优秀 or 合格; a veto or an
// accountability decision that capped it bars it whatever its grade.
func UnitIneligible(g Grade) error {
	switch {
	case g.Unrated:
		return models.Invalid("department", "refuse.assessment.unit_unrated")
	case g.Veto:
		return models.Invalid("department", "refuse.assessment.unit_veto")
	case g.Ineligible || g.CapReason == string(scoring.CapDecision):
		return models.Invalid("department", "refuse.assessment.unit_barred")
	case g.Grade != string(scoring.GradeExcellent) && g.Grade != string(scoring.GradePass):
		return models.Invalid("department", "refuse.assessment.unit_grade", g.Grade)
	}
	return nil
}
