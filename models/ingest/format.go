package ingest

import "bytes"

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, and encrypted .xlsx
)

// detectFormat tells CSV, XLSX and JSON apart by their first bytes, which a
// pulled URL's name or a renamed upload cannot fool.
func detectFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return "xlsx"
	case bytes.HasPrefix(head, oleMagic):
		return "xls"
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(body) > 0 && (body[0] == '[' || body[0] == '{') {
		return "json"
	}
	return "csv"
}
