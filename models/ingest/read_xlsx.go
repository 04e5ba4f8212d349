package ingest

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
)

// xlsxSource reads the first sheet of a workbook, or the sheet named by the
// kind. A merged cell's value fills every cell it covers, as an office table
// means it: a 二级目录 merged over ten catalog rows belongs to each of them.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	sheet    string
	cols     []column
	h        *header
	extra    bool
	date1904 bool
	merges   []merge        // sorted by first row
	nextM    int            // the first merge not yet reached
	active   []int          // merges covering the current row
	fill     map[int]string // value of each merge, by index, once its top-left cell is read
	lim      Limits
	ctx      context.Context
	n        int // current sheet row
	headLine int
	lastRow  int  // the sheet's declared last row
	pending  *row // the row read after the header while looking for its second row
}

// merge is a merged range, in 1-based sheet coordinates.
type merge struct{ r1, c1, r2, c2 int }

func openXLSX(ctx context.Context, in *input, kind Kind, cols []column, withExtra bool, lim Limits) (s *xlsxSource, err error) {
	defer recoverMalformed(&err)
	if in.size > lim.MaxXLSXBytes {
		return nil, tooLarge("XLSX 文件超过 %d MB 的上限", mb(lim.MaxXLSXBytes))
	}
	if err := checkZip(in, lim); err != nil {
		return nil, err
	}
	if err := checkSheets(in, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(in, excelize.Options{UnzipSizeLimit: lim.MaxUnzipBytes, UnzipXMLSizeLimit: lim.MaxXMLInMemory})
	if err != nil {
		return nil, malformed(err, "不是有效的 XLSX 文件（可能已损坏、不完整或设置了密码）")
	}
	s = &xlsxSource{f: f, cols: cols, extra: withExtra, fill: map[int]string{}, lim: lim, ctx: ctx}
	if err := s.open(kind); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkZip refuses a zip bomb before anything is unzipped: the declared
// sizes are what archive/zip enforces while reading.
func checkZip(in *input, lim Limits) error {
	zr, err := zip.NewReader(in, in.size)
	if err != nil {
		return malformed(err, "不是有效的 XLSX 文件（文件不完整或已损坏）")
	}
	if len(zr.File) > lim.MaxZipEntries {
		return tooLarge("XLSX 文件包含 %d 个部件，超过 %d 个的上限", len(zr.File), lim.MaxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > uint64(lim.MaxUnzipBytes) {
		return tooLarge("XLSX 文件解压后超过 %d MB 的上限", mb(lim.MaxUnzipBytes))
	}
	return nil
}

// open picks the sheet, reads its merged ranges and finds the header.
func (s *xlsxSource) open(kind Kind) error {
	sheets := s.f.GetSheetList()
	if len(sheets) == 0 {
		return malformed(nil, "XLSX 文件中没有工作表")
	}
	s.sheet = sheets[0]
	for _, name := range sheets {
		if name == string(kind) || name == kind.Title(i18n.Chinese) {
			s.sheet = name
		}
	}
	if props, err := s.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	merged, err := s.f.GetMergeCells(s.sheet, true)
	if err != nil {
		return malformed(err, "无法读取工作表“%s”的合并单元格", s.sheet)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		m := merge{r1: min(r1, r2), c1: min(c1, c2), r2: max(r1, r2), c2: max(c1, c2)}
		if m.r2 > s.lim.MaxSheetRows || m.c2 > s.lim.MaxFields {
			return tooLarge("工作表“%s”的合并单元格 %s 超出 %d 行、%d 列的上限", s.sheet, m0(m), s.lim.MaxSheetRows, s.lim.MaxFields)
		}
		s.merges = append(s.merges, m)
	}
	slices.SortFunc(s.merges, func(a, b merge) int { return a.r1 - b.r1 })
	// The sheet is in memory now (merged ranges live at its end), so its
	// declared dimension costs nothing: it is the progress total.
	if dim, err := s.f.GetSheetDimension(s.sheet); err == nil {
		if _, end, ok := strings.Cut(dim, ":"); ok {
			_, s.lastRow, _ = excelize.CellNameToCoordinates(end)
		}
	}
	if s.lastRow > s.lim.MaxSheetRows {
		return tooLarge("工作表“%s”超过 %d 行的上限", s.sheet, s.lim.MaxSheetRows)
	}
	if s.rows, err = s.f.Rows(s.sheet); err != nil {
		return malformed(err, "无法读取工作表“%s”", s.sheet)
	}
	for tries := 0; tries < maxHeaderSearch; {
		rec, err := s.read()
		if err == io.EOF {
			return malformed(nil, "工作表“%s”中没有数据", s.sheet)
		}
		if err != nil {
			return err
		}
		if isBlank(rec) {
			continue
		}
		tries++
		if known(s.cols, rec) == 0 {
			continue
		}
		s.headLine = s.n
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
	return malformed(nil, "工作表“%s”的前 %d 行中找不到表头（表头应使用模板中的列名，如“%s”）", s.sheet, maxHeaderSearch, s.cols[0].name)
}

// secondHeaderRow reads the row under the header: a second header row
// (Annex 1's children of 公开内容, with the headings merged down over both
// rows) is stacked onto cells, a data row is kept for next.
func (s *xlsxSource) secondHeaderRow(cells *[]string) error {
	rec, err := s.read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	if both, ok := stackHeader(s.cols, *cells, rec); ok {
		*cells, s.headLine = both, s.n
		return nil
	}
	if !isBlank(rec) {
		s.pending = &row{line: s.n, raw: rec}
	}
	return nil
}

// read returns the next sheet row (empty rows included) with merged ranges filled.
func (s *xlsxSource) read() (rec []string, err error) {
	defer recoverMalformed(&err)
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, malformed(err, "工作表“%s”第 %d 行之后的内容无法读取", s.sheet, s.n)
		}
		return nil, io.EOF
	}
	s.n++
	if s.n > s.lim.MaxSheetRows {
		return nil, tooLarge("工作表“%s”超过 %d 行的上限", s.sheet, s.lim.MaxSheetRows)
	}
	if s.n%4096 == 0 {
		// Empty rows are skipped without returning to the import's loop.
		if s.ctx.Err() != nil {
			return nil, context.Cause(s.ctx)
		}
	}
	rec, err = s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, malformed(err, "工作表“%s”第 %d 行无法读取", s.sheet, s.n)
	}
	if len(rec) > s.lim.MaxFields {
		return nil, tooLarge("工作表“%s”第 %d 行有 %d 列，超过 %d 列的上限", s.sheet, s.n, len(rec), s.lim.MaxFields)
	}
	models.RestoreRecord(rec) // the app's own exports quote formula-like text
	// Only the merges that cover this row are looked at: they are sorted
	// by first row, and dropped once passed.
	for s.nextM < len(s.merges) && s.merges[s.nextM].r1 <= s.n {
		s.active = append(s.active, s.nextM)
		s.nextM++
	}
	kept := s.active[:0]
	for _, i := range s.active {
		m := s.merges[i]
		if s.n > m.r2 {
			delete(s.fill, i)
			continue
		}
		kept = append(kept, i)
		for len(rec) < m.c2 {
			rec = append(rec, "")
		}
		if s.n == m.r1 {
			s.fill[i] = rec[m.c1-1]
		}
		for c := m.c1; c <= m.c2; c++ {
			rec[c-1] = s.fill[i]
		}
	}
	s.active = kept
	return rec, nil
}

// m0 names a merged range as Excel does (A1:C3).
func m0(m merge) string {
	a, _ := excelize.CoordinatesToCellName(m.c1, m.r1)
	b, _ := excelize.CoordinatesToCellName(m.c2, m.r2)
	return a + ":" + b
}

// sheetMarks find, in a worksheet's XML, what must be bounded before the
// library reads it: merged ranges, and row numbers (a lone row at
// 1,048,576 makes it build every row above).
var (
	mergeMark = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?mergeCell[\s/>]`)
	rowMark   = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?(?:row|c|dimension)\s[^>]*?\br(?:ef)?\s*=\s*["'](?:[A-Z]{1,3}\d+:)?[A-Z]{0,3}(\d{1,9})["']`)
)

// checkSheets scans every worksheet of the workbook, as a stream, for more
// merged ranges than MaxMerges and for rows past MaxSheetRows.
func checkSheets(in *input, lim Limits) error {
	zr, err := zip.NewReader(in, in.size)
	if err != nil {
		return malformed(err, "不是有效的 XLSX 文件（文件不完整或已损坏）")
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return malformed(err, "不是有效的 XLSX 文件（文件不完整或已损坏）")
		}
		merges, lastRow, err := scanSheet(rc)
		rc.Close()
		if err != nil {
			return malformed(err, "不是有效的 XLSX 文件（文件不完整或已损坏）")
		}
		if merges > lim.MaxMerges {
			return tooLarge("工作表中有 %d 个合并单元格，超过 %d 个的上限", merges, lim.MaxMerges)
		}
		if lastRow > lim.MaxSheetRows {
			return tooLarge("工作表超过 %d 行的上限（最后一行是第 %d 行）", lim.MaxSheetRows, lastRow)
		}
	}
	return nil
}

