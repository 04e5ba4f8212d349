package reports

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The national format's tables (ANNUAL-REPORT.md), computed from the
// records of a unit and a year.

// Columns of table 三: the applicant types, then 总计.
var applicantColumns = append(slices.Clone(ApplicantTypes), "总计")

// totalColumn is table 三's 总计 column.
var totalColumn = len(ApplicantTypes)

// Rows of table 三. The result rows follow ResultCategories.
const (
	rowNew        = 0 // 一、本年新收
	rowCarriedIn  = 1 // 二、上年结转
	rowFirstResul = 2 // 三(一), the first result row
)

var (
	resultCategories = ResultCategories()
	rowResultsTotal  = rowFirstResul + len(resultCategories) // 三(七)总计
	rowCarriedOut    = rowResultsTotal + 1                   // 四、结转下年度继续办理
	requestRows      = rowCarriedOut + 1
)

// RequestTable is table 三: counts by row and column (申请人情况, 总计 last).
type RequestTable [][]int

// Cell reads a count by row and column.
func (t RequestTable) Cell(row, col int) int { return t[row][col] }

// RemedyTable is table 四: for 行政复议, 直接起诉 and 复议后起诉, the
// counts of 维持, 纠正, 其他, 尚未审结 and 总计.
type RemedyTable [3][5]int

// Proceedings of table 四, in its order.
const (
	procRecon = iota
	procDirect
	procAfterRecon
)

// National is what the records say in the national format for a unit and a
// year: tables 三 and 四, the filed figures of sections 二 and 六, the
// publications by channel, the balance check and what stands in its way.
type National struct {
	Requests  RequestTable
	Remedies  RemedyTable
	Filed     map[string]float64 // by AnnualFigureSpecs key; absent: not filed
	Published int                // pieces of information published proactively
	// ByChannel counts pieces of information by 公开形式, the office's
	// channels first in their order, then any other the records name.
	ByChannel []ChannelCount
	// ByRequestChannel counts requests received in the year by 申请方式.
	ByRequestChannel []ChannelCount
	Imbalances       []Imbalance
	Uncategorised    []RequestRef
	// HasRecords: the unit's publications of the year were loaded, so the
	// year can be compared with another (requests alone, like those carried
	// into the next year, are not a year of records).
	HasRecords bool
}

// ChannelCount is one channel's line.
type ChannelCount struct {
	Name  string
	Count int
}

// Imbalance is a column of table 三 where 一 + 二 ≠ 三(七) + 四.
type Imbalance struct {
	Column   string
	In, Out  int // 一 + 二, and 三(七) + 四
	Requests []RequestRef
}

// Difference is In − Out.
func (i Imbalance) Difference() int { return i.In - i.Out }

// RequestRef names a request a person has to look at.
type RequestRef struct {
	ID                uint
	Department        string
	No                string
	Received          string
	Answered          string
	Answer            string // the old-vocabulary answer type, if any
	Applicant, Result string // the categories as counted ("" when missing)
	NoApplicant       bool
	NoResult          bool
}

// Balanced reports whether every column of table 三 balances.
func (n *National) Balanced() bool { return len(n.Imbalances) == 0 }

// CanBeFinal reports whether the report may be marked final: balanced and
// every request of the year categorised.
func (n *National) CanBeFinal() bool { return n.Balanced() && len(n.Uncategorised) == 0 }

