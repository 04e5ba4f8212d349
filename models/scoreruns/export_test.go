package scoreruns

// InBatches returns the store computing n departments a batch, whatever
// the year's size.
func (s *Store) InBatches(n int) *Store { c := *s; c.batch = n; return &c }
