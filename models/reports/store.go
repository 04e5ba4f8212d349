package reports

import "github.com/gongkai/gongkai/models"

// Store keeps what the national annual report adds to the records: the
// office's categories of requests, the departments' annual figures and the
// finality of a department's report.
type Store struct{ *models.Store }

// New returns the national report's store on s.
func New(s *models.Store) *Store { return &Store{s} }
