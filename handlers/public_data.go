package handlers

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/publicsite"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/views"
)

// openTable is a table of the open data (docs/OPEN-DATA.md): its stable
// name, its fields in order and its rows; a value is an int, a float64, a
// string, a bool or nil (a figure 样本不足).
type openTable struct {
	Name, TitleKey, WhatKey string
	Fields                  []string
	Rows                    [][]any
}

// The open data's tables, in the order the index lists them.
var openTableNames = []string{"grades", "notices", "unit_figures", "bulletins", "annual_reports"}

// openTableKeys are the keys of each table's name and description.
var openTableKeys = map[string][2]string{
	"grades":         {"site.table.grades", "site.table.grades.what"},
	"notices":        {"site.table.notices", "site.table.notices.what"},
	"unit_figures":   {"site.table.unit_figures", "site.table.unit_figures.what"},
	"bulletins":      {"site.table.bulletins", "site.table.bulletins.what"},
	"annual_reports": {"site.table.annual_reports", "site.table.annual_reports.what"},
}

func dateString(t time.Time) string { return t.Format(time.DateOnly) }

func publicDocURL(id uint) string    { return "/public/documents/" + strconv.FormatUint(uint64(id), 10) }
func publicReportURL(id uint) string { return "/public/reports/" + strconv.FormatUint(uint64(id), 10) }
func publicNoticeURL(year int, id uint) string {
	return fmt.Sprintf("/public/years/%d#doc-%d", year, id)
}

// measureValue is a measure's value, nil when 样本不足.
func measureValue(m publicsite.Measure) any {
	if !m.Enough {
		return nil
	}
	return m.Value
}

// openTableOf builds one table of the open data from the site.
func openTableOf(site *publicsite.Site, name string) (openTable, bool) {
	t := openTable{Name: name, TitleKey: openTableKeys[name][0], WhatKey: openTableKeys[name][1]}
	switch name {
	case "grades":
		t.Fields = []string{"year", "unit_id", "unit", "grade", "notice_id", "notice_number", "notice_date"}
		for _, y := range site.Years {
			last := y.Notices[len(y.Notices)-1]
			add := func(u publicsite.Unit, grade string) {
				t.Rows = append(t.Rows, []any{y.Year, int(u.ID), u.Name, grade, int(last.ID), last.Number, dateString(last.IssueDate)})
			}
			for _, g := range y.Groups {
				for _, u := range g.Units {
					add(u, string(g.Grade))
				}
			}
			for _, u := range y.Unrated {
				add(u, publicsite.Unrated)
			}
		}
	case "notices":
		t.Fields = []string{"id", "year", "number", "title", "issue_date", "correction", "url"}
		for _, y := range site.Years {
			for _, n := range y.Notices {
				t.Rows = append(t.Rows, []any{int(n.ID), y.Year, n.Number, n.Title, dateString(n.IssueDate), n.Correction, publicNoticeURL(y.Year, n.ID)})
			}
		}
	case "unit_figures":
		t.Fields = []string{"year", "unit_id", "unit", "in_progress", "requests_received", "requests_answered", "answered_on_time", "on_time_rate",
			"median_working_days", "results_disclosed", "results_partial", "results_refused", "results_unable", "results_not_processed",
			"results_other", "results_uncategorised", "complaints_received", "complaints_replied", "complaints_replied_rate", "publications"}
		add := func(id uint, f publicsite.Figures) {
			row := []any{f.Year, int(id), site.Name(id), f.InProgress, f.Received, f.Answered, f.OnTime, measureValue(f.OnTimeRate), measureValue(f.MedianDays)}
			results := make([]any, len(reports.ResultGroups)+1)
			if len(f.Results) > 0 {
				for i, c := range f.Results {
					results[i] = c.N
				}
			}
			row = append(row, results...)
			t.Rows = append(t.Rows, append(row, f.ComplaintsReceived, f.ComplaintsReplied, measureValue(f.ComplaintsRate), f.PublishedTotal))
		}
		for _, f := range site.Bureau {
			add(0, f)
		}
		for _, u := range site.Units {
			for _, f := range site.Figures[u.ID] {
				add(u.ID, f)
			}
		}
	case "bulletins":
		t.Fields = []string{"id", "kind", "number", "title", "issue_date", "posted_date", "url"}
		for _, b := range site.Bulletins {
			t.Rows = append(t.Rows, []any{int(b.ID), b.Kind, b.Number, b.Title, dateString(b.IssueDate), dateString(b.PostedAt), publicDocURL(b.ID)})
		}
	case "annual_reports":
		t.Fields = []string{"id", "unit_id", "unit", "year", "number", "title", "issue_date", "correction", "url"}
		for _, d := range site.Reports {
			t.Rows = append(t.Rows, []any{int(d.ID), int(d.SubjectID), site.Name(d.SubjectID), d.Year, d.Number, d.Title, dateString(d.IssueDate),
				d.Kind == reports.KindAnnualCorrection, publicReportURL(d.ID)})
		}
	default:
		return t, false
	}
	return t, true
}

