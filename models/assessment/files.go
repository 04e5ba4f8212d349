package assessment

// Limits on attachments: the files of one filing, and all the files of one
// department in one assessment (each file: models.MaxUploadSize).
const (
	MaxAttachments           = 5
	MaxDepartmentAttachments = 40
)
