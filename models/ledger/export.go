package ledger

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Sheet is a list in the import format: the header of the kind's template
// and the rows, as text. The caller hands in the import's header
// (ingest.Headers): the ledger cannot import ingest, whose tests read the
// record page, which reads the ledger.
type Sheet struct {
	Header []string
	Rows   [][]string
}

// The identity columns the request export adds after the import's own: the
// import does not read them (it lists them as unknown columns), an
// applicant's identity is entered in the app.
var identityHeaders = []string{"申请人姓名", "证件号码", "联系方式"}

// ExportRequests is the request ledger under the filter (every page of it)
// in the import format, so that it loads again changing nothing; the
// applicant's identity as the viewer may see it (Viewer.ApplicantOf). An
// export that holds an identity unmasked is audit-logged.
func (s *Store) ExportRequests(ctx context.Context, v models.Viewer, f RequestFilter, today scoring.Date, header []string) (*Sheet, error) {
	if len(header) < requestValues {
		return nil, fmt.Errorf("export requests: the import names %d columns, the export fills %d", len(header), requestValues)
	}
	rows, _, err := s.requestRows(ctx, v, f, today)
	if err != nil {
		return nil, err
	}
	codes, err := s.codes(ctx, v)
	if err != nil {
		return nil, err
	}
	byID := make(map[uint]int, len(rows))
	ids := make([]uint, len(rows))
	for i, r := range rows {
		byID[r.ID], ids[i] = i, r.ID
	}
	reqs := make([]models.Request, 0, len(rows))
	for lo := 0; lo < len(ids); lo += 1000 {
		var part []models.Request
		if err := s.DB.WithContext(ctx).Omit("content").Where("id IN ?", ids[lo:min(lo+1000, len(ids))]).Find(&part).Error; err != nil {
			return nil, models.NotFound(err, "export requests")
		}
		reqs = append(reqs, part...)
	}
	out := &Sheet{Header: append(header[:requestValues:requestValues], identityHeaders...), Rows: make([][]string, len(rows))}
	whole := 0
	for i := range reqs {
		r := &reqs[i]
		id := v.ApplicantOf(r.DepartmentID, r.ApplicantName, r.ApplicantIDNo, r.ApplicantContact)
		if id.Whole && (id.Name != "" || id.IDNo != "" || id.Contact != "") {
			whole++
		}
		out.Rows[byID[r.ID]] = append(requestRow(codes[r.DepartmentID], r), id.Name, id.IDNo, id.Contact)
	}
	if whole > 0 {
		err := s.Audited(ctx, v, func(tx *models.Tx) error {
			return tx.Record("export_applicants", "request", nil, nil, map[string]string{"requests": strconv.Itoa(whole)})
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// requestValues is how many of the import's columns the export fills: all
// but the older single reconsideration column and its date.
const requestValues = 24

// requestRow is a request in the import's columns, as the import stores it.
func requestRow(dept string, r *models.Request) []string {
	return []string{dept, r.RequestNo, models.YMD(r.Received), r.Channel, models.YesNo(r.Extended),
		models.YMDPtr(r.PauseStart), models.YMDPtr(r.PauseEnd), models.YMDPtr(r.CorrectionStart), models.YMDPtr(r.CorrectionEnd),
		models.YMDPtr(r.Answered), r.Answer, fmt.Sprintf("%.2f", r.Fee), models.YMDPtr(r.Forwarded), r.FeeBasis, models.YesNo(r.FeeWaived),
		r.Applicant, r.Result, models.YMDPtr(r.ReconFiled), r.ReconOutcome, models.YMDPtr(r.ReconDecided),
		r.SuitKind, models.YMDPtr(r.SuitFiled), r.SuitOutcome, models.YMDPtr(r.SuitDecided)}
}

// ExportComplaints is the complaint ledger under the filter in the import
// format, under the import's header.
func (s *Store) ExportComplaints(ctx context.Context, v models.Viewer, f ComplaintFilter, today scoring.Date, header []string) (*Sheet, error) {
	codes, err := s.codes(ctx, v)
	if err != nil {
		return nil, err
	}
	out := &Sheet{Header: header}
	for p := 1; ; p++ {
		f.Page = p
		l, err := s.Complaints(ctx, v, f, today)
		if err != nil {
			return nil, err
		}
		for _, c := range l.Rows {
			out.Rows = append(out.Rows, []string{codes[c.DepartmentID], c.No, c.Line, c.Received.String(), c.Replied.String(), c.Closed.String()})
		}
		if p >= l.Pages {
			return out, nil
		}
	}
}

// codes maps the departments the viewer reads to their codes, which the
// import reads back.
func (s *Store) codes(ctx context.Context, v models.Viewer) (map[uint]string, error) {
	depts, err := s.Departments(ctx, v)
	if err != nil {
		return nil, err
	}
	m := make(map[uint]string, len(depts))
	for _, d := range depts {
		m[d.ID] = d.Code
	}
	return m, nil
}
