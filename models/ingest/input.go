package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models"
)

// input is the file being imported, readable from its start as often as
// needed, with what one pass over its bytes tells: its SHA-256, whether it
// is valid UTF-8, how many lines it has (the progress total of a CSV) and
// its first bytes (to tell the format).
type input struct {
	*io.SectionReader
	temp  *os.File // the copy of a stream, removed on Close; nil for a file read in place
	size  int64
	sum   string
	utf8  bool
	lines int
	head  []byte
}

// readInput makes r an input, failing with ErrTooLarge past limit. A
// regular file (the command line's) is read in place; anything else (an
// upload, a pulled body) is copied to a temporary file first. The caller
// closes the input.
func readInput(r io.Reader, limit int64) (*input, error) {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return readFile(f, fi.Size(), limit)
		}
	}
	f, err := os.CreateTemp("", models.TempPattern())
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	in := &input{temp: f}
	scan := newInputScan()
	n, err := io.Copy(io.MultiWriter(f, scan), io.LimitReader(r, limit+1))
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if n > limit {
		in.Close()
		return nil, tooLarge("超过 %d MB 的上限", mb(limit))
	}
	in.SectionReader = io.NewSectionReader(f, 0, n)
	in.finish(n, scan)
	return in, nil
}

// readFile scans a regular file from its current offset without copying it.
func readFile(f *os.File, size, limit int64) (*input, error) {
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	if size-start > limit {
		return nil, tooLarge("超过 %d MB 的上限", mb(limit))
	}
	in := &input{SectionReader: io.NewSectionReader(f, start, size-start)}
	scan := newInputScan()
	if _, err := io.Copy(scan, in.SectionReader); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("rewind %s: %w", f.Name(), err)
	}
	in.finish(size-start, scan)
	return in, nil
}

func (in *input) finish(n int64, scan *inputScan) {
	in.size, in.sum, in.lines, in.head = n, hex.EncodeToString(scan.sum.Sum(nil)), scan.lines, scan.head
	in.utf8 = scan.utf8 && len(scan.tail) == 0
	if n > 0 && scan.last != '\n' {
		in.lines++ // the last line has no newline
	}
}

// Close removes the temporary copy, if any.
func (in *input) Close() error {
	if in.temp == nil {
		return nil
	}
	in.temp.Close()
	return os.Remove(in.temp.Name())
}

// inputScan sees every byte once.
type inputScan struct {
	sum   hash.Hash
	utf8  bool
	tail  []byte // the start of a character cut by the end of the last chunk
	lines int
	last  byte
	head  []byte
}

func newInputScan() *inputScan { return &inputScan{sum: sha256.New(), utf8: true} }

const headSize = 4096

func (s *inputScan) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.sum.Write(p)
	s.lines += bytes.Count(p, []byte{'\n'})
	s.last = p[len(p)-1]
	if len(s.head) < headSize {
		s.head = append(s.head, p[:min(len(p), headSize-len(s.head))]...)
	}
	if s.utf8 {
		s.checkUTF8(p)
	}
	return len(p), nil
}

// checkUTF8 validates a chunk, carrying a character split across chunks.
func (s *inputScan) checkUTF8(p []byte) {
	if len(s.tail) > 0 {
		need := min(utf8.UTFMax-len(s.tail), len(p))
		joined := append(s.tail, p[:need]...)
		if !utf8.FullRune(joined) {
			s.tail = joined
			return
		}
		r, size := utf8.DecodeRune(joined)
		if r == utf8.RuneError && size == 1 {
			s.utf8 = false
			return
		}
		p = p[size-len(s.tail):]
		s.tail = nil
	}
	// Hold back a character that the chunk cuts in two.
	cut := len(p)
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				cut = i
			}
			break
		}
	}
	if !utf8.Valid(p[:cut]) {
		s.utf8 = false
		return
	}
	s.tail = append([]byte(nil), p[cut:]...)
}
