package ingest

import (
	"context"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// fieldType says how a canonical cell is stored and compared.
type fieldType int

const (
	fText  fieldType = iota // a string, "" when empty
	fInt                    // a whole number
	fFlag                   // 1 or 0
	fDate                   // 2006-01-02, "" for NULL
	fMoney                  // 12.50
	fRef                    // the id of another row, "" for NULL
)

// field is one column of a record table.
type field struct {
	col string
	typ fieldType
}

// table describes a record table to the generic writer: its natural key
// (docs/FORMATS.md), which is its unique index, and the columns an import writes.
// A row travels as []string aligned to fields, in canonical text, from the
// check to the database and back, so that comparing a file's row with the
// stored one is comparing strings.
type table struct {
	name      string
	entity    string  // audit log entity
	id        string  // the primary key column
	fields    []field // the natural key first
	nKey      int
	keyName   string // how messages name the key: 部门 + 索引号
	created   bool   // the table has created_at as well as updated_at
	deptField int    // index of department_id in fields, or -1
	// worked names the column that marks a row worked in the app
	// (requests.origin = app): an import never overwrites such a row.
	worked string
}

// key is the natural key of a canonical row.
func (t *table) key(vals []string) string {
	if t.nKey == 1 {
		return vals[0]
	}
	return strings.Join(vals[:t.nKey], "\x1f")
}

// sum fingerprints a canonical row. A 64-bit hash tells changed rows from
// unchanged ones without keeping every stored row in memory; a change that
// kept the same hash would have to beat odds of one in 2^64.
func sum(seed maphash.Seed, vals []string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, v := range vals {
		h.WriteString(v)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// stored is what an import keeps of a row already in the table.
type stored struct {
	id    int64
	sum   uint64
	owner uint // the row's department, when the table has one
	line  int  // the line of this import that carries the same key, once seen
	// worked: the row is worked in the app (table.worked), and an import
	// that differs from it is a conflict, not an update.
	worked bool
}

// columnList is the quoted list of columns an import writes, stamps last.
func (t *table) columnList(withCreated bool) []string {
	out := make([]string, 0, len(t.fields)+2)
	for _, f := range t.fields {
		out = append(out, quote(f.col))
	}
	out = append(out, quote("updated_at"))
	if withCreated && t.created {
		out = append(out, quote("created_at"))
	}
	return out
}

// quote quotes an identifier: backticks serve both MySQL and SQLite, and
// accountability_cases has a column named trigger.
func quote(id string) string { return "`" + id + "`" }

// loadStored reads the key, fingerprint and department of every stored row,
// or of one department's rows when the import is scoped to it and the key
// includes the department.
func (t *table) loadStored(ctx context.Context, db *gorm.DB, only uint, seed maphash.Seed, size int) (map[string]stored, error) {
	cols := append([]string{quote(t.id)}, t.columnList(false)[:len(t.fields)]...)
	if t.worked != "" {
		cols = append(cols, quote(t.worked))
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + quote(t.name)
	var args []any
	if only != 0 && t.deptField >= 0 && t.deptField < t.nKey {
		q += " WHERE " + quote("department_id") + " = ?"
		args = append(args, only)
	}
	rows, err := db.WithContext(ctx).Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read stored %s: %w", t.name, err)
	}
	defer rows.Close()
	out := make(map[string]stored, size)
	dest := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range dest {
		ptrs[i] = &dest[i]
	}
	vals := make([]string, len(t.fields))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("read stored %s: %w", t.name, err)
		}
		for i, f := range t.fields {
			vals[i] = canonical(f.typ, dest[i+1])
		}
		s := stored{id: toInt64(dest[0]), sum: sum(seed, vals)}
		if t.worked != "" {
			s.worked = canonical(fText, dest[len(dest)-1]) == models.RequestOriginApp
		}
		if t.deptField >= 0 {
			owner, _ := strconv.ParseUint(vals[t.deptField], 10, 64)
			s.owner = uint(owner)
		}
		out[t.key(vals)] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stored %s: %w", t.name, err)
	}
	return out, nil
}

// loadByID reads stored rows in canonical form, for the audit log's "before".
func (t *table) loadByID(ctx context.Context, tx *models.Tx, ids []int64) (map[int64][]string, error) {
	// Locked and read as they are now, not as the transaction's snapshot
	// had them: the audit log's before is what this update replaced, even
	// when another instance changed the rows meanwhile.
	lock := ""
	if tx.DB.Dialector.Name() == "mysql" {
		lock = " FOR UPDATE"
	}
	db := tx.DB
	cols := append([]string{quote(t.id)}, t.columnList(false)[:len(t.fields)]...)
	out := make(map[int64][]string, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		q := "SELECT " + strings.Join(cols, ", ") + " FROM " + quote(t.name) + " WHERE " + quote(t.id) + " IN ?" + lock
		rows, err := db.WithContext(ctx).Raw(q, chunk).Rows()
		if err != nil {
			return nil, fmt.Errorf("read %s before update: %w", t.name, err)
		}
		dest := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range dest {
			ptrs[i] = &dest[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s before update: %w", t.name, err)
			}
			vals := make([]string, len(t.fields))
			for i, f := range t.fields {
				vals[i] = canonical(f.typ, dest[i+1])
			}
			out[toInt64(dest[0])] = vals
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s before update: %w", t.name, err)
		}
	}
	return out, nil
}

// canonical turns a value as a driver returns it into canonical text. MySQL
// gives []byte, int64 and time.Time; SQLite int64, float64, string and
// time.Time, depending on the column's declared type.
func canonical(typ fieldType, v any) string {
	var s string
	switch v := v.(type) {
	case nil:
		return ""
	case time.Time:
		return v.UTC().Format("2006-01-02")
	case []byte:
		s = string(v)
	case string:
		s = v
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		s = map[bool]string{true: "1", false: "0"}[v]
	default:
		s = fmt.Sprint(v)
	}
	switch typ {
	case fDate:
		if len(s) >= 10 {
			return s[:10]
		}
	case fFlag:
		if s == "true" || (s != "0" && s != "false" && s != "") {
			return "1"
		}
		return "0"
	case fMoney:
		f, err := strconv.ParseFloat(s, 64)
		if err == nil {
			return strconv.FormatFloat(f, 'f', 2, 64)
		}
	}
	return s
}

func toInt64(v any) int64 {
	n, _ := strconv.ParseInt(canonical(fInt, v), 10, 64)
	return n
}

// bind turns canonical text into the value a driver stores, the same types
// GORM binds for the models, so that rows written here and rows written
// through GORM read back alike.
func bind(typ fieldType, s string) any {
	switch typ {
	case fInt:
		n, _ := strconv.ParseInt(s, 10, 64)
		return n
	case fRef:
		if s == "" {
			return nil
		}
		n, _ := strconv.ParseInt(s, 10, 64)
		return n
	case fFlag:
		return s == "1"
	case fDate:
		if s == "" {
			return nil
		}
		t, _ := time.Parse("2006-01-02", s)
		return t
	case fMoney:
		f, _ := strconv.ParseFloat(s, 64)
		return f
	}
	return s
}
