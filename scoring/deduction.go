package scoring

import "math/big"

// DeductionKind says why points were lost.
type DeductionKind string

// The kinds of deduction, by indicator.
const (
	DeductSlotUnfilled       DeductionKind = "slot_unfilled"        // A1: no publication in the slot
	DeductSlotVoidQuarter    DeductionKind = "slot_void_quarter"    // A1: the quarter's report was never filed
	DeductPublicationLate    DeductionKind = "publication_late"     // A2
	DeductChannelMissing     DeductionKind = "channel_missing"      // A3
	DeductWebsiteWeekThin    DeductionKind = "website_week_thin"    // A4
	DeductRequestLate        DeductionKind = "request_late"         // B1: answered after the due date
	DeductRequestOverdueOpen DeductionKind = "request_overdue_open" // B1: unanswered and past due
	DeductOverturned         DeductionKind = "overturned"           // B2
	DeductComplaintUnreplied DeductionKind = "complaint_unreplied"  // C1
	DeductComplaintUnclosed  DeductionKind = "complaint_unclosed"   // C2
	DeductQuarterlyLate      DeductionKind = "quarterly_late"       // D1
	DeductQuarterlyMissing   DeductionKind = "quarterly_missing"    // D1
	DeductReviewMissing      DeductionKind = "review_missing"       // D2
	DeductAnnualLate         DeductionKind = "annual_late"          // D3
	DeductAnnualMissing      DeductionKind = "annual_missing"       // D3
	// DeductNothingPublished: the department has slots and published
	// nothing in the year, and the scheme zeroes the indicator for that
	// (default-2: A2, D2).
	DeductNothingPublished DeductionKind = "nothing_published"
)

// RecordKind names the kind of record a deduction points at.
type RecordKind string

// The kinds of record.
const (
	RecordPublication     RecordKind = "publication"
	RecordRequest         RecordKind = "request"
	RecordComplaint       RecordKind = "complaint"
	RecordQuarterlyReport RecordKind = "quarterly_report"
	RecordAnnualReport    RecordKind = "annual_report"
	RecordItem            RecordKind = "item"
)

// RecordRef points at the record behind a deduction, for the UI to link to:
// an ID for records, a Seq for catalog items. The zero value points nowhere
// (a missing channel, a thin week, a report never filed).
type RecordRef struct {
	Kind RecordKind
	ID   uint
	Seq  int
}

// Deduction is one line of the explanation of an indicator: the points it
// lost (always more than 0) and why. For every indicator the Points of its
// deductions sum exactly to Max − Score. Fields that do not apply to the
// Kind are zero.
type Deduction struct {
	Indicator string
	Kind      DeductionKind
	Points    *big.Rat
	Record    RecordRef
	Item      int    // catalog item seq
	Title     string // item title, publication title, or request or complaint number
	Period    Period // the slot, week, quarter or year concerned
	Channel   string // the channel missing (A3) or watched (A4)
	Count     int    // publications found in a thin week (A4)
	Required  int    // publications a week needs (A4)
	On        Date   // the record's own date: publication, receipt, outcome
	Due       Date   // when it was due
	Done      Date   // when it was done; zero if not yet
	// AsOf: for a duty not done (a request unanswered, a report not filed,
	// a quarter void), the as-of date it was still not done by, at the end
	// of that day; zero otherwise and in runs stored before it was kept.
	AsOf Date
	// LateDays: how late, up to Done or the as-of date: working days for
	// the clocks counted in working days (publications, requests), calendar
	// days for reports, whose due dates are calendar dates.
	LateDays int
}
