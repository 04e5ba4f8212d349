package guard

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// streamRe finds a PDF's streams with their dictionaries.
var streamRe = regexp.MustCompile(`(?s)<<(.{0,1000}?)>>\s*stream\r?\n`)

// pdfText emits the text shown by each stream of a PDF: its literal
// strings ((…) shown by Tj, TJ, ' and ") and hex strings (<…>), after
// unpacking a FlateDecode stream. A font with its own encoding (most
// Chinese PDFs) shows glyph numbers, not characters: its text is not read,
// but digits in a Latin font, as a number typed in a PDF usually is, are.
// A scanned PDF (images) has no text to read.
func pdfText(data []byte, emit func(Place, string) error) error {
	left := int64(MaxUnpacked)
	n := 0
	for _, m := range streamRe.FindAllSubmatchIndex(data, -1) {
		dict := data[m[2]:m[3]]
		start := m[1]
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			break
		}
		raw := data[start : start+end]
		if bytes.Contains(dict, []byte("/Image")) || bytes.Contains(dict, []byte("/DCTDecode")) {
			continue
		}
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(raw))
			if err != nil {
				continue // not a stream we can read: nothing to scan in it
			}
			b, _ := io.ReadAll(io.LimitReader(zr, min(MaxUnpackedPart, left)+1))
			if int64(len(b)) > min(MaxUnpackedPart, left) {
				return errUnpack
			}
			left -= int64(len(b))
			raw = b
		}
		if text := pdfStrings(raw); text != "" {
			n++
			if err := emit(Place{Unit: InStream, N: n}, text); err != nil {
				return err
			}
		}
	}
	return nil
}

// pdfStrings joins the strings a content stream shows, one text object
// (BT … ET) a line; strings of one TJ array join without a space, as they
// print.
func pdfStrings(b []byte) string {
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '(':
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch c := b[i]; c {
				case '\\':
					if i+1 < len(b) {
						i++
						if b[i] >= '0' && b[i] <= '7' {
							v, k := 0, 0
							for ; k < 3 && i+k < len(b) && b[i+k] >= '0' && b[i+k] <= '7'; k++ {
								v = v*8 + int(b[i+k]-'0')
							}
							i += k - 1
							out.WriteByte(byte(v))
						} else if b[i] == 'n' || b[i] == 'r' {
							out.WriteByte(' ')
						} else {
							out.WriteByte(b[i])
						}
					}
				case '(':
					depth++
					out.WriteByte(c)
				case ')':
					if depth--; depth > 0 {
						out.WriteByte(c)
					}
				default:
					out.WriteByte(c)
				}
			}
			i--
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return clean(out.String())
			}
			out.Write(hexBytes(b[i+1 : i+j]))
			i += j
		case 'E':
			if i+1 < len(b) && b[i+1] == 'T' && (i == 0 || isSpace(b[i-1])) {
				out.WriteByte('\n')
			}
		}
	}
	return clean(out.String())
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// hexBytes decodes a PDF hex string, an odd last digit read as followed by 0.
func hexBytes(h []byte) []byte {
	var digits []byte
	for _, c := range h {
		if v, ok := hexVal(c); ok {
			digits = append(digits, v)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, 0)
	}
	out := make([]byte, 0, len(digits)/2)
	for i := 0; i < len(digits); i += 2 {
		out = append(out, digits[i]<<4|digits[i+1])
	}
	return out
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// clean keeps the text readable as UTF-8: invalid bytes (a font's own
// encoding) become spaces, so they end any run of digits.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, " ")
}
