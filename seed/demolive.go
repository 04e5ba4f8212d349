package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// ClosedYear is the last year a demo opened on today has closed: its
// records complete and its assessment published, re-opened and corrected
// (demoRepublished, 10 April of the year after) before today. From that
// day it is today's year − 1; before it, the year before that, and the
// demo carries the year between as a year of records whose assessment has
// not begun.
func ClosedYear(today time.Time) int {
	y := today.Year() - 1
	if today.Before(demoRepublished(y)) {
		return y - 1
	}
	return y
}

// DemoRecords generates the demo bureau's records as they stand on today:
// the closed year (ClosedYear) in full, with its realistic gaps, and every
// year after it up to today, when a bureau at work files its reports on
// time: requests, publications, reviews and coordinations up to today,
// quarterly reports of the quarters due so far, last year's annual report
// in January. Nothing is dated after today. The generators are seeded, so
// the demo opened on a day is the same on every machine.
func DemoRecords(today time.Time) Records {
	closed := ClosedYear(today)
	rng := rand.New(rand.NewPCG(2025, 1101)) // the draws the closed year's showcase was built on
	depts := readDemoDepts(rng)
	recs := demoYear(rng, depts, closed, false)
	for y := closed + 1; y <= today.Year(); y++ {
		live := demoYear(rand.New(rand.NewPCG(uint64(y), 1101)), depts, y, true)
		if y == today.Year() {
			live.drop("annual_figures") // filed with the annual report, after the year
		}
		recs.add(live.upTo(scoring.DateOf(today)))
	}
	return recs
}

// add appends the rows of o's tables to the tables of the same kind.
func (r *Records) add(o Records) {
	for _, t := range o.tables {
		i := slices.IndexFunc(r.tables, func(u table) bool { return u.kind == t.kind })
		if i < 0 || !slices.Equal(r.tables[i].header, t.header) {
			r.tables = append(r.tables, t)
			continue
		}
		r.tables[i].rows = append(r.tables[i].rows, t.rows...)
	}
}

// drop leaves out the table of a kind.
func (r *Records) drop(kind ingest.Kind) {
	r.tables = slices.DeleteFunc(r.tables, func(t table) bool { return t.kind == kind })
}

// upTo keeps what had happened by today: a row whose first event (a
// publication, a request received, a report filed …) comes later is
// dropped, and a later step of a kept row (an answer, a reply, a sign-off)
// is left undone, so that it is open on today as it would be.
func (r Records) upTo(today scoring.Date) Records {
	after := func(s string) bool {
		d, err := scoring.ParseDate(s)
		return err == nil && d > today
	}
	out := Records{tables: make([]table, 0, len(r.tables))}
	for _, t := range r.tables {
		c := t.columns()
		kept := t
		kept.rows = nil
		for _, row := range t.rows {
			if i, ok := c[firstEvent[t.kind]]; ok && after(row[i]) {
				continue
			}
			undo := func(when string, also ...string) {
				if i, ok := c[when]; ok && after(row[i]) {
					row[i] = ""
					for _, a := range also {
						row[c[a]] = ""
					}
				}
			}
			switch t.kind {
			case "requests":
				if after(row[c["answered"]]) {
					row[c["fee"]], row[c["fee_waived"]] = "0", "否"
				}
				undo("answered", "answer", "result", "fee_basis")
				undo("pause_end", "pause_start")
				undo("forwarded")
				undo("recon_filed", "recon_outcome", "recon_decided")
				undo("suit_filed", "suit_kind", "suit_outcome", "suit_decided")
				if after(row[c["recon_decided"]]) {
					row[c["recon_outcome"]], row[c["recon_decided"]] = models.OutcomePending, ""
				}
				if after(row[c["suit_decided"]]) {
					row[c["suit_outcome"]], row[c["suit_decided"]] = models.OutcomePending, ""
				}
			case "complaints":
				undo("replied", "closed")
				undo("closed")
			case "secrecy_reviews":
				for _, step := range []string{"unit", "head", "leader", "secrecy", "approver"} {
					undo(step+"_date", step+"_by")
				}
				undo("decided", "opinion", "basis")
			case "coordinations":
				undo("replied", "opinion", "note")
			}
			kept.rows = append(kept.rows, row)
		}
		out.tables = append(out.tables, kept)
	}
	return out
}

// firstEvent is, per kind, the column that dates a record's coming into
// being: before that day the record does not exist.
var firstEvent = map[ingest.Kind]string{
	"publications": "published", "requests": "received", "complaints": "received",
	"quarterly_reports": "submitted", "annual_reports": "submitted", "incidents": "date",
	"accountability": "decided", "secrecy_reviews": "requested", "coordinations": "sent",
	"press_conferences": "date",
}

// columns maps a table's header to column indexes.
func (t table) columns() map[string]int {
	c := make(map[string]int, len(t.header))
	for i, h := range t.header {
		c[h] = i
	}
	return c
}

// demoFinals marks final (定稿) the annual reports filed by today, as the
// office does once a report is in: each department's on the afternoon it
// filed, the bureau's own on 20 March, before its statutory 31 March.
// Without it every home would show last year's report overdue all year.
func demoFinals(ctx context.Context, store *models.Store, office models.Viewer, recs Records, depts map[string]uint, today time.Time) error {
	final := func(y int, dept uint, at time.Time) error {
		if at.After(today) {
			return nil
		}
		if err := reports.MarkFinal(ctx, store, office, reports.AnnualQuery{Year: y, DepartmentID: dept}, true, at); err != nil {
			return fmt.Errorf("demo annual report %d of department %d final: %w", y, dept, err)
		}
		return nil
	}
	for _, t := range recs.tables {
		if t.kind != "annual_reports" {
			continue
		}
		c := t.columns()
		for _, row := range t.rows {
			y, err := strconv.Atoi(row[c["year"]])
			if err != nil {
				return err
			}
			filed, err := time.Parse(time.DateOnly, row[c["submitted"]])
			if err != nil {
				return err
			}
			if err := final(y, depts[row[c["department"]]], filed.Add(9*time.Hour)); err != nil { // 17:00 in Beijing
				return err
			}
		}
	}
	for y := ClosedYear(today); y < today.Year(); y++ {
		if err := final(y, 0, time.Date(y+1, time.March, 20, 2, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
	}
	return nil
}
