package models

import (
	"fmt"
	"time"
)

// Change is one audit entry for RecordAll: what Record takes, as a value.
type Change struct {
	Action string
	Entity string
	ID     any
	Before any
	After  any
}

// RecordAll writes many audit entries in multi-row inserts: an import that
// updates thousands of rows must not pay a round trip for each. The entries
// are in the transaction like Record's.
func (tx *Tx) RecordAll(changes []Change) error {
	if len(changes) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for _, c := range changes {
		err := tx.add(AuditEntry{
			At:       now,
			UserID:   tx.Viewer.UserID,
			UserName: tx.Viewer.Name,
			Action:   c.Action,
			Entity:   c.Entity,
			EntityID: fmt.Sprint(c.ID),
			Before:   jsonOrEmpty(c.Before),
			After:    jsonOrEmpty(c.After),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