// csvBytes writes the table as CSV, UTF-8 with a byte order mark (so that
// Excel reads it as UTF-8), a header of the field names, nil as empty.
func (t openTable) csvBytes() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	if err := w.Write(t.Fields); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for i, v := range r {
			switch v := v.(type) {
			case nil:
			case float64:
				rec[i] = strconv.FormatFloat(v, 'f', -1, 64)
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// jsonBytes writes the table as a JSON array of objects, the fields of
// each in the table's order.
func (t openTable) jsonBytes() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, r := range t.Rows {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n{")
		for j, v := range r {
			if j > 0 {
				buf.WriteString(",")
			}
			k, _ := json.Marshal(t.Fields[j])
			val, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			buf.Write(k)
			buf.WriteString(":")
			buf.Write(val)
		}
		buf.WriteString("}")
	}
	buf.WriteString("\n]\n")
	return buf.Bytes(), nil
}

// publicData is GET /public/data: the index of the open data.
func (s *Server) publicData(c *fiber.Ctx) error {
	return s.publicPage(c, "public_data", "site.data", func(site *publicsite.Site, _ views.Lang, data fiber.Map) error {
		var tables []openTable
		for _, name := range openTableNames {
			t, _ := openTableOf(site, name)
			tables = append(tables, t)
		}
		data["Tables"] = tables
		return nil
	})
}

// publicDataFile is GET /public/data/<table>.csv or .json.
func (s *Server) publicDataFile(c *fiber.Ctx) error {
	name, ext, _ := strings.Cut(c.Params("file"), ".")
	if ext != "csv" && ext != "json" || !slices.Contains(openTableNames, name) {
		return models.ErrNotFound
	}
	kind := "text/csv; charset=utf-8"
	if ext == "json" {
		kind = fiber.MIMEApplicationJSONCharsetUTF8
	}
	return s.publicSend(c, kind, func(site *publicsite.Site, _ views.Lang) ([]byte, error) {
		t, _ := openTableOf(site, name)
		if ext == "csv" {
			return t.csvBytes()
		}
		return t.jsonBytes()
	})
}

// The Atom feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// publicFeed is GET /public/feed.atom: the results notices and their 更正,
// the 通报 posted and the annual reports issued, newest first.
func (s *Server) publicFeed(c *fiber.Ctx) error {
	return s.publicSend(c, "application/atom+xml; charset=utf-8", func(site *publicsite.Site, l views.Lang) ([]byte, error) {
		f := atomFeed{Title: views.T(l, "site.title"), ID: "urn:gongkai:public", Author: atomAuthor{Name: views.T(l, "site.title")},
			Links: []atomLink{{Rel: "self", Href: "/public/feed.atom"}, {Href: "/public"}}}
		entry := func(d documents.Document, at time.Time, href, summary string) {
			f.Entries = append(f.Entries, atomEntry{Title: d.Title, ID: "urn:gongkai:document:" + strconv.FormatUint(uint64(d.ID), 10),
				Updated: atomTime(at), Link: atomLink{Href: href}, Summary: d.Number + " " + summary})
		}
		for _, y := range site.Years {
			for _, n := range y.Notices {
				entry(n.Document, n.IssueDate, publicNoticeURL(y.Year, n.ID), views.T(l, "public.published", dateString(n.IssueDate)))
			}
		}
		for _, b := range site.Bulletins {
			entry(b.Document, b.PostedAt, publicDocURL(b.ID), views.T(l, "public.published", dateString(b.PostedAt)))
		}
		for _, d := range site.Reports {
			entry(d, d.IssueDate, publicReportURL(d.ID), views.T(l, "public.published", dateString(d.IssueDate)))
		}
		slices.SortStableFunc(f.Entries, func(a, b atomEntry) int { return cmp.Or(cmp.Compare(b.Updated, a.Updated), cmp.Compare(b.ID, a.ID)) })
		f.Updated = atomTime(site.Today.Time())
		if len(f.Entries) > 0 {
			f.Updated = f.Entries[0].Updated
		}
		out, err := xml.MarshalIndent(f, "", " ")
		if err != nil {
			return nil, err
		}
		return append([]byte(xml.Header), append(out, '\n')...), nil
	})
}
