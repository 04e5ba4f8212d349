package models

// PageSize is how many rows a page of a list shows: the ledgers, the
// publications list and the inbox (issue 27).
const PageSize = 50

// Paging places page p (from 1; out of range: the nearest) of a list of
// total rows: the page as shown, the number of pages (at least 1) and the
// offset of its first row.
func Paging(total, p int) (page, pages, offset int) {
	pages = max(1, (total+PageSize-1)/PageSize)
	page = min(max(p, 1), pages)
	return page, pages, (page - 1) * PageSize
}
