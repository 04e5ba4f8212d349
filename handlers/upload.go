package handlers

import (
	"fmt"
	"io"
	"mime/multipart"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/upload"
)

// readUpload reads one uploaded file up to upload.MaxUploadSize, refusing
// a larger one before reading it; upload.CheckUpload then checks what it is.
func readUpload(fh *multipart.FileHeader) (upload.Upload, error) {
	if fh.Size > upload.MaxUploadSize {
		return upload.Upload{}, models.Invalid("file", "refuse.upload.size", upload.CleanName(fh.Filename), upload.MaxUploadSize>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return upload.Upload{}, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, upload.MaxUploadSize+1))
	if err != nil {
		return upload.Upload{}, fmt.Errorf("read upload: %w", err)
	}
	return upload.Upload{Name: fh.Filename, Data: data}, nil
}
