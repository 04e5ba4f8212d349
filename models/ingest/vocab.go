package ingest

import (
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The vocabularies of docs/FORMATS.md and DOMAIN.md. A cell outside its
// vocabulary is a validation error: scoring matches these words exactly.
var (
	// baseChannels are the 公开形式 every publication may use; the channels
	// named in the catalog are added when an import starts.
	baseChannels = []string{"网站", "公开栏", "微博", "微信", "报刊", "电台", "电视台", "新闻发布", "短信", "政府公报",
		"当场告知", "书面通知", "书面送达", "书面呈", "文件", "会议", "内部公开栏", "内部网站"}

	// cadenceWords: a 公开时限 must contain one of them (the slots of docs/SCHEMES.md).
	cadenceWords = []string{"长期", "每季度", "每月", "及时", "依申请"}

	departmentKinds = models.DepartmentKinds

	// sanctions (处理方式) by severity, seed 003 art. 6(二).
	sanctions = []string{"告诫", "批评教育", "通报批评", "书面检查", "取消评先选优资格", "限期整改", "政纪处分", "移送司法机关"}

	incidentKinds = []string{"泄密", "不应公开而公开", "弄虚作假"}

	// reviewDecisions: 保密审查意见 (seed 003).
	reviewDecisions = scoring.Opinions

	// outcomes of a reconsideration or lawsuit (复议诉讼结果, Annex 2).
	outcomes = []string{"维持", "被依法纠错", "其他"}

	yes = []string{"是", "yes", "true", "1", "y"}
	no  = []string{"否", "no", "false", "0", "n"}
)
