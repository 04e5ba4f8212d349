package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/gongkai/gongkai/models/imports"
)

// input is the file being imported, readable from its start as often as
// needed, with what one pass over its bytes tells: its SHA-256, its
// encoding as UTF-8 and as GB18030 (enc), how many lines it has (the
// progress total of a CSV) and its first bytes (to tell the format).
type input struct {
	*io.SectionReader
	temp  *os.File // the copy of a stream, removed on Close; nil for a file read in place
	size  int64
	sum   string
	utf8  bool
	enc   encodingScan
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
	f, err := os.CreateTemp("", imports.TempPattern())
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
	scan.enc.end()
	in.size, in.sum, in.lines, in.head, in.enc = n, hex.EncodeToString(scan.sum.Sum(nil)), scan.enc.lines, scan.head, scan.enc
	in.utf8 = scan.enc.badUTF8 == 0
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
	sum  hash.Hash
	enc  encodingScan
	last byte
	head []byte
}

func newInputScan() *inputScan { return &inputScan{sum: sha256.New()} }

const headSize = 4096

func (s *inputScan) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.sum.Write(p)
	s.last = p[len(p)-1]
	if len(s.head) < headSize {
		s.head = append(s.head, p[:min(len(p), headSize-len(s.head))]...)
	}
	s.enc.Write(p)
	return len(p), nil
}
