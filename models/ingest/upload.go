package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/models/imports"
)

// ImportUpload imports a file the office uploaded, as the background runner
// (models/imports) spooled it: what its page shows (the summary, or why
// nothing was loaded), the report as JSON for its error file, and an error
// worth logging (anything but the file's own bad rows).
func (im *Importer) ImportUpload(ctx context.Context, u imports.Upload, file io.Reader, p imports.Progress) (message, report string, failure error) {
	kind, err := ParseKind(u.Kind)
	if err != nil {
		return UserMessage(err), "", err
	}
	rep, err := im.File(ctx, kind, u.FileName, file, Options{Partial: u.Partial, Source: "file", FileName: u.FileName, Viewer: u.Viewer,
		Progress: p.Read, Writing: p.Write})
	switch {
	case err != nil:
		message = UserMessage(err)
		if !errors.Is(err, ErrRejected) {
			failure = err
		}
	case rep != nil:
		message = rep.Summary()
	}
	if rep != nil {
		b, jerr := json.Marshal(rep)
		if jerr != nil {
			failure = errors.Join(failure, fmt.Errorf("import job report: %w", jerr))
		}
		report = string(b)
	}
	return message, report, failure
}
