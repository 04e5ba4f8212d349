package handlers

// The audit log's words for issued documents and downloads (issue 20):
// kept apart from audit_view.go's tables so that the areas that issue
// documents add their words without touching one another's lines.
func init() {
	for k, w := range map[string]words{"issue": {"印发", "issued"}, "export": {"下载", "downloaded"}, "withdraw": {"撤销", "withdrew"}, "approve_reopen": {"同意重新审核", "approved the re-opening"}} {
		auditActions[k] = w
	}
	auditEntities["document"] = struct {
		name words
		url  func(id string) string
	}{words{"公文", "document"}, nil}
	auditEntities["download"] = struct {
		name words
		url  func(id string) string
	}{words{"文件下载", "download"}, nil}
	for k, w := range map[string]words{"number": {"文号", "number"}, "subject": {"事项", "subject"}, "subject_id": {"事项编号", "subject number"},
		"ref_id": {"所更正的公文", "document corrected"}, "relation": {"关系", "relation"}, "url": {"地址", "address"}, "ip": {"来源地址", "client address"}, "withdrawn": {"撤销理由", "withdrawn because"}} {
		auditFields[k] = w
	}
	for k, w := range map[string]words{"results_notice": {"考核结果通报", "results notice"}, "results_correction": {"更正通报", "correction"},
		"assessment_plan": {"考核方案", "assessment plan"}, "corrects": {"更正", "corrects"}, "replaces": {"取代", "replaces"}, "reviews": {"复核", "reviews"},
		"case_notice": {"书面通知", "written notice"}, "review_decision": {"复核决定书", "review decision"}, "accountability_case": {"责任追究案件", "case"},
		"annual_report": {"年度报告", "annual report"}, "annual_report_correction": {"年度报告更正版", "corrected annual report"}, "annual_final": {"年度报告定稿", "annual report final"}} {
		auditWords[k] = w
	}
}
