package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/sources"
)

// Sentinel errors of File and Records. Each reaches users through its
// Chinese text, or through UserMessage.
var (
	// ErrRejected: the input had bad rows and nothing was loaded; the Report
	// says which rows and why.
	ErrRejected = errors.New("文件中有错误的行，未导入任何数据")
	// ErrTooLarge: the input is over a size limit (Limits).
	ErrTooLarge = errors.New("文件过大")
	// ErrMalformed: the input is not a readable CSV, XLSX or JSON file.
	ErrMalformed = errors.New("文件无法读取")
	// ErrScope: an import scoped to a department or an API token tried to
	// load what is not its own; it is also models.ErrForbidden.
	ErrScope = errors.New("超出了本来源可以导入的范围")
	// ErrCancelled: the office cancelled the import on its job page.
	ErrCancelled = imports.ErrCancelled
	// ErrStopped: the server stopped (SIGTERM) while the import ran.
	ErrStopped = errors.New("服务停止，导入已中断，未导入任何数据；请重新导入")
)

// scopeError says which scope was overstepped; it is ErrScope and
// models.ErrForbidden.
type scopeError string

func (e scopeError) Error() string { return string(e) }

func (e scopeError) Is(target error) bool { return target == ErrScope || target == models.ErrForbidden }

// errOfficeKinds: a department's import tried an office kind.
const errOfficeKinds = scopeError("只能导入本部门的记录，部门、责任分解表和节假日安排由办公室导入")

// InputError is a problem with the input itself, told in Chinese: it is
// ErrTooLarge, ErrMalformed or ErrPull, and keeps the library's own error
// for logs.
type InputError struct {
	Kind    error  // ErrTooLarge, ErrMalformed or ErrPull
	Message string // a Chinese sentence for the user
	Cause   error  // what the reader reported, if anything
}

func (e *InputError) Error() string { return e.Message }

// Unwrap lets errors.Is find both the kind and the cause.
func (e *InputError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

func malformed(cause error, format string, args ...any) error {
	return &InputError{Kind: ErrMalformed, Message: "文件无法读取：" + fmt.Sprintf(format, args...), Cause: cause}
}

func tooLarge(format string, args ...any) error {
	return &InputError{Kind: ErrTooLarge, Message: "文件过大：" + fmt.Sprintf(format, args...)}
}

// RowError is one bad cell or row: where, and why, in Chinese.
type RowError struct {
	Line    int    // line of a CSV, row of an XLSX sheet, or position in a JSON array (from 1)
	Column  string // the column as the input names it; empty for a problem with the whole row
	Message string // the full sentence: 第 12 行,列“公开日期”:“2024-13-01”不是有效日期
}

func (e RowError) Error() string { return e.Message }

// UserMessage turns an error of File or Records into a Chinese sentence
// fit for a page or the command line. Infrastructure failures get a
// generic sentence: their Go text belongs in the log, not in front of users.
func UserMessage(err error) string {
	var in *InputError
	var ve *models.ValidationError
	var se scopeError
	var ob errOverBudget
	switch {
	case err == nil:
		return ""
	case errors.As(err, &in):
		return in.Message
	case errors.As(err, &ve):
		return ve.Message
	case errors.Is(err, ErrRejected):
		return ErrRejected.Error()
	case errors.As(err, &se):
		return string(se)
	case errors.Is(err, sources.ErrBadToken):
		return "API 令牌无效或已被撤销"
	case errors.Is(err, errConflict):
		return errConflict.Error()
	case errors.As(err, &ob):
		return ob.Error()
	case errors.Is(err, ErrCancelled):
		return ErrCancelled.Error()
	case errors.Is(err, ErrStopped):
		return ErrStopped.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "导入超时，未导入任何数据"
	case errors.Is(err, context.Canceled):
		return "导入已取消，未导入任何数据"
	}
	return "导入时数据库出错，未导入任何数据；请稍后重试或联系管理员"
}

// errConflict: rows classified as new were written by someone else while
// this import was checking; the transaction is rolled back.
var errConflict = errors.New("导入期间其他操作写入了相同的记录，未导入任何数据；请重新导入")

// errOverBudget is why an import that ran past Limits.TimeBudget stopped.
type errOverBudget time.Duration

func (e errOverBudget) Error() string {
	d := time.Duration(e)
	limit := fmt.Sprintf("%d 分钟", int(d.Minutes()))
	if d < time.Minute {
		limit = fmt.Sprintf("%d 秒", int(d.Seconds()))
	}
	return "导入超过 " + limit + "的时限，已停止，未导入任何数据"
}
