package accountability

import (
	"math/big"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// A decision revoked on appeal asks for a re-opening only when the
// department would now be 优秀 by the scheme's own rules: its total reaches
// the threshold, no veto fails it, and the share of 优秀 leaves it a place.
func TestRevokedCapReopensOnlyWhenTheDepartmentWouldBeExcellent(t *testing.T) {
	t.Parallel()
	decimal := func(s string) scoring.Decimal {
		d, err := scoring.ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	third := decimal("0.34")
	approved := time.Date(2025, 2, 26, 9, 0, 0, 0, time.UTC)
	standing := func(dept uint, total int64, grade scoring.Grade, ineligible, veto bool) scoreruns.Standing {
		return scoreruns.Standing{Year: 2024, DepartmentID: dept, Source: scoreruns.StandingApproved, PlanID: 1, ApprovedAt: &approved,
			Total: big.NewRat(total, 1), Grade: string(grade), Ineligible: ineligible, Veto: veto}
	}
	names := map[uint]string{1: "治安支队", 2: "刑警支队", 3: "宿城分局"}
	for _, tc := range []struct {
		name       string
		quota      *scoring.Decimal
		capped     bool // the decision still stands
		lifted     scoreruns.Standing
		others     []scoreruns.Standing
		wantReopen bool
	}{
		{"no quota: the total reaches 优秀", nil, false,
			standing(1, 95, scoring.GradePass, true, false), []scoreruns.Standing{standing(2, 96, scoring.GradeExcellent, false, false), standing(3, 80, scoring.GradePass, false, false)}, true},
		{"the quota bites: its one place is taken by a better total", &third, false,
			standing(1, 95, scoring.GradePass, true, false), []scoreruns.Standing{standing(2, 96, scoring.GradeExcellent, false, false), standing(3, 80, scoring.GradePass, false, false)}, false},
		{"the quota leaves the place to the best total", &third, false,
			standing(1, 97, scoring.GradePass, true, false), []scoreruns.Standing{standing(2, 96, scoring.GradeExcellent, false, false), standing(3, 80, scoring.GradePass, false, false)}, true},
		{"below the threshold", nil, false,
			standing(1, 85, scoring.GradePass, true, false), []scoreruns.Standing{standing(2, 96, scoring.GradeExcellent, false, false)}, false},
		{"a veto fails it whatever its total", nil, false,
			standing(1, 95, scoring.GradeFail, true, true), []scoreruns.Standing{standing(2, 96, scoring.GradeExcellent, false, false)}, false},
		{"a standing decision caps an approved 优秀", nil, true,
			standing(1, 95, scoring.GradeExcellent, false, false), []scoreruns.Standing{standing(2, 80, scoring.GradePass, false, false)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := &scoring.Scheme{Grades: scoring.Thresholds{Excellent: decimal("90"), Pass: decimal("75"), BasicPass: decimal("60")}, ExcellentQuota: tc.quota}
			capped := map[uint][]uint{}
			if tc.capped {
				capped[1] = []uint{7}
			}
			standings := append([]scoreruns.Standing{tc.lifted}, tc.others...)
			excellent := excellentNow(sc, standings, names, capped)
			if got := needsReopening(&standings[0], tc.capped, excellent[1]); got != tc.wantReopen {
				t.Errorf("re-opening asked: %v, want %v", got, tc.wantReopen)
			}
		})
	}
}
