package ledger

import (
	"context"

	"github.com/gongkai/gongkai/models"
)

// Applicant is a request's applicant as v may see it (Viewer.ApplicantOf:
// whole for the office and the handling department, masked for everyone
// else). Reading an identity unmasked is audit-logged, as the request page
// and any other page that shows it ask here.
func (s *Store) Applicant(ctx context.Context, v models.Viewer, r *models.Request) (models.Identity, error) {
	id := v.ApplicantOf(r.DepartmentID, r.ApplicantName, r.ApplicantIDNo, r.ApplicantContact)
	if !id.Whole || id.Name == "" && id.IDNo == "" && id.Contact == "" {
		return id, nil
	}
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		return tx.Record("read_applicant", "request", r.ID, nil, nil)
	})
	return id, err
}
