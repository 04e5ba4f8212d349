package seed

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
)

// Columns of the demo's requests table beyond FORMATS.md's first twelve:
// the national annual report's categories and proceedings.
const (
	reqAnswered = 9 + iota
	reqAnswer
	reqFee
	reqApplicant
	reqResult
	reqReconFiled
	reqReconOutcome
	reqReconDecided
	reqSuitKind
	reqSuitFiled
	reqSuitOutcome
	reqSuitDecided
)

// nationalDemo gives the demo year what the national annual report counts,
// from a generator of its own so that the rest of the demo (and its scores)
// stays as it was: applicant types, results in the national categories
// (the plain old answer types left to the mapping), some requests by phone,
// a few carried over from the year before, reconsiderations and lawsuits
// of each kind and outcome (none corrected but the one B2 already charges),
// and each department's figures that the records cannot give. A live year
// (DemoRecords) carries over the requests of the year generated before it,
// so only the first year makes up its own.
func nationalDemo(y int, live bool, depts []demoDept, reqs *table) table {
	rng := rand.New(rand.NewPCG(uint64(y), 1302))
	day := func(t time.Time, n int) string { return ymd(t.AddDate(0, 0, n)) }
	for _, r := range reqs.rows {
		r[reqApplicant] = pickWeighted(rng, reports.ApplicantTypes, []int{70, 12, 3, 4, 8, 3})
		if rng.Float64() < 0.1 && r[3] == "当面" { // 网络 requests keep their forwarding clock
			r[3] = "电话"
		}
		if r[reqAnswered] != "" {
			r[reqResult] = demoResult(rng, r[reqAnswer])
		}
	}
	// Carried over from the year before: received in December, answered in
	// January.
	carried := min(4, len(depts))
	if live {
		carried = 0
	}
	for i, d := range depts[:carried] {
		received := time.Date(y-1, 12, 15+i, 0, 0, 0, 0, time.UTC)
		row := []string{d.code, fmt.Sprintf("YSQ%d-%s-J%02d", y-1, d.code, i+1), ymd(received), "信函", "否", "", "", "", "",
			day(received, 18), "同意公开", "0", reports.ApplicantTypes[i%2], "予以公开", "", "", "", "", "", "", ""}
		reqs.rows = append(reqs.rows, append(row, make([]string, len(reqs.header)-len(row))...))
	}
	// Proceedings on requests answered early enough in the year, one of each
	// kind and outcome the demo shows.
	type proceeding struct{ recon, suitKind, suit string }
	plan := []proceeding{
		{recon: models.OutcomeUpheld}, {recon: models.OutcomeOther}, {recon: models.OutcomePending},
		{suitKind: reports.SuitDirect, suit: models.OutcomeUpheld}, {suitKind: reports.SuitDirect, suit: models.OutcomePending},
		{recon: models.OutcomeUpheld, suitKind: reports.SuitAfterRecon, suit: models.OutcomeUpheld},
		{recon: models.OutcomeUpheld, suitKind: reports.SuitAfterRecon, suit: models.OutcomeOther},
	}
	k := 0
	for i, r := range reqs.rows {
		if k == len(plan) {
			break
		}
		answered, err := time.Parse(time.DateOnly, r[reqAnswered])
		if i%9 != 4 || err != nil || answered.Year() != y || answered.Month() > 8 || r[reqReconOutcome] != "" {
			continue
		}
		p := plan[k]
		k++
		filed := answered.AddDate(0, 0, 20)
		if p.recon != "" {
			r[reqReconFiled], r[reqReconOutcome] = ymd(filed), p.recon
			if p.recon == models.OutcomePending {
				r[reqReconFiled] = ymd(time.Date(y, 12, 10, 0, 0, 0, 0, time.UTC))
			} else {
				r[reqReconDecided] = day(filed, 55)
				filed = filed.AddDate(0, 0, 70)
			}
		}
		if p.suitKind != "" {
			r[reqSuitKind], r[reqSuitFiled], r[reqSuitOutcome] = p.suitKind, ymd(filed), p.suit
			if p.suit != models.OutcomePending {
				r[reqSuitDecided] = day(filed, 40)
			}
		}
	}
	figures := table{kind: "annual_figures", header: []string{"department", "year"}}
	for _, f := range reports.AnnualFigureSpecs {
		figures.header = append(figures.header, f.Key)
	}
	for _, d := range depts {
		row := []string{d.code, strconv.Itoa(y),
			"0", "0", "0", // 规章: a public security bureau makes none
			strconv.Itoa(rng.IntN(3)), strconv.Itoa(rng.IntN(2)), strconv.Itoa(3 + rng.IntN(12)),
			strconv.Itoa(rng.IntN(600)), strconv.Itoa(rng.IntN(1500)), strconv.Itoa(rng.IntN(80)),
			strconv.FormatFloat(float64(rng.IntN(500000))/100/100, 'f', -1, 64),
			"0", "0", // no information-processing fee charged
		}
		figures.rows = append(figures.rows, row)
	}
	return figures
}

// demoResult is a request's national result as the demo records it: the
// plain old answer types are left to the mapping; the others are filed in
// a category their answer allows.
func demoResult(rng *rand.Rand, answer string) string {
	group := func(name string, weights []int) string {
		for _, g := range reports.ResultGroups {
			if g.Name == name {
				return g.Name + reports.ResultSep + pickWeighted(rng, g.Reasons, weights)
			}
		}
		return ""
	}
	switch answer {
	case "已主动公开", "部分公开", "信息不存在":
		return "" // mapped from the answer type
	case "同意公开":
		return "予以公开"
	case "不同意公开":
		return group("不予公开", []int{3, 2, 2, 6, 2, 3, 5, 1})
	case "告知其他途径":
		if rng.Float64() < 0.7 {
			return group("不予处理", []int{5, 2, 2, 1, 1})
		}
		return group("其他处理", []int{4, 1, 2})
	}
	return ""
}

// pickWeighted picks one of list with the given weights.
func pickWeighted(rng *rand.Rand, list []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return list[i]
		}
		n -= w
	}
	return list[len(list)-1]
}