// scanSheet counts merged ranges and finds the largest row number in a
// worksheet's XML, in chunks that overlap by more than one tag's worth.
func scanSheet(r io.Reader) (merges, lastRow int, err error) {
	const chunk, overlap = 1 << 20, 512
	buf := make([]byte, 0, chunk+overlap)
	for {
		n, rerr := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		done := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !done {
			return 0, 0, rerr
		}
		// Marks that start in the overlap are counted with the next chunk.
		limit := len(buf)
		if !done {
			limit = max(0, len(buf)-overlap)
		}
		for _, loc := range mergeMark.FindAllIndex(buf, -1) {
			if loc[0] < limit {
				merges++
			}
		}
		for _, m := range rowMark.FindAllSubmatchIndex(buf, -1) {
			if m[0] < limit {
				if n, err := strconv.Atoi(string(buf[m[2]:m[3]])); err == nil {
					lastRow = max(lastRow, n)
				}
			}
		}
		if done {
			return merges, lastRow, nil
		}
		buf = append(buf[:0], buf[limit:]...)
	}
}
func (s *xlsxSource) format() string { return "xlsx" }

func (s *xlsxSource) layout() layout { return layout{names: s.h.names, unit: "行"} }

func (s *xlsxSource) next() (*row, error) {
	for {
		rec, line := []string(nil), 0
		if r := s.pending; r != nil {
			s.pending, rec, line = nil, r.raw, r.line
		} else {
			var err error
			if rec, err = s.read(); err != nil {
				return nil, err
			}
			line = s.n
		}
		if isBlank(rec) {
			continue
		}
		for i, c := range s.cols {
			if j := s.h.index[i]; c.date && j >= 0 && j < len(rec) {
				rec[j] = s.excelDate(rec[j])
			}
		}
		cells, extra := s.h.align(rec, s.extra)
		return &row{line: line, cells: cells, extra: extra, raw: rec}, nil
	}
}

// excelDate turns a date cell's serial number (what Excel stores for a date)
// into 2006-01-02; text is left for the date parser.
func (s *xlsxSource) excelDate(v string) string {
	serial, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || serial < 1 || serial > 2958465 {
		return v
	}
	t, err := excelize.ExcelDateToTime(serial, s.date1904)
	if err != nil {
		return v
	}
	return t.Format("2006-01-02")
}

func (s *xlsxSource) total(done int) int { return max(done, s.lastRow-s.headLine) }

func (s *xlsxSource) warnings() []string {
	if s.extra {
		return nil
	}
	return unknownColumns("列", s.h.unknown)
}

func (s *xlsxSource) errorFile(bad []*badRow) ([]byte, error) {
	return xlsxErrorFile(s.sheet, s.h.cells, bad)
}

func (s *xlsxSource) Close() error {
	if s.rows != nil {
		s.rows.Close()
	}
	return s.f.Close()
}

// recoverMalformed turns a panic inside the XLSX library, on a file crafted
// or damaged in a way it did not foresee, into ErrMalformed.
func recoverMalformed(err *error) {
	if r := recover(); r != nil {
		*err = malformed(fmt.Errorf("panic: %v", r), "XLSX 文件内容异常，无法读取")
	}
}
