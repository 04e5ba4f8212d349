package scoring

import "math/big"

// complaintsReplied scores C1: points × replied / received, over the
// complaints and inquiries received in the year; replied means a reply by
// the as-of date.
func complaintsReplied(d *deptRun, points *big.Rat) []Deduction {
	return d.complaints(points, DeductComplaintUnreplied, func(c *Complaint) Date { return c.Replied })
}

// complaintsClosed scores C2: points × closed / received, likewise.
func complaintsClosed(d *deptRun, points *big.Rat) []Deduction {
	return d.complaints(points, DeductComplaintUnclosed, func(c *Complaint) Date { return c.Closed })
}

// complaints scores the share of the year's complaints whose step (reply
// or closing) has happened.
func (d *deptRun) complaints(points *big.Rat, kind DeductionKind, step func(*Complaint) Date) []Deduction {
	var t tally
	for _, k := range d.idx.comps.of(d.i) {
		c := &d.in.Complaints[k]
		if !d.inYear(c.Received) {
			continue
		}
		if d.happened(step(c)) {
			t.pass()
			continue
		}
		t.fail(Deduction{Kind: kind, Record: RecordRef{Kind: RecordComplaint, ID: c.ID}, Title: c.No, On: c.Received})
	}
	return t.deductions(points)
}
