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

// RecordAll records many audit entries at once, all stamped with the same
// moment; like Record's, they are written with the transaction's end.
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
			Before:   JSONOrEmpty(c.Before),
			After:    JSONOrEmpty(c.After),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
