package ingest

// encodingScan decides a file's encoding from all of its bytes, fed to
// Write in chunks of any size: it checks them as UTF-8 and as GB18030 at
// once, counting lines, and keeps the line of the first byte each
// encoding cannot read. A file with one stray byte in otherwise good UTF-8
// is damaged UTF-8, not GB18030 (whose two-byte codes happen to cover most
// UTF-8 Chinese): good UTF-8 sequences outnumbering bad bytes say so.
type encodingScan struct {
	lines int // newlines seen

	// UTF-8: continuation bytes still expected and the range of the next.
	need     int
	lo, hi   byte
	goodUTF8 int // complete multi-byte sequences
	badUTF8  int // bytes that are no part of one
	utf8Line int // line of the first bad byte, from 1; 0 if none

	// GB18030: bytes read of the current code (0 to 3).
	gb     int
	badGB  int
	gbLine int

	// The current line, to tell a file whose lines mix the encodings: a
	// line of UTF-8 Chinese (three-byte sequences, nothing bad) and a line
	// that only GB18030 reads.
	seqLen      int // bytes of the UTF-8 sequence being read
	lineUTF8    int // complete UTF-8 sequences of three bytes or more
	lineBadUTF8 int
	lineBadGB   int
	onlyUTF8    int // the first line that is UTF-8 and not ASCII, from 1; 0 if none
	onlyGB      int // the first line that is GB18030 and not UTF-8
}

func (e *encodingScan) Write(p []byte) {
	for _, b := range p {
		if b < 0x80 && e.need == 0 && e.gb == 0 {
			if b == '\n' {
				e.endLine()
			}
			continue
		}
		e.utf8Byte(b)
		e.gbByte(b)
		if b == '\n' {
			e.endLine()
		}
	}
}

// end notes a sequence cut off by the end of the file.
func (e *encodingScan) end() {
	if e.need > 0 {
		e.badUTF8Byte()
		e.need = 0
	}
	if e.gb > 0 {
		e.badGBByte()
		e.gb = 0
	}
	e.judgeLine()
}

// endLine judges the line a newline ends and starts the next.
func (e *encodingScan) endLine() {
	e.judgeLine()
	e.lines++
	e.lineUTF8, e.lineBadUTF8, e.lineBadGB = 0, 0, 0
}

// judgeLine notes the first line only UTF-8 reads as Chinese, and the
// first only GB18030 reads.
func (e *encodingScan) judgeLine() {
	switch {
	case e.onlyUTF8 == 0 && e.lineUTF8 > 0 && e.lineBadUTF8 == 0:
		e.onlyUTF8 = e.lines + 1
	case e.onlyGB == 0 && e.lineBadUTF8 > 0 && e.lineBadGB == 0:
		e.onlyGB = e.lines + 1
	}
}

func (e *encodingScan) badUTF8Byte() {
	if e.badUTF8 == 0 {
		e.utf8Line = e.lines + 1
	}
	e.badUTF8++
	e.lineBadUTF8++
}

func (e *encodingScan) badGBByte() {
	if e.badGB == 0 {
		e.gbLine = e.lines + 1
	}
	e.badGB++
	e.lineBadGB++
}

func (e *encodingScan) utf8Byte(b byte) {
	if e.need > 0 {
		if b >= e.lo && b <= e.hi {
			e.lo, e.hi = 0x80, 0xBF
			if e.need--; e.need == 0 {
				e.goodUTF8++
				if e.seqLen >= 3 {
					e.lineUTF8++
				}
			}
			return
		}
		// The sequence is cut short; b starts afresh.
		e.badUTF8Byte()
		e.need = 0
	}
	switch {
	case b < 0x80:
	case b >= 0xC2 && b <= 0xDF:
		e.need, e.lo, e.hi = 1, 0x80, 0xBF
	case b == 0xE0:
		e.need, e.lo, e.hi = 2, 0xA0, 0xBF
	case b == 0xED:
		e.need, e.lo, e.hi = 2, 0x80, 0x9F
	case b >= 0xE1 && b <= 0xEF:
		e.need, e.lo, e.hi = 2, 0x80, 0xBF
	case b == 0xF0:
		e.need, e.lo, e.hi = 3, 0x90, 0xBF
	case b >= 0xF1 && b <= 0xF3:
		e.need, e.lo, e.hi = 3, 0x80, 0xBF
	case b == 0xF4:
		e.need, e.lo, e.hi = 3, 0x80, 0x8F
	default:
		e.badUTF8Byte()
	}
	e.seqLen = e.need + 1
}

// gbByte follows GB18030: one byte 00-7F; two bytes 81-FE then 40-7E or
// 80-FE; four bytes 81-FE, 30-39, 81-FE, 30-39.
func (e *encodingScan) gbByte(b byte) {
	switch e.gb {
	case 1:
		switch {
		case b >= 0x40 && b <= 0xFE && b != 0x7F:
			e.gb = 0
			return
		case b >= 0x30 && b <= 0x39:
			e.gb = 2
			return
		}
	case 2:
		if b >= 0x81 && b <= 0xFE {
			e.gb = 3
			return
		}
	case 3:
		if b >= 0x30 && b <= 0x39 {
			e.gb = 0
			return
		}
	}
	if e.gb > 0 {
		// The code is cut short; b starts afresh.
		e.badGBByte()
		e.gb = 0
	}
	switch {
	case b < 0x80:
	case b >= 0x81 && b <= 0xFE:
		e.gb = 1
	default:
		e.badGBByte()
	}
}

// decide names the encoding of a file without a BOM, or refuses it with
// the line of its first unreadable byte.
func (e *encodingScan) decide() (string, error) {
	switch {
	case e.badUTF8 == 0:
		return "UTF-8", nil
	case e.onlyUTF8 > 0 && e.onlyGB > 0:
		return "", malformed(nil, "文件混用了两种编码：第 %d 行是 UTF-8 编码，第 %d 行是 GBK（GB18030）编码，按任何一种读取都会使另一部分成为乱码；请在 Excel 或 WPS 中统一另存为 CSV UTF-8 再导入", e.onlyUTF8, e.onlyGB)
	case e.goodUTF8 > e.badUTF8:
		return "", malformed(nil, "第 %d 行有不是 UTF-8 编码的字节（文件其余部分是 UTF-8），文件可能已损坏；请检查该行后另存为 UTF-8 再导入", e.utf8Line)
	case e.badGB == 0:
		return "GB18030", nil
	}
	return "", malformed(nil, "文件既不是有效的 UTF-8 编码，也不是有效的 GB18030（GBK）编码：第 %d 行有无法识别的字节；请在 Excel 或 WPS 中另存为 CSV UTF-8 再导入", e.gbLine)
}
