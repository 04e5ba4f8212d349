package scoreruns

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/scoring"
)

// A year is read and scored a batch of departments at a time once its
// publications are many (issue 27): each batch streams its departments'
// publications, requests and complaints, is scored, and keeps of each
// department its figures and its explanation, compressed (tens of
// kilobytes of JSON a department, 600 MB at 30,000 units), so that peak
// memory follows the batch and not the province. A year up to the size of
// issue 15's province is one batch, read by whole-table scans as before.
const (
	wholeYearRows        = 1_500_000 // publications up to which a year is one batch
	wholeYearDepartments = 5_000     // departments up to which a year is one batch
	batchRows            = 500_000   // publications a batch reads, about
	batchDepartments     = 1_000     // departments a batch scores, at most
)

// InBatches returns the store computing n departments a batch whatever
// the year's size (0: as the year's size says), for measuring and tests.
func (s *Store) InBatches(n int) *Store { c := *s; c.batch = n; return &c }

// batchSize is how many departments of depts a batch takes.
func (s *Store) batchSize(ctx context.Context, depts int) int {
	if s.batch > 0 {
		return s.batch
	}
	n := s.rowsHint(ctx, "publications")
	if n <= wholeYearRows && depts <= wholeYearDepartments {
		return max(depts, 1)
	}
	return max(1, min(batchDepartments, depts*batchRows/max(n, 1)))
}

// scoredYear is a year scored and rated: each department's figures (its
// indicators' scores without their deductions, no slots), and its detail,
// the JSON stored with the run, without its rating (flate-compressed when
// the year is scored in batches).
type scoredYear struct {
	res      *scoring.Result
	details  [][]byte // per department of res: head and tail of its detail, compressed if compress
	cut      []int    // where the rating goes in the uncompressed detail
	compress bool     // the year is scored in batches: its explanations are kept compressed
}

// scoreYear reads and scores year y as of asOf under scheme, a batch of
// departments (by ID) at a time, and rates the year.
func (s *Store) scoreYear(ctx context.Context, y int, asOf scoring.Date, scheme *scoring.Scheme, cal *scoring.Calendar) (*scoredYear, error) {
	frame, err := s.readFrame(ctx, y)
	if err != nil {
		return nil, err
	}
	if err := clocks.New(s.Store).AddInput(ctx, frame, y); err != nil {
		return nil, err
	}
	if err := columns.New(s.Store).AddInput(ctx, frame); err != nil {
		return nil, err
	}
	frame.AsOf, frame.Scheme, frame.Calendar = asOf, scheme, cal
	pos := make(map[uint]int, len(frame.Departments))
	ids := make([]uint, len(frame.Departments))
	for i, d := range frame.Departments {
		pos[d.ID], ids[i] = i, d.ID
	}
	slices.Sort(ids)
	per := s.batchSize(ctx, len(ids))
	if per < len(ids) {
		if err := s.readColumnPosts(ctx, y, frame); err != nil {
			return nil, err
		}
	}
	sc, err := scoring.NewScorer(*frame)
	if err != nil {
		return nil, fmt.Errorf("score %d: %w", y, err)
	}
	out := &scoredYear{
		res:      &scoring.Result{SchemeVersion: scheme.Version, Year: y, AsOf: asOf, Departments: make([]scoring.DepartmentResult, len(ids))},
		details:  make([][]byte, len(ids)),
		cut:      make([]int, len(ids)),
		compress: per < len(ids),
	}
	for a := 0; a < len(ids); a += per {
		b := min(a+per, len(ids))
		var r deptRange
		if per < len(ids) {
			r = deptRange{ids[a], ids[b-1]}
		}
		var batch scoring.Input // its records are garbage once scored, while keep encodes
		if err := s.readRecords(ctx, y, &batch, r); err != nil {
			return nil, err
		}
		results, err := sc.Batch(ids[a:b], batch.Publications, batch.Requests, batch.Complaints)
		if err != nil {
			return nil, fmt.Errorf("score %d: %w", y, err)
		}
		if err := out.keep(results, pos); err != nil {
			return nil, err
		}
	}
	scoring.Rate(scheme, out.res.Departments)
	out.res.Unresolved, out.res.CalendarGaps = sc.Unresolved(), sc.CalendarGaps()
	return out, nil
}

