package handlers

import (
	"fmt"
	"io"
	"mime/multipart"

	"github.com/gongkai/gongkai/models"
)

// readUpload reads one uploaded file up to models.MaxUploadSize, refusing
// a larger one before reading it; models.CheckUpload then checks what it is.
func readUpload(fh *multipart.FileHeader) (models.Upload, error) {
	if fh.Size > models.MaxUploadSize {
		return models.Upload{}, models.Invalid("file", "refuse.upload.size", models.CleanName(fh.Filename), models.MaxUploadSize>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return models.Upload{}, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, models.MaxUploadSize+1))
	if err != nil {
		return models.Upload{}, fmt.Errorf("read upload: %w", err)
	}
	return models.Upload{Name: fh.Filename, Data: data}, nil
}
