package ingest

import (
	"context"

	"github.com/gongkai/gongkai/models"
)

// spec is what an import needs to know about a kind.
type spec struct {
	columns []column
	figures bool        // columns the kind does not name are figures (quarterly reports), not unknown
	record  *recordKind // nil for departments, which have their own batch
}

var specs = map[Kind]spec{
	Departments:      {columns: departmentColumns},
	Catalog:          {columns: catalogColumns, record: &catalog},
	Publications:     {columns: publicationColumns, record: &publications},
	Requests:         {columns: requestColumns, record: &requests},
	Complaints:       {columns: complaintColumns, record: &complaints},
	QuarterlyReports: {columns: quarterlyColumns, record: &quarterlyReports, figures: true},
	AnnualReports:    {columns: annualColumns, record: &annualReports},
	AnnualFigures:    {columns: annualFigureColumns, record: &annualFigures},
	Incidents:        {columns: incidentColumns, record: &incidents},
	Accountability:   {columns: accountabilityColumns, record: &accountability},
	Holidays:         {columns: holidayColumns, record: &holidays},
	SecrecyReviews:   {columns: reviewColumns, record: &secrecyReviews},
	Coordinations:    {columns: coordinationColumns, record: &coordinations},
	PressConferences: {columns: pressColumns, record: &pressConferences},
}

// newBatch starts a batch; rows is how many rows the input is expected to
// hold, to size the table of keys once instead of growing it.
func (s spec) newBatch(ctx context.Context, store *models.Store, w *writer, only uint, rows int) (batch, error) {
	if s.record == nil {
		return newDeptBatch(ctx, store, w)
	}
	return newTableBatch(ctx, store, w, *s.record, only, rows)
}

// Headers are the Chinese names of a kind's columns, in the template's
// order: an export in the import format heads its columns with them, so
// that it loads again as it is.
func Headers(k Kind) []string {
	cols := specs[k].columns
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}
