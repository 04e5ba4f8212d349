package models

// CanReadReport says whether v may read a report of a department (0: the
// whole bureau): ErrForbidden when a head asks for the bureau, ErrNotFound
// when the department is not theirs, so that a head learns nothing of
// other departments.
func (v Viewer) CanReadReport(deptID uint) error {
	switch {
	case deptID != 0 && !v.CanSeeDepartment(deptID):
		return ErrNotFound
	case deptID == 0 && !v.Can(ActReadBureau):
		return ErrForbidden
	}
	return nil
}
