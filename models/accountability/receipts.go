package accountability

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
)

// document finds doc among the documents issued about the case f: each is
// issued to the case's department (the notice, a 复核决定书).
func (f *File) document(doc uint) (*documents.Document, error) {
	for i := range f.Documents {
		if f.Documents[i].ID == doc {
			return &f.Documents[i], nil
		}
	}
	return nil, models.ErrNotFound
}

// SignDocument records the 签收 of document doc of case id by the head of
// the case's department: the account, the name and the time, once; a
// second signature is refused in Chinese.
func (s *Store) SignDocument(ctx context.Context, v models.Viewer, id, doc uint, now time.Time) error {
	f, err := s.Get(ctx, v, id)
	if err != nil {
		return err
	}
	if err := v.MayForDepartment(models.ActSignDocument, f.DepartmentID); err != nil {
		return err
	}
	d, err := f.document(doc)
	if err != nil {
		return err
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		return documents.Sign(tx, d.ID, f.DepartmentID, now)
	})
}

// Signings is who signed document doc of case id, for those who read the
// case: its department, signed or not.
func (s *Store) Signings(ctx context.Context, v models.Viewer, id, doc uint) ([]documents.Signing, error) {
	f, err := s.Get(ctx, v, id)
	if err != nil {
		return nil, err
	}
	d, err := f.document(doc)
	if err != nil {
		return nil, err
	}
	return documents.Signings(ctx, s.m.DB, d.ID, []uint{f.DepartmentID})
}