// keep stores a batch's results, at their departments' positions, on
// every core: the explanation is most of a department's result (tens of
// kilobytes), and encoded once.
func (y *scoredYear) keep(results []scoring.DepartmentResult, pos map[uint]int) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(results)/50))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, flate.BestSpeed) // BestSpeed is a valid level
			for k := w; k < len(results); k += workers {
				d := &results[k]
				full, err := json.Marshal(d)
				if err != nil {
					errs[w] = fmt.Errorf("encode score of %s: %w", d.Code, err)
					return
				}
				cut := bytes.Index(full, ratingJSON(d))
				if cut < 0 {
					errs[w] = fmt.Errorf("encode score of %s: no rating in its detail", d.Code)
					return
				}
				p := pos[d.Dept]
				rest := full[cut+len(ratingJSON(d)):]
				y.cut[p] = cut
				if !y.compress { // one batch: the year's explanations fit, uncompressed
					y.details[p] = append(full[:cut:cut], rest...)
					y.res.Departments[p] = figures(*d)
					continue
				}
				buf.Reset()
				fw.Reset(&buf)
				_, _ = fw.Write(full[:cut]) // writes to a bytes.Buffer do not fail
				_, _ = fw.Write(rest)
				_ = fw.Close()
				y.details[p] = bytes.Clone(buf.Bytes())
				y.res.Departments[p] = figures(*d)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// figures is a department's result without its explanation: the
// indicators' scores without their deductions, and no slots.
func figures(d scoring.DepartmentResult) scoring.DepartmentResult {
	d.Slots = nil
	d.Indicators = slices.Clone(d.Indicators)
	for k := range d.Indicators {
		d.Indicators[k].Deductions = nil
	}
	return d
}

// detail is the JSON of department p's whole result as rated: the same
// bytes as encoding its scoring.DepartmentResult.
func (y *scoredYear) detail(p int) (string, error) {
	raw := y.details[p]
	if y.compress {
		var err error
		if raw, err = io.ReadAll(flate.NewReader(bytes.NewReader(raw))); err != nil {
			return "", fmt.Errorf("read back the score of %s: %w", y.res.Departments[p].Code, err)
		}
	}
	cut := y.cut[p]
	return string(raw[:cut]) + string(ratingJSON(&y.res.Departments[p])) + string(raw[cut:]), nil
}

// storedDetails is every department's detail in its stored form
// (deflated, detail.go), made on every core, so that the transaction that
// stores the run only writes.
func (y *scoredYear) storedDetails() ([]string, error) {
	out := make([]string, len(y.res.Departments))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(out)))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for p := w; p < len(out); p += workers {
				detail, err := y.detail(p)
				if err != nil {
					errs[w] = err
					return
				}
				stored, err := deflateDetail(detail)
				if err != nil {
					errs[w] = fmt.Errorf("store the score of %s: %w", y.res.Departments[p].Code, err)
					return
				}
				out[p] = string(stored)
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// rating is the part of a scoring.DepartmentResult that Rate decides and
// the fields between them, in their order, named and typed alike so that
// they encode to the same JSON.
type rating struct {
	Grade         scoring.Grade
	Rank          int
	Veto          bool
	VetoIncidents []uint
	Capped        bool
	CapReason     scoring.CapReason
	CapDecisions  []uint
}

// ratingJSON is the encoding of d's rating fields as they appear inside
// the encoding of d.
func ratingJSON(d *scoring.DepartmentResult) []byte {
	b, _ := json.Marshal(rating{d.Grade, d.Rank, d.Veto, d.VetoIncidents, d.Capped, d.CapReason, d.CapDecisions}) // plain values always encode
	return b[1 : len(b)-1]
}
