// Package upload checks the files people attach (self-inspections,
// objections, case documents): a kind known by its first bytes, a size and
// a count within bounds, a clean name.
package upload

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models"
)

// MaxUploadSize bounds one attached file: a self-inspection's, a
// rectification's or a case's evidence.
const MaxUploadSize = 8 << 20

// MaxUploadFiles bounds the files of one filing: a self-inspection, a
// rectification reported done, an appeal.
const MaxUploadFiles = 5

// Upload is a file as it arrived, before it is checked.
type Upload struct {
	Name string
	Data []byte
}

// fileKinds are the kinds accepted: PDF, images, and Office files old and new.
var fileKinds = map[string]string{
	".pdf":  "application/pdf",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".wps":  "application/vnd.ms-works", // WPS Office writes the old binary format
	".et":   "application/vnd.ms-excel",
}

// ooxmlPart is the folder an Office Open XML package of each kind must hold.
var ooxmlPart = map[string]string{".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}

// oleMagic starts every old binary Office file (compound file).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// CheckUpload accepts a PDF, an image or an Office file by its content, not
// only its name, within MaxUploadSize, and returns the type to serve it
// with. The message says what is wrong in Chinese.
func CheckUpload(u Upload) (mime string, err error) {
	name := strings.TrimSpace(path.Base(strings.ReplaceAll(u.Name, "\\", "/")))
	bad := func(key string, args ...any) error {
		return models.Invalid("file", key, append([]any{name}, args...)...)
	}
	switch {
	case name == "" || name == "." || name == "/":
		return "", models.Invalid("file", "refuse.upload.no_name")
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > 120:
		return "", bad("refuse.upload.name")
	case len(u.Data) == 0:
		return "", bad("refuse.upload.empty")
	case len(u.Data) > MaxUploadSize:
		return "", bad("refuse.upload.size", MaxUploadSize>>20)
	}
	ext := strings.ToLower(path.Ext(name))
	want, ok := fileKinds[ext]
	if !ok {
		return "", bad("refuse.upload.type")
	}
	sniffed := http.DetectContentType(u.Data)
	switch ext {
	case ".pdf", ".png", ".jpg", ".jpeg":
		if sniffed != want {
			return "", bad("refuse.upload.mismatch")
		}
	case ".doc", ".xls", ".ppt", ".wps", ".et":
		if !bytes.HasPrefix(u.Data, oleMagic) {
			return "", bad("refuse.upload.not_office")
		}
	default:
		if !isOOXML(u.Data, ooxmlPart[ext]) {
			return "", bad("refuse.upload.not_office")
		}
	}
	return want, nil
}

// isOOXML reads the zip's directory (not its contents) for the content
// types part and the kind's folder.
func isOOXML(data []byte, folder string) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(z.File) > 10000 {
		return false
	}
	var types, part bool
	for _, f := range z.File {
		types = types || f.Name == "[Content_Types].xml"
		part = part || strings.HasPrefix(f.Name, folder)
	}
	return types && part
}

// CleanName is the name an upload is stored and served under.
func CleanName(name string) string {
	return strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
}
