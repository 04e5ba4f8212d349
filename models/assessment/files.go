package assessment

import "github.com/gongkai/gongkai/models"

// Limits on attachments: the files of one filing, and all the files of one
// department in one assessment (each file: models.MaxUploadSize).
const (
	MaxAttachments           = models.MaxUploadFiles
	MaxDepartmentAttachments = 40
)
