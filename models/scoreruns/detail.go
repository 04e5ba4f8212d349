package scoreruns

import (
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"reflect"
	"sync"

	"gorm.io/gorm/schema"
)

// A department's explanation (DepartmentScore.Detail) is most of a run's
// size: about 20 KB of JSON a department, 60 MB a run at 3,000 units.
// It is stored deflated, which makes it about a tenth of that, and read
// back as the same JSON: pages and exports never see the stored form.
//
// Stored form: a JSON text as it was (runs stored before compression, and
// any text that starts with "{"), or detailDeflated followed by the
// deflated JSON.
const detailDeflated = 0x01

func init() { schema.RegisterSerializer("scoredetail", detailCodec{}) }

// detailCodec is the GORM serializer of DepartmentScore.Detail.
type detailCodec struct{}

// writers keeps deflate writers between rows: making one costs more than
// deflating a department's explanation.
var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // BestSpeed is a valid level: no error
	return w
}}

// deflateDetail is the stored form of a detail.
func deflateDetail(detail string) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(detail)/8 + 16)
	buf.WriteByte(detailDeflated)
	w := writers.Get().(*flate.Writer)
	defer writers.Put(w)
	w.Reset(&buf)
	if _, err := io.WriteString(w, detail); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inflateDetail reads a stored detail back as its JSON.
func inflateDetail(stored []byte) (string, error) {
	if len(stored) == 0 || stored[0] != detailDeflated {
		return string(stored), nil
	}
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(stored[1:])))
	if err != nil {
		return "", fmt.Errorf("inflate a stored explanation: %w", err)
	}
	return string(b), nil
}

// Scan implements schema.SerializerInterface.
func (detailCodec) Scan(ctx context.Context, field *schema.Field, dst reflect.Value, dbValue any) error {
	var stored []byte
	switch v := dbValue.(type) {
	case []byte:
		stored = v
	case string:
		stored = []byte(v)
	case nil:
	default:
		return fmt.Errorf("a stored explanation of type %T", dbValue)
	}
	detail, err := inflateDetail(stored)
	if err != nil {
		return err
	}
	field.ReflectValueOf(ctx, dst).SetString(detail)
	return nil
}

// Value implements schema.SerializerValuerInterface. A detail deflated
// already (storedDetails does it on every core before a run's
// transaction) is stored as it is.
func (detailCodec) Value(_ context.Context, _ *schema.Field, _ reflect.Value, fieldValue any) (any, error) {
	detail, _ := fieldValue.(string)
	if len(detail) > 0 && detail[0] == detailDeflated {
		return []byte(detail), nil
	}
	return deflateDetail(detail)
}
