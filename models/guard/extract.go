package guard

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Bounds on reading a file for the scan: an Office file is a zip, and a
// zip bomb (a few kilobytes that unpack to gigabytes) or a package of
// thousands of parts is refused rather than read; a PDF's compressed
// streams are unpacked within the same budget.
const (
	MaxZipEntries   = 2000
	MaxUnpackedPart = 32 << 20  // one part of a package, or one PDF stream, unpacked
	MaxUnpacked     = 128 << 20 // everything of one file, unpacked
)

// Unit is where in a file a text was: a paragraph of a Word file or a text
// file's line, a cell of a workbook, a text stream of a PDF, the title.
type Unit string

// The units a finding is placed by.
const (
	InTitle     Unit = "title"
	InParagraph Unit = "paragraph"
	InLine      Unit = "line"
	InCell      Unit = "cell"
	InStream    Unit = "stream"
)

// Place is where a text was: Unit with its number (paragraph, line,
// stream) or, for a cell, the sheet's number, row and column (from 1).
type Place struct {
	Unit            Unit
	N               int
	Sheet, Row, Col int
}

// Hit is a finding at its place.
type Hit struct {
	Place
	Finding
}

// errUnpack refuses a file past the bounds.
var errUnpack = errors.New("unpacked size or parts over bound")

// ScanFile reads the text of a file by its kind (ext: .docx, .xlsx, .pdf,
// .txt) and finds the personal data in it, at most MaxFindings. A file
// that cannot be read within the bounds, or past ctx's deadline, is refused
// in Chinese; a kind with no text to read (an image) has no finding.
func ScanFile(ctx context.Context, ext string, data []byte) ([]Hit, error) {
	var out []Hit
	emit := func(p Place, text string) error {
		if err := ctx.Err(); err != nil {
			return models.Invalid("file", "guide.refuse.scan_time")
		}
		for _, f := range ScanText(text) {
			if len(out) < MaxFindings {
				out = append(out, Hit{Place: p, Finding: f})
			}
		}
		return nil
	}
	var err error
	switch strings.ToLower(ext) {
	case ".txt":
		for i, line := range strings.Split(string(data), "\n") {
			if err = emit(Place{Unit: InLine, N: i + 1}, line); err != nil {
				break
			}
		}
	case ".docx":
		err = docxText(data, emit)
	case ".xlsx":
		err = xlsxText(data, emit)
	case ".pdf":
		err = pdfText(data, emit)
	}
	if errors.Is(err, errUnpack) || errors.Is(err, zip.ErrFormat) {
		return nil, models.Invalid("file", "guide.refuse.unpack", MaxZipEntries, MaxUnpacked>>20)
	}
	return out, err
}

// pkg is an Office package opened within the bounds.
type pkg struct {
	files map[string]*zip.File
	left  int64
}

func openPackage(data []byte) (*pkg, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	if len(z.File) > MaxZipEntries {
		return nil, errUnpack
	}
	p := &pkg{files: map[string]*zip.File{}, left: MaxUnpacked}
	for _, f := range z.File {
		p.files[f.Name] = f
	}
	return p, nil
}

// read unpacks one part, counting against the file's budget and never
// trusting the sizes the zip's directory claims.
func (p *pkg) read(name string) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, min(MaxUnpackedPart, p.left)+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > min(MaxUnpackedPart, p.left) {
		return nil, errUnpack
	}
	p.left -= int64(len(b))
	return b, nil
}

// docxText emits each paragraph of the body, then of the headers, footers
// and notes, numbered in that order.
func docxText(data []byte, emit func(Place, string) error) error {
	p, err := openPackage(data)
	if err != nil {
		return err
	}
	parts := []string{"word/document.xml"}
	var more []string
	for name := range p.files {
		base := path.Base(name)
		if path.Dir(name) == "word" && (strings.HasPrefix(base, "header") || strings.HasPrefix(base, "footer") ||
			base == "footnotes.xml" || base == "endnotes.xml" || base == "comments.xml") {
			more = append(more, name)
		}
	}
	slices.Sort(more)
	n := 0
	for _, part := range append(parts, more...) {
		b, err := p.read(part)
		if err != nil {
			return err
		}
		if err := paragraphsOf(b, "p", func(text string) error {
			n++
			return emit(Place{Unit: InParagraph, N: n}, text)
		}); err != nil {
			return err
		}
	}
	return nil
}

// xlsxText emits each cell of each sheet (the shared strings resolved).
func xlsxText(data []byte, emit func(Place, string) error) error {
	p, err := openPackage(data)
	if err != nil {
		return err
	}
	shared, err := p.read("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	var strs []string
	if shared != nil {
		if err := paragraphsOf(shared, "si", func(s string) error { strs = append(strs, s); return nil }); err != nil {
			return err
		}
	}
	var sheets []string
	for name := range p.files {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml") {
			sheets = append(sheets, name)
		}
	}
	slices.SortFunc(sheets, func(a, b string) int { return sheetNo(a) - sheetNo(b) })
	for i, name := range sheets {
		b, err := p.read(name)
		if err != nil {
			return err
		}
		if err := cells(b, strs, func(row, col int, text string) error {
			return emit(Place{Unit: InCell, Sheet: i + 1, Row: row, Col: col}, text)
		}); err != nil {
			return err
		}
	}
	return nil
}

func sheetNo(name string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "xl/worksheets/sheet"), ".xml"))
	return n
}

// paragraphsOf calls fn with the text of each element named el (the t
// elements inside it joined, a tab read as a space): each w:p of a Word
// part, each si of a workbook's shared strings.
func paragraphsOf(b []byte, el string, fn func(string) error) error {
	var text strings.Builder
	depth, inText := 0, false
	return eachToken(b, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == el {
				depth++
			}
			inText = t.Name.Local == "t"
			if t.Name.Local == "tab" && depth > 0 {
				text.WriteByte(' ')
			}
		case xml.EndElement:
			inText = false
			if t.Name.Local == el {
				depth--
				if err := fn(text.String()); err != nil {
					return err
				}
				text.Reset()
			}
		case xml.CharData:
			if inText && depth > 0 {
				text.Write(t)
			}
		}
		return nil
	})
}

// eachToken calls fn with each token of an XML part; a part that is not
// well-formed is a damaged file (zip.ErrFormat).
func eachToken(b []byte, fn func(xml.Token) error) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return zip.ErrFormat
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// cells calls fn with each cell's row, column and text.
func cells(b []byte, shared []string, fn func(row, col int, text string) error) error {
	var ref, typ string
	var val strings.Builder
	in := false
	return eachToken(b, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				ref, typ = "", ""
				val.Reset()
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						ref = a.Value
					case "t":
						typ = a.Value
					}
				}
			case "v", "t":
				in = true
			}
		case xml.EndElement:
			in = false
			if t.Name.Local == "c" {
				text := val.String()
				if typ == "s" {
					if i, err := strconv.Atoi(text); err == nil && i >= 0 && i < len(shared) {
						text = shared[i]
					}
				}
				row, col := cellRef(ref)
				if err := fn(row, col, text); err != nil {
					return err
				}
			}
		case xml.CharData:
			if in {
				val.Write(t)
			}
		}
		return nil
	})
}

// cellRef reads a reference such as B12 as row 12, column 2.
func cellRef(ref string) (row, col int) {
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	row, _ = strconv.Atoi(ref[i:])
	return row, col
}
