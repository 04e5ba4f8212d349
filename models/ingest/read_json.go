package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
)

// jsonSource reads an array of objects keyed by the English column keys (or
// the Chinese names): the body of POST /api/v1/import/{kind}, or a JSON file.
// A holiday-cn file is one object, read as an array of one; other kinds
// want an array.
type jsonSource struct {
	dec      *json.Decoder
	cols     []column
	byKey    map[string]int
	extra    bool // keys the kind does not name are figures (quarterly reports)
	single   bool // the input was one object, not an array
	done     bool
	n        int
	size     int64
	unknown  []string
	seenKeys map[string]bool
	lim      Limits
}

func openJSON(r io.Reader, size int64, kind Kind, sp spec, lim Limits) (*jsonSource, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	s := &jsonSource{dec: json.NewDecoder(br), cols: sp.columns, byKey: map[string]int{}, extra: sp.figures, size: size, seenKeys: map[string]bool{}, lim: lim}
	s.dec.UseNumber()
	for i, c := range sp.columns {
		s.byKey[headerKey(c.key)] = i
		s.byKey[headerKey(c.name)] = i
	}
	tok, err := s.dec.Token()
	if err != nil {
		return nil, malformed(err, "不是有效的 JSON")
	}
	switch tok {
	case json.Delim('['):
	case json.Delim('{'):
		if kind != Holidays {
			return nil, malformed(nil, "JSON 应为对象数组（方括号括起、逗号分隔的若干对象）")
		}
		s.single = true
	default:
		return nil, malformed(nil, "JSON 应为对象数组（方括号括起、逗号分隔的若干对象）")
	}
	return s, nil
}

func (s *jsonSource) format() string { return "json" }

func (s *jsonSource) layout() layout {
	names := make([]string, len(s.cols))
	for i, c := range s.cols {
		names[i] = c.key
	}
	return layout{names: names, unit: "条"}
}

func (s *jsonSource) next() (*row, error) {
	if s.done {
		return nil, io.EOF
	}
	var raw json.RawMessage
	if s.single {
		obj, err := s.restOfObject()
		if err != nil {
			return nil, err
		}
		raw, s.done = obj, true
	} else {
		if !s.dec.More() {
			if _, err := s.dec.Token(); err != nil {
				return nil, malformed(err, "JSON 数组没有正确结束")
			}
			s.done = true
			return nil, io.EOF
		}
		var err error
		if raw, err = s.element(); err != nil {
			return nil, err
		}
	}
	s.n++
	return s.toRow(raw), nil
}

// element reads the next element of the array. An object is read member by
// member, so that one with more than MaxFields members is refused before it
// is held whole; anything else is kept as it is, to be refused as a row.
func (s *jsonSource) element() (json.RawMessage, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return nil, malformed(err, "第 %d 条记录不是有效的 JSON", s.n+1)
	}
	switch tok {
	case json.Delim('{'):
		obj, err := s.restOfObject()
		if err != nil && !errors.Is(err, ErrTooLarge) {
			return nil, malformed(err, "第 %d 条记录不是有效的 JSON", s.n+1)
		}
		return obj, err
	case json.Delim('['):
		// Not an object: skip it, keeping only a mark for the error file.
		for depth := 1; depth > 0; {
			t, err := s.dec.Token()
			if err != nil {
				return nil, malformed(err, "第 %d 条记录不是有效的 JSON", s.n+1)
			}
			switch t {
			case json.Delim('['), json.Delim('{'):
				depth++
			case json.Delim(']'), json.Delim('}'):
				depth--
			}
		}
		return json.RawMessage(`"[…]"`), nil
	}
	b, err := json.Marshal(tok)
	if err != nil {
		return nil, malformed(err, "第 %d 条记录不是有效的 JSON", s.n+1)
	}
	return b, nil
}

// restOfObject reads the members of an object whose opening brace the
// decoder has consumed, and returns the object as JSON.
func (s *jsonSource) restOfObject() (json.RawMessage, error) {
	obj := map[string]json.RawMessage{}
	for s.dec.More() {
		if len(obj) >= s.lim.MaxFields {
			return nil, tooLarge("第 %d 条记录的字段超过 %d 个的上限", s.n+1, s.lim.MaxFields)
		}
		tok, err := s.dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return nil, malformed(err, "不是有效的 JSON 对象")
		}
		var v json.RawMessage
		if err := s.dec.Decode(&v); err != nil {
			return nil, malformed(err, "字段“%s”的值不是有效的 JSON", key)
		}
		obj[key] = v
	}
	if _, err := s.dec.Token(); err != nil {
		return nil, malformed(err, "JSON 对象没有正确结束")
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, malformed(err, "不是有效的 JSON 对象")
	}
	return b, nil
}

// toRow maps an object's members onto the columns. Strings and numbers are
// cells; true/false are yes/no; an array of strings is a 、-separated list
// (groups, sanctions); a figures object holds quarterly report figures.
func (s *jsonSource) toRow(raw json.RawMessage) *row {
	r := &row{line: s.n, obj: raw, cells: make([]string, len(s.cols))}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		r.problem = "应为一个对象（花括号括起的字段和值）"
		return r
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := obj[k]
		if nested, ok := v.(map[string]any); ok && s.extra && headerKey(k) == "figures" {
			for fk, fv := range nested {
				s.setExtra(r, fk, fv)
			}
			continue
		}
		i, ok := s.byKey[headerKey(k)]
		switch {
		case ok:
			text, err := scalar(v)
			if err != nil {
				r.problem = fmt.Sprintf("字段“%s”的值无法识别（%s）", k, err)
				return r
			}
			r.cells[i] = strings.TrimSpace(text)
		case strings.HasPrefix(k, "$"):
			// JSON-schema bookkeeping ($schema, $id in holiday-cn files).
		case s.extra:
			s.setExtra(r, k, v)
		case !s.seenKeys[k] && len(s.seenKeys) < maxTrackedUnknown:
			// Bounded: a body of millions of distinct keys is not remembered.
			s.seenKeys[k] = true
			s.unknown = append(s.unknown, k)
		}
	}
	return r
}

// maxTrackedUnknown bounds the distinct unknown keys remembered for the warning.
const maxTrackedUnknown = 1000

func (s *jsonSource) setExtra(r *row, k string, v any) {
	text, err := scalar(v)
	if err != nil {
		r.problem = fmt.Sprintf("字段“%s”的值无法识别（%s）", k, err)
		return
	}
	if r.extra == nil {
		r.extra = map[string]string{}
	}
	r.extra[strings.TrimSpace(k)] = strings.TrimSpace(text)
}

// scalar turns a JSON value into cell text.
func scalar(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				// Not a list of names: keep the JSON (holiday-cn "days").
				b, err := json.Marshal(v)
				return string(b), err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, models.NameSep), nil
	}
	return "", errors.New("应为文字、数字、是否或文字列表")
}

// total estimates the rows from the share of the input read so far.
func (s *jsonSource) total(done int) int {
	read := s.dec.InputOffset()
	if read <= 0 || done == 0 {
		return done
	}
	return max(done, int(int64(done)*s.size/read))
}

func (s *jsonSource) warnings() []string { return unknownColumns("字段", s.unknown) }

func (s *jsonSource) errorFile(bad []*badRow) ([]byte, error) { return jsonErrorFile(bad), nil }

func (s *jsonSource) Close() error { return nil }
