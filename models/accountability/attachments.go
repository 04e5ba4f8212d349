package accountability

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models"
)

// MaxAttachmentSize bounds one file of evidence.
const MaxAttachmentSize = 8 << 20

// attachmentKinds are the files accepted, by extension, with the type their
// content must sniff as: PDF and images by their own signature; Office
// files as a zip (new) or compound file (old).
var attachmentKinds = map[string]string{
	".pdf":  "application/pdf",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// checkAttachment accepts a file by its content as well as its name, within
// MaxAttachmentSize, and returns its clean name and the type to serve it as.
func checkAttachment(name string, data []byte) (string, string, error) {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case name == "" || name == "." || name == "/":
		return "", "", invalid("file", "请选择文件")
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > 120:
		return "", "", invalid("file", "文件名无效或过长（不超过120个字）")
	case len(data) == 0:
		return "", "", invalid("file", "文件“"+name+"”是空文件")
	case len(data) > MaxAttachmentSize:
		return "", "", invalid("file", fmt.Sprintf("文件“%s”超过%d MB", name, MaxAttachmentSize>>20))
	}
	ext := strings.ToLower(path.Ext(name))
	want, ok := attachmentKinds[ext]
	if !ok {
		return "", "", invalid("file", "文件“"+name+"”的类型不受支持：只接受 PDF、PNG、JPEG 和 Word、Excel 文件")
	}
	var fits bool
	switch ext {
	case ".docx", ".xlsx":
		fits = bytes.HasPrefix(data, zipMagic)
	case ".doc", ".xls":
		fits = bytes.HasPrefix(data, oleMagic)
	default:
		fits = http.DetectContentType(data) == want
	}
	if !fits {
		return "", "", invalid("file", "文件“"+name+"”的内容与扩展名不符")
	}
	return name, want, nil
}

// Attach stores a file of evidence with the case.
func (s *Store) Attach(ctx context.Context, v models.Viewer, id uint, name string, data []byte, now time.Time) error {
	return s.change(ctx, v, id, "attach", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		clean, mime, err := checkAttachment(name, data)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		a := Attachment{CaseID: c.ID, Name: clean, MIME: mime, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data, UploadedBy: v.Name, UploadedAt: now.UTC()}
		if err := tx.DB.Create(&a).Error; err != nil {
			return nil, fmt.Errorf("store attachment: %w", err)
		}
		return map[string]any{"attachment": a.ID, "name": a.Name, "size": a.Size, "sha256": a.SHA256}, nil
	})
}

// AttachmentFile reads one attachment of case id with its data, for those
// who read case files.
func (s *Store) AttachmentFile(ctx context.Context, v models.Viewer, id, attachment uint) (*Attachment, error) {
	if !v.CanReadCaseFiles() {
		return nil, models.ErrNotFound
	}
	var a Attachment
	if err := s.m.DB.WithContext(ctx).Where("id = ? AND case_id = ?", attachment, id).First(&a).Error; err != nil {
		return nil, models.ErrNotFound
	}
	return &a, nil
}
