package assessment

import (
	"github.com/gongkai/gongkai/models/upload"
)

// Limits on attachments: the files of one filing, and all the files of one
// department in one assessment (each file: upload.MaxUploadSize).
const (
	MaxAttachments           = upload.MaxUploadFiles
	MaxDepartmentAttachments = 40
)
