package models

import "strconv"

// Spreadsheet formula injection: a cell of a CSV or XLSX the app writes
// that begins with = + - @ (or a tab or carriage return) would be taken for
// a formula by Excel or WPS once opened or edited. Such text is written
// with a leading apostrophe, which the importer takes off again, so an
// exported table imports back unchanged. Numbers (-3, +86) stay as they are.

// NeutraliseFormula returns the cell text as it is safe to write.
func NeutraliseFormula(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

// RestoreFormula undoes NeutraliseFormula: it is applied to every cell the
// importer reads from a CSV or XLSX file.
func RestoreFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}

// needsQuote: s starts like a formula, or is itself such text already
// quoted: the text '=x is written with a second apostrophe in front and
// reads back as '=x.
func needsQuote(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case '\'':
		return needsQuote(s[1:])
	}
	return false
}

// NeutraliseRecord applies NeutraliseFormula to every cell of rec, in place.
func NeutraliseRecord(rec []string) []string {
	for i := range rec {
		rec[i] = NeutraliseFormula(rec[i])
	}
	return rec
}

// RestoreRecord applies RestoreFormula to every cell of rec, in place.
func RestoreRecord(rec []string) []string {
	for i := range rec {
		rec[i] = RestoreFormula(rec[i])
	}
	return rec
}