// nationalOf computes the national tables of a unit's year; pubs are its
// publications of the year when the caller has read them already (nil: read
// them).
func nationalOf(ctx context.Context, s *models.Store, u Unit, year int, pubs []models.Publication) (*National, error) {
	var p period
	p.From, p.To = scoring.YearSpan(year)
	reqs, err := nationalRequests(ctx, s, u, p)
	if err != nil {
		return nil, err
	}
	ids := make([]uint, len(reqs))
	for i, r := range reqs {
		ids[i] = r.ID
	}
	cats, err := s.RequestCategories(ctx, ids)
	if err != nil {
		return nil, err
	}
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	n := &National{Requests: make(RequestTable, requestRows)}
	for i := range n.Requests {
		n.Requests[i] = make([]int, len(applicantColumns))
	}
	missing := make([][]RequestRef, len(applicantColumns)) // concluded without a result, by column
	for _, q := range reqs {
		applicant, result := Categories(q, cats[q.ID])
		received, answered := scoring.DateOf(q.Received), dateOf(q.Answered)
		open := received <= p.To && (answered.IsZero() || answered >= p.From)
		concluded := p.contains(answered)
		ref := RequestRef{ID: q.ID, Department: names[q.DepartmentID], No: q.RequestNo, Received: received.String(), Answer: q.Answer,
			Applicant: applicant, Result: result, NoApplicant: open && applicant == "", NoResult: concluded && result == ""}
		if !answered.IsZero() {
			ref.Answered = answered.String()
		}
		if open {
			col := slices.Index(ApplicantTypes, applicant)
			count := func(row int) {
				if col >= 0 {
					n.Requests[row][col]++
				}
				n.Requests[row][totalColumn]++
			}
			switch {
			case p.contains(received):
				count(rowNew)
			default:
				count(rowCarriedIn)
			}
			switch {
			case concluded && result != "":
				count(rowFirstResul + slices.Index(resultCategories, result))
				count(rowResultsTotal)
			case concluded:
				if col >= 0 {
					missing[col] = append(missing[col], ref)
				}
				missing[totalColumn] = append(missing[totalColumn], ref)
			default:
				count(rowCarriedOut)
			}
			if ref.NoApplicant || ref.NoResult {
				n.Uncategorised = append(n.Uncategorised, ref)
			}
		}
		n.Remedies.add(procRecon, dateOf(q.ReconFiled), q.ReconOutcome, dateOf(q.ReconDecided), p)
		suit := procDirect
		if q.SuitKind == SuitAfterRecon {
			suit = procAfterRecon
		}
		n.Remedies.add(suit, dateOf(q.SuitFiled), q.SuitOutcome, dateOf(q.SuitDecided), p)
	}
	for col, name := range applicantColumns {
		in := n.Requests[rowNew][col] + n.Requests[rowCarriedIn][col]
		out := n.Requests[rowResultsTotal][col] + n.Requests[rowCarriedOut][col]
		if in != out {
			n.Imbalances = append(n.Imbalances, Imbalance{Column: name, In: in, Out: out, Requests: missing[col]})
		}
	}
	if n.Filed, err = New(s).AnnualFiguresOf(ctx, year, u.members()); err != nil {
		return nil, err
	}
	if pubs == nil {
		if pubs, err = yearPublications(ctx, s, u, p); err != nil {
			return nil, err
		}
	}
	if err := n.countChannels(ctx, s, pubs, p, reqs); err != nil {
		return nil, err
	}
	return n, nil
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// add counts one proceeding in year p: by its outcome when decided in the
// year, as 尚未审结 when filed by the year's end and not decided by then.
// One decided without a date (an old record) counts in no year.
func (t *RemedyTable) add(proc int, filed scoring.Date, outcome string, decided scoring.Date, p period) {
	if outcome == "" {
		return
	}
	k := slices.Index(RemedyOutcomes, outcome)
	switch {
	case k < 0:
		return
	case outcome != models.OutcomePending && p.contains(decided):
	case !filed.IsZero() && filed <= p.To && (decided.IsZero() || decided > p.To):
		k = slices.Index(RemedyOutcomes, models.OutcomePending)
	default:
		return
	}
	t[proc][k]++
	t[proc][len(RemedyOutcomes)]++
}

// nationalRequests reads the requests a year's tables count: open at some
// time in the year (received by its end, not concluded before its start),
// or with a reconsideration or lawsuit decided in it or pending at its end.
func nationalRequests(ctx context.Context, s *models.Store, u Unit, p period) ([]models.Request, error) {
	from, to := p.From.Time(), p.To.Time()
	var out []models.Request
	err := u.where(s.DB.WithContext(ctx)).Where(
		"(received <= ? AND (answered IS NULL OR answered >= ?))"+
			" OR (recon_decided BETWEEN ? AND ?) OR (suit_decided BETWEEN ? AND ?)"+
			" OR (recon_filed <= ? AND (recon_decided IS NULL OR recon_decided > ?))"+
			" OR (suit_filed <= ? AND (suit_decided IS NULL OR suit_decided > ?))",
		to, from, from, to, from, to, to, to, to, to).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	return out, nil
}

// countChannels counts the year's proactive pieces of information by
// channel (a piece carried twice by one channel counts once there) and the
// year's requests by 申请方式.
func (n *National) countChannels(ctx context.Context, s *models.Store, all []models.Publication, p period, reqs []models.Request) error {
	pubs := make([]models.Publication, 0, len(all))
	for _, pub := range all {
		if proactive(pub.Attribute) {
			pubs = append(pubs, pub)
		}
	}
	pieceOf, total := pieces(pubs)
	n.Published = total
	carried := map[string]map[int]bool{}
	for i, pub := range pubs {
		if carried[pub.Channel] == nil {
			carried[pub.Channel] = map[int]bool{}
		}
		carried[pub.Channel][pieceOf[i]] = true
	}
	pubCounts := map[string]int{}
	for ch, ps := range carried {
		pubCounts[ch] = len(ps)
	}
	reqCounts := map[string]int{}
	for _, q := range reqs {
		if p.contains(scoring.DateOf(q.Received)) {
			reqCounts[cmpOr(compact(q.Channel), "未注明")]++
		}
	}
	n.HasRecords = len(pubs) > 0
	var err2 error
	if n.ByChannel, err2 = ordered(ctx, s, models.ChannelPublication, pubCounts, false); err2 != nil {
		return err2
	}
	n.ByRequestChannel, err2 = ordered(ctx, s, models.ChannelRequest, reqCounts, true)
	return err2
}

// ordered lines up counts by the office's channels of a use, then any other
// channel the records name, by name; the office's channels without records
// show only when all is set (申请方式, a short list the report prints whole).
func ordered(ctx context.Context, s *models.Store, use string, counts map[string]int, all bool) ([]ChannelCount, error) {
	chans, err := s.Channels(ctx, use)
	if err != nil {
		return nil, err
	}
	var out []ChannelCount
	seen := map[string]bool{}
	for _, c := range chans {
		seen[c.Name] = true
		if counts[c.Name] > 0 || all {
			out = append(out, ChannelCount{Name: c.Name, Count: counts[c.Name]})
		}
	}
	var rest []string
	for name := range counts {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		out = append(out, ChannelCount{Name: name, Count: counts[name]})
	}
	return out, nil
}
