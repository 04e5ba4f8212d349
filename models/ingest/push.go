package ingest

import (
	"context"
	"io"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/sources"
)

// Push imports a JSON array sent to POST /api/v1/import/{kind} with an API
// token: the token names its source, the source its department and kind.
// Errors: sources.ErrBadToken (unknown or revoked: 401), ErrScope (another
// kind than the source's: 403), then Records'.
func (im *Importer) Push(ctx context.Context, token string, kind Kind, body io.Reader, partial bool) (*Report, error) {
	src, err := sources.New(im.store).SourceForToken(ctx, token)
	if err != nil {
		return nil, err
	}
	if string(kind) != src.Kind {
		return nil, scopeError("此令牌只能导入" + Kind(src.Kind).Title(i18n.Chinese))
	}
	return im.Records(ctx, kind, body, Options{
		Partial:        partial,
		Source:         "api",
		SourceID:       src.ID,
		FileName:       "API:" + src.Name,
		Viewer:         models.Viewer{Name: truncate("API:"+src.Name, 64), Role: models.RoleHead, DepartmentID: src.DepartmentID},
		OnlyDepartment: src.DepartmentID,
	})
}
