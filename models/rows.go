package models

import "time"

// Helpers for the fields of a record as the pages show them, shared by
// the rooms that build record pages and filings.

// YMD writes a date as the record pages show it, 2026-12-07.
func YMD(t time.Time) string { return t.Format(time.DateOnly) }

// YMDPtr is YMD of a date that may be missing (then "").
func YMDPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return YMD(*t)
}

// YesNo writes a yes-or-no field of a record: 是 or 否.
func YesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
