package scoring

import (
	"strings"
	"time"
)

// SlotState says how a slot stands at the as-of date.
type SlotState string

// The states of a slot.
const (
	SlotFilled SlotState = "filled" // a publication of the item fell in it
	SlotEmpty  SlotState = "empty"  // its period is over and nothing fell in it
	// SlotVoid: its period is over and what would have filled it lies in a
	// quarter whose quarterly report was never filed (seed 000 §7(4)).
	SlotVoid SlotState = "void"
	// SlotPending: its period is not over at the as-of date and nothing
	// fills it yet; A1 does not count it.
	SlotPending SlotState = "pending"
)

// SlotResult is one slot of a department: what the catalog asks of it for
// one item and one period of the year.
type SlotResult struct {
	Item   int // catalog item seq
	Period Period
	State  SlotState
	// Publication is the ID of the publication filling the slot: the
	// earliest published one, so that the grid shows when it was first met.
	Publication uint
}

// cadence is how often an item must be published (公开时限).
type cadence uint8

const (
	cadenceNone      cadence = iota // 依申请 only: no slot
	cadenceStanding                 // 长期: one slot, earlier years count
	cadenceQuarterly                // 每季度 (also 每季度或每月): four slots
	cadenceMonthly                  // 每月: twelve slots
	cadencePrompt                   // 及时: one slot in the year
)

// classifyCadence reads a 公开时限 text by the first keyword it contains, in
// the order of docs/SCHEMES.md (长期公开、及时公开 is standing), and returns the
// keyword that a scheme lists to count it.
func classifyCadence(text string) (cadence, string) {
	for _, k := range []struct {
		keyword string
		kind    cadence
	}{
		{"长期", cadenceStanding},
		{"每季度", cadenceQuarterly},
		{"每月", cadenceMonthly},
		{"及时", cadencePrompt},
	} {
		if strings.Contains(text, k.keyword) {
			return k.kind, k.keyword
		}
	}
	return cadenceNone, ""
}

// slotPeriods returns the periods of an item's slots in year.
func slotPeriods(kind cadence, year int) []Period {
	switch kind {
	case cadenceStanding:
		return []Period{standingPeriod(year)}
	case cadencePrompt:
		return []Period{yearPeriod(year)}
	case cadenceQuarterly:
		ps := make([]Period, 4)
		for q := range ps {
			ps[q] = quarterPeriod(year, q+1)
		}
		return ps
	case cadenceMonthly:
		ps := make([]Period, 12)
		for m := range ps {
			ps[m] = monthPeriod(year, time.Month(m+1))
		}
		return ps
	}
	return nil
}

// slotOf returns which slot of an item a publication dated published
// falls in, or -1. published has happened by the as-of date.
func (r *run) slotOf(kind cadence, published Date) int {
	inYear := r.year.Contains(published)
	switch {
	case kind == cadenceStanding && published <= r.year.End:
		return 0
	case !inYear:
		return -1
	case kind == cadencePrompt:
		return 0
	case kind == cadenceQuarterly:
		return published.Quarter() - 1
	case kind == cadenceMonthly:
		return int(published.Month()) - 1
	}
	return -1
}

// fillSlots lays out the department's slots and fills them from its
// publications. A publication in a void quarter of the year fills nothing
// but marks the slot it would have filled as void rather than empty.
func (d *deptRun) fillSlots() {
	r := d.run
	base := d.scratch.slotBase // item index → first slot of the item, or -1
	for _, j := range r.idx.obligated[d.i] {
		base[j] = int32(len(d.slots))
		for _, p := range r.idx.periods[j] {
			d.slots = append(d.slots, SlotResult{Item: r.in.Items[j].Seq, Period: p, State: SlotEmpty})
		}
	}
	defer func() {
		for _, j := range r.idx.obligated[d.i] {
			base[j] = -1
		}
	}()

	filledOn := make([]Date, len(d.slots)) // published date of the filling publication
	for _, k := range r.idx.pubs.of(d.i) {
		p := &r.in.Publications[k]
		j, ok := r.idx.itemOf[p.Seq]
		if !ok || base[j] < 0 || !r.happened(p.Published) {
			continue
		}
		n := r.slotOf(r.idx.kinds[j], p.Published)
		if n < 0 {
			continue
		}
		slot, on := &d.slots[int(base[j])+n], &filledOn[int(base[j])+n]
		if r.year.Contains(p.Published) && d.void[p.Published.Quarter()-1] {
			if *on == 0 {
				slot.State = SlotVoid
			}
			continue
		}
		if *on == 0 || p.Published < *on || (p.Published == *on && p.ID < slot.Publication) {
			slot.State, slot.Publication, *on = SlotFilled, p.ID, p.Published
		}
	}

	for s := range d.slots {
		slot := &d.slots[s]
		switch {
		case slot.State == SlotFilled:
		case !r.over(slot.Period.End):
			slot.State = SlotPending
		case slot.Period.Kind == PeriodQuarter || slot.Period.Kind == PeriodMonth:
			if d.void[slot.Period.Start.Quarter()-1] {
				slot.State = SlotVoid
			}
		}
	}
}
