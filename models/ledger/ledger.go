// Package ledger is a department's 台账: the lists of its requests
// (依申请公开) and complaints (投诉咨询) with their state and clocks, their
// export in the import format, and what the ledger tells of a request (its
// fee warnings, its applicant as the viewer may see it). It reads the
// core's rows and writes none of its own tables: the due dates are
// scoring's (scoring.RequestDue), the identity rule the core's
// (Viewer.ApplicantOf).
package ledger

import (
	"github.com/gongkai/gongkai/models"
)

// Store reads the ledgers.
type Store struct{ *models.Store }

// New returns the ledger store on s.
func New(s *models.Store) *Store { return &Store{s} }

// MaxRows bounds what one list reads: beyond it the list says it stopped
// and asks for narrower filters (a year, a department).
const MaxRows = 20000

// scope limits a query to the departments the viewer reads: a head or a
// clerk their own department only (never another's), the office and the
// bureau's readers all of them, or the one a filter asks.
func scope(v models.Viewer, dept uint) (uint, bool) {
	own, limited := v.OwnDepartment()
	switch {
	case limited && (dept == 0 || dept == own):
		return own, true
	case limited:
		return 0, false // another department's: nothing
	}
	return dept, true
}

// pageOf cuts rows to page p (from 1) of models.PageSize, and returns the
// page numbered as shown and the number of pages.
func pageOf[T any](rows []T, p int) ([]T, int, int) {
	page, pages, lo := models.Paging(len(rows), p)
	return rows[lo:min(lo+models.PageSize, len(rows))], page, pages
}
