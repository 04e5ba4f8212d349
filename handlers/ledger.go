package handlers

import (
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

// deptChoice is a list's department filter (issue 27): department=ID, as
// links and bookmarks give it, or dept=, a name or code typed in the search
// field that took the place of a list of every department, resolved here.
type deptChoice struct {
	ID    uint
	Text  string              // as typed, or the chosen department's name
	Found []models.Department // several names contain Text: the viewer picks one
	Miss  bool                // no department the viewer sees is named or coded Text
}

// Resolved reports whether the list can be read: no department asked, or
// the one asked found.
func (d deptChoice) Resolved() bool { return !d.Miss && len(d.Found) == 0 }

// deptPick is a department a search found, linked to its list.
type deptPick struct {
	models.Department
	Link string
}

// departmentFilter reads the department filter of the list at path, and
// the links of the departments to pick from when a search found several.
func (s *Server) departmentFilter(c *fiber.Ctx, v models.Viewer, path string) (deptChoice, []deptPick, error) {
	ctx := c.UserContext()
	d := deptChoice{ID: uint(max(queryInt(c, "department", 0), 0)), Text: strings.TrimSpace(ledgerText(c, "dept"))}
	if d.ID != 0 {
		name, err := s.store.DepartmentName(ctx, v, d.ID)
		d.Text = name
		return d, nil, err
	}
	if d.Text == "" {
		return d, nil, nil
	}
	found, err := s.store.FindDepartments(ctx, v, d.Text)
	switch {
	case err != nil:
		return d, nil, err
	case len(found) == 1:
		d.ID, d.Text = found[0].ID, found[0].Name
		return d, nil, nil
	case len(found) == 0:
		d.Miss = true
		return d, nil, nil
	}
	d.Found = found
	q, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return d, nil, nil
	}
	q.Del("page")
	q.Del("dept")
	picks := make([]deptPick, len(found))
	for i, f := range found {
		q.Set("department", strconv.FormatUint(uint64(f.ID), 10))
		picks[i] = deptPick{Department: f, Link: path + "?" + q.Encode()}
	}
	return d, picks, nil
}

// bureau reports whether v reads every department's rows: the lists then
// name each row's department and offer the department search.
func bureau(v models.Viewer) bool {
	_, limited := v.OwnDepartment()
	return !limited
}

// requestFilter reads the request ledger's filters from the query; a value
// out of its list or range is ignored.
func requestFilter(c *fiber.Ctx, dept uint) ledger.RequestFilter {
	f := ledger.RequestFilter{
		Year: queryInt(c, "year", 0), DueWithin: queryInt(c, "due", 0), Overdue: c.Query("overdue") == "1",
		Department: dept, Applicant: ledgerText(c, "applicant"), Channel: ledgerText(c, "channel"), Result: ledgerText(c, "result"),
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

// requestLedger is /requests: the requests the viewer reads, by due date,
// a page at a time.
func (s *Server) requestLedger(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, picks, err := s.departmentFilter(c, v, "/requests")
	if err != nil {
		return err
	}
	f := requestFilter(c, d.ID)
	today := scoring.DateOf(s.opt.Now())
	l := ledger.RequestList{Today: today, Page: 1, Pages: 1}
	var rows template.HTML
	var channels []models.Channel
	if d.Resolved() {
		all, key, err := s.requestList(c, v, f, today)
		if err != nil {
			return err
		}
		l, channels = all.PageOf(queryInt(c, "page", 1)), all.Channels
		rows, err = s.rendered(c, key, l.Page, "partials/request_rows", func(data fiber.Map) error {
			data["Rows"], data["Bureau"], data["RequestURL"] = l.Rows, bureau(v), requestURL
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.page(c, "ledger_requests", "ledger.requests.title", fiber.Map{
		"List": l, "Rows": rows, "F": f, "D": d, "Picks": picks, "Bureau": bureau(v), "Params": filterParams(c), "States": ledger.States, "Channels": channels,
		"ApplicantTypes": reports.ApplicantTypes, "Results": reports.ResultCategories(), "Year": today.Year(), "Prev": pageLink("/requests", c, l.Page-1, l.Pages), "Next": pageLink("/requests", c, l.Page+1, l.Pages),
	})
}

// requestLedgerXLSX is the request ledger under the page's filters, every
// page of it, in the import format; a department search that found none
// or several goes back to the ledger, which says so.
func (s *Server) requestLedgerXLSX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, _, err := s.departmentFilter(c, v, "/requests")
	if err != nil {
		return err
	}
	if !d.Resolved() {
		return c.Redirect("/requests?"+filterParams(c), fiber.StatusSeeOther)
	}
	sheet, err := ledger.New(s.store).ExportRequests(c.UserContext(), v, requestFilter(c, d.ID), scoring.DateOf(s.opt.Now()), ingest.Headers(ingest.Requests))
	if err != nil {
		return err
	}
	return sendSheet(c, "依申请公开台账", sheet)
}

// complaintLedger is /complaints: the complaints the viewer reads, the
// oldest still open first.
func (s *Server) complaintLedger(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, picks, err := s.departmentFilter(c, v, "/complaints")
	if err != nil {
		return err
	}
	f := complaintFilter(c, d.ID)
	l := &ledger.ComplaintList{Page: 1, Pages: 1}
	if d.Resolved() {
		if l, err = ledger.New(s.store).Complaints(c.UserContext(), v, f, scoring.DateOf(s.opt.Now())); err != nil {
			return err
		}
	}
	return s.page(c, "ledger_complaints", "ledger.complaints.title", fiber.Map{
		"List": l, "F": f, "D": d, "Picks": picks, "Bureau": bureau(v), "Params": filterParams(c), "States": ledger.ComplaintStates, "ComplaintURL": complaintURL,
		"Prev": pageLink("/complaints", c, l.Page-1, l.Pages), "Next": pageLink("/complaints", c, l.Page+1, l.Pages),
	})
}

// complaintLedgerXLSX is the complaint ledger in the import format.
func (s *Server) complaintLedgerXLSX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	d, _, err := s.departmentFilter(c, v, "/complaints")
	if err != nil {
		return err
	}
	if !d.Resolved() {
		return c.Redirect("/complaints?"+filterParams(c), fiber.StatusSeeOther)
	}
	sheet, err := ledger.New(s.store).ExportComplaints(c.UserContext(), v, complaintFilter(c, d.ID), scoring.DateOf(s.opt.Now()), ingest.Headers(ingest.Complaints))
	if err != nil {
		return err
	}
	return sendSheet(c, "投诉咨询台账", sheet)
}

func complaintFilter(c *fiber.Ctx, dept uint) ledger.ComplaintFilter {
	f := ledger.ComplaintFilter{Year: queryInt(c, "year", 0), Department: dept, Line: ledgerText(c, "line"), Page: queryInt(c, "page", 1)}
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
