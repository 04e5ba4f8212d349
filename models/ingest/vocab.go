package ingest

import (
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The vocabularies of docs/FORMATS.md and DOMAIN.md. A cell outside its
// vocabulary is a validation error: scoring matches these words exactly.
var (
	// cadenceWords: a 公开时限 must contain one of them (the slots of docs/SCHEMES.md).
	cadenceWords = []string{"长期", "每季度", "每月", "及时", "依申请"}

	departmentKinds = models.DepartmentKinds

	// sanctions (处理方式) by severity, seed 003 art. 6(二).
	sanctions = []string{"告诫", "批评教育", "通报批评", "书面检查", "取消评先选优资格", "限期整改", "政纪处分", "移送司法机关"}

	incidentKinds = []string{"泄密", "不应公开而公开", "弄虚作假"}

	// reviewDecisions: 保密审查意见 (seed 003).
	reviewDecisions = scoring.Opinions

	// legacyOutcomes of the older single column 复议诉讼结果 (Annex 2).
	legacyOutcomes = []string{"维持", "被依法纠错", "其他"}

	yes = []string{"是", "yes", "true", "1", "y"}
	no  = []string{"否", "no", "false", "0", "n"}
)
