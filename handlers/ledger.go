package handlers

import (
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// complaintURL is the page of one complaint.
func complaintURL(id uint) string { return "/records/complaint/" + strconv.FormatUint(uint64(id), 10) }

// ledgerText reads a text filter: at most 64 characters, else ignored.
func ledgerText(c *fiber.Ctx, key string) string {
	if v := c.Query(key); utf8.RuneCountInString(v) <= 64 {
		return v
	}
	return ""
}

// requestFilter reads the request ledger's filters from the query; a value
// out of its list or range is ignored.
func requestFilter(c *fiber.Ctx) ledger.RequestFilter {
	f := ledger.RequestFilter{
		Year: queryInt(c, "year", 0), DueWithin: queryInt(c, "due", 0), Overdue: c.Query("overdue") == "1",
		Department: uint(max(queryInt(c, "department", 0), 0)), Applicant: ledgerText(c, "applicant"),
		Channel: ledgerText(c, "channel"), Result: ledgerText(c, "result"), Page: queryInt(c, "page", 1),
	}
	if slices.Contains(ledger.States, c.Query("state")) {
		f.State = c.Query("state")
	}
	if f.Year < 2000 || f.Year > 2100 {
		f.Year = 0
	}
	f.DueWithin = min(max(f.DueWithin, 0), 60)
	return f
}

// filterParams is the query without its page, for the pages' links and the
// export.
func filterParams(c *fiber.Ctx) string {
	q, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return ""
	}
	q.Del("page")
	return q.Encode()
}

// pageLink is the address of page p of a list under the same filters; ""
// when there is no such page.
func pageLink(path string, c *fiber.Ctx, p, pages int) string {
	if p < 1 || p > pages {
		return ""
	}
	q := filterParams(c)
	if q != "" {
		q += "&"
	}
	return path + "?" + q + "page=" + strconv.Itoa(p)
}

// requestLedger is /requests: the requests the viewer reads, by due date.
func (s *Server) requestLedger(c *fiber.Ctx) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	f := requestFilter(c)
	today := scoring.DateOf(s.opt.Now())
	l, err := s.requestList(c, v, f, today)
	if err != nil {
		return err
	}
	channels, err := s.store.Channels(ctx, models.ChannelRequest)
	if err != nil {
		return err
	}
	return s.page(c, "ledger_requests", "ledger.requests.title", fiber.Map{
		"List": l, "F": f, "Params": filterParams(c), "States": ledger.States, "Channels": channels,
		"ApplicantTypes": reports.ApplicantTypes, "Results": reports.ResultCategories(), "Year": today.Year(),
		"RequestURL": requestURL, "Prev": pageLink("/requests", c, l.Page-1, l.Pages), "Next": pageLink("/requests", c, l.Page+1, l.Pages),
	})
}

// requestLedgerXLSX is the request ledger under the page's filters, every
// page of it, in the import format.
func (s *Server) requestLedgerXLSX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	sheet, err := ledger.New(s.store).ExportRequests(c.UserContext(), v, requestFilter(c), scoring.DateOf(s.opt.Now()), ingest.Headers(ingest.Requests))
	if err != nil {
		return err
	}
	return sendSheet(c, "依申请公开台账", sheet)
}

// complaintLedger is /complaints: the complaints the viewer reads, the
// oldest still open first.
func (s *Server) complaintLedger(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := complaintFilter(c)
	l, err := ledger.New(s.store).Complaints(c.UserContext(), v, f, scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	return s.page(c, "ledger_complaints", "ledger.complaints.title", fiber.Map{
		"List": l, "F": f, "Params": filterParams(c), "States": ledger.ComplaintStates, "ComplaintURL": complaintURL,
		"Prev": pageLink("/complaints", c, l.Page-1, l.Pages), "Next": pageLink("/complaints", c, l.Page+1, l.Pages),
	})
}

// complaintLedgerXLSX is the complaint ledger in the import format.
func (s *Server) complaintLedgerXLSX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	sheet, err := ledger.New(s.store).ExportComplaints(c.UserContext(), v, complaintFilter(c), scoring.DateOf(s.opt.Now()), ingest.Headers(ingest.Complaints))
	if err != nil {
		return err
	}
	return sendSheet(c, "投诉咨询台账", sheet)
}

func complaintFilter(c *fiber.Ctx) ledger.ComplaintFilter {
	f := ledger.ComplaintFilter{Year: queryInt(c, "year", 0), Department: uint(max(queryInt(c, "department", 0), 0)),
		Line: ledgerText(c, "line"), Page: queryInt(c, "page", 1)}
	if slices.Contains(ledger.ComplaintStates, c.Query("state")) {
		f.State = c.Query("state")
	}
	if f.Year < 2000 || f.Year > 2100 {
		f.Year = 0
	}
	return f
}

// sendSheet answers with a ledger's sheet as a workbook named name.
func sendSheet(c *fiber.Ctx, name string, sheet *ledger.Sheet) error {
	cols := make([]xlsxColumn, len(sheet.Header))
	for i, h := range sheet.Header {
		cols[i] = xlsxColumn{Name: h, Width: float64(max(10, 2*utf8.RuneCountInString(h)+2))}
	}
	t, err := newXLSXTable(name, cols)
	if err != nil {
		return err
	}
	defer t.close()
	for _, r := range sheet.Rows {
		vals := make([]any, len(r))
		for i, v := range r {
			vals[i] = v
		}
		if err := t.add(vals...); err != nil {
			return err
		}
	}
	return t.send(c, name+".xlsx")
}
