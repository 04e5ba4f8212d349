package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/gongkai/gongkai/models"
)

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// csvSource reads a CSV in UTF-8 (with or without BOM), GBK/GB18030 (when
// the bytes are not valid UTF-8, as Excel saves "CSV" on a Chinese Windows),
// or UTF-16 with BOM (Excel's "Unicode text", tab-separated).
type csvSource struct {
	r        *csv.Reader
	cols     []column
	h        *header
	extra    bool
	lines    int
	headLine int
	encoding string
	pending  *row // the row read after the header while looking for its second row
	lim      Limits
	long     *lineLimit
}

func openCSV(in *input, cols []column, withExtra bool, lim Limits) (*csvSource, error) {
	var r io.Reader = bufio.NewReaderSize(in, 1<<16)
	s := &csvSource{cols: cols, extra: withExtra, lines: in.lines, lim: lim}
	delim := delimiter(in.head)
	switch {
	case bytes.HasPrefix(in.head, utf16LEBOM) || bytes.HasPrefix(in.head, utf16BEBOM):
		r = transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
		s.encoding, delim = "UTF-16", '\t'
	case bytes.IndexByte(in.head, 0) >= 0:
		return nil, malformed(nil, "不是 CSV、XLSX 或 JSON 文件（内容是二进制数据）")
	case bytes.HasPrefix(in.head, utf8BOM):
		if in.enc.badUTF8 > 0 {
			return nil, malformed(nil, "文件以 UTF-8 标记开头，但第 %d 行有不是 UTF-8 编码的字节，文件可能已损坏", in.enc.utf8Line)
		}
		if _, err := io.CopyN(io.Discard, r, int64(len(utf8BOM))); err != nil {
			return nil, malformed(err, "无法读取文件开头")
		}
		s.encoding = "UTF-8 BOM"
	default:
		enc, err := in.enc.decide()
		if err != nil {
			return nil, err
		}
		if enc == "GB18030" {
			r = transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
		}
		s.encoding = enc
	}
	s.long = &lineLimit{r: r, max: lim.MaxLineBytes}
	s.r = csv.NewReader(s.long)
	s.r.Comma = delim
	s.r.FieldsPerRecord = -1 // office files end rows early or carry trailing commas
	s.r.ReuseRecord = true
	return s, s.findHeader()
}

// delimiter guesses comma or tab from the first line.
func delimiter(head []byte) rune {
	first, _, _ := bytes.Cut(head, []byte{'\n'})
	if bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}) {
		return '\t'
	}
	return ','
}

// findHeader skips blank rows and title rows to the first row naming a
// column, and takes the row under it too when the header has two rows.
func (s *csvSource) findHeader() error {
	for tries := 0; tries < maxHeaderSearch; {
		rec, err := s.read()
		if err == io.EOF {
			return malformed(nil, "文件中没有数据")
		}
		if err != nil {
			return s.readError(err)
		}
		if isBlank(rec) {
			continue
		}
		tries++
		if known(s.cols, rec) == 0 {
			continue
		}
		s.headLine, _ = s.r.FieldPos(0)
		cells := slices.Clone(rec)
		if err := s.secondHeaderRow(&cells); err != nil {
			return err
		}
		h, problems := matchHeader(s.cols, cells)
		if problems != nil {
			return &headerError{line: s.headLine, unit: "行", problems: problems}
		}
		s.h = h
		return nil
	}
	return malformed(nil, "前 %d 行中找不到表头（表头应使用模板中的列名，如“%s”）", maxHeaderSearch, s.cols[0].name)
}

// secondHeaderRow reads the row under the header: a second header row is
// stacked onto cells, a data row is kept for next.
func (s *csvSource) secondHeaderRow(cells *[]string) error {
	rec, err := s.read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return s.readError(err)
	}
	line, _ := s.r.FieldPos(0)
	if both, ok := stackHeader(s.cols, *cells, rec); ok {
		*cells, s.headLine = both, line
		return nil
	}
	if !isBlank(rec) {
		s.pending = &row{line: line, raw: slices.Clone(rec)}
	}
	return nil
}

// read returns the next record, with the apostrophe the app's own exports
// put before formula-like text taken off, refusing a line longer than MaxLineBytes
// (before the CSV reader holds it whole) and a record of more than
// MaxFields cells.
func (s *csvSource) read() ([]string, error) {
	rec, err := s.r.Read()
	if err != nil {
		return nil, err
	}
	if len(rec) > s.lim.MaxFields {
		line, _ := s.r.FieldPos(0)
		return nil, tooLarge("第 %d 行有 %d 个单元格，超过 %d 个的上限", line, len(rec), s.lim.MaxFields)
	}
	return models.RestoreRecord(rec), nil
}

func (s *csvSource) readError(err error) error {
	var ll *lineTooLong
	if errors.As(err, &ll) {
		return tooLarge("第 %d 行超过 %d KB 的上限", ll.line, s.lim.MaxLineBytes>>10)
	}
	var in *InputError
	if errors.As(err, &in) {
		return err
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return malformed(err, "第 %d 行的 CSV 格式有误（引号不成对；单元格中的引号应写作两个引号 \"\"，整个单元格再用引号括起）", pe.StartLine)
	}
	return malformed(err, "读取 CSV 时出错")
}

func (s *csvSource) format() string { return "csv" }

func (s *csvSource) layout() layout {
	return layout{names: s.h.names, unit: "行", encoding: s.encoding}
}

func (s *csvSource) next() (*row, error) {
	if r := s.pending; r != nil {
		s.pending = nil
		r.cells, r.extra = s.h.align(r.raw, s.extra)
		return r, nil
	}
	for {
		rec, err := s.read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, s.readError(err)
		}
		if isBlank(rec) {
			continue
		}
		line, _ := s.r.FieldPos(0)
		cells, extra := s.h.align(rec, s.extra)
		return &row{line: line, cells: cells, extra: extra, raw: rec}, nil
	}
}

func (s *csvSource) total(done int) int { return max(done, s.lines-s.headLine) }

func (s *csvSource) warnings() []string {
	if s.extra {
		return nil // quarterly reports: the other columns are figures
	}
	return unknownColumns("列", s.h.unknown)
}

func (s *csvSource) errorFile(bad []*badRow) ([]byte, error) {
	return csvErrorFile(s.h.cells, bad), nil
}

func (s *csvSource) Close() error { return nil }

// lineLimit passes a reader through, failing once a line grows past max
// bytes: encoding/csv holds a whole line in memory.
type lineLimit struct {
	r    io.Reader
	max  int
	cur  int // bytes of the current line so far
	line int // the current line, from 1
}

type lineTooLong struct{ line int }

func (e *lineTooLong) Error() string { return fmt.Sprintf("line %d too long", e.line) }

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	rest := p[:n]
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			l.cur += len(rest)
			break
		}
		if l.cur+i > l.max {
			return 0, &lineTooLong{line: l.line + 1}
		}
		l.cur = 0
		l.line++
		rest = rest[i+1:]
	}
	if l.cur > l.max {
		return 0, &lineTooLong{line: l.line + 1}
	}
	return n, err
}
