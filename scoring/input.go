package scoring

// Department is a unit being assessed: a city-bureau department, a county
// sub-bureau (分县局) or a police station (派出所).
type Department struct {
	ID   uint
	Code string
	Name string
}

// Item is one row of the responsibility table (责任分解表).
type Item struct {
	Seq   int    // 序号
	Title string // 三级目录: what must be published
	// Channels are the 公开形式 the item is to be published through.
	Channels []string
	// Cadence is the 公开时限 text, e.g. 长期公开, 每季度或每月, 依申请.
	Cadence string
	// Leads (牵头责任部门) and Co (相关责任主体) are names as written in the
	// catalog: a department's name or code, or a group's name.
	Leads []string
	Co    []string
}

// Publication is a record of proactive disclosure (公开记录).
type Publication struct {
	ID      uint
	Dept    uint
	Seq     int // catalog item; 0 when the publication belongs to none
	Title   string
	Channel string
	// Formed is when the information was formed or changed (生成日期);
	// zero when unknown, and then A2 does not count the publication.
	Formed    Date
	Published Date
	// Review is the secrecy review decision (保密审查意见: 公开, 免于公开,
	// 需报审) and ReviewDate its date.
	Review     string
	ReviewDate Date
	// Withheld: the record's 公开属性 is 不予公开. It fills no slot and no
	// indicator counts it as a publication.
	Withheld bool
	// Column is the column (栏目) it was posted in; 0 for none.
	Column uint
}

// Request is an information request (依申请公开).
type Request struct {
	ID       uint
	Dept     uint
	No       string // 申请编号
	Received Date
	// Extended: an extension of the answer limit was approved (延期).
	Extended bool
	// PauseStart..PauseEnd: third-party consultation (征求第三方意见);
	// CorrectionStart..CorrectionEnd: the applicant correcting the request
	// (补正). The clock stops for both.
	PauseStart, PauseEnd           Date
	CorrectionStart, CorrectionEnd Date
	Answered                       Date
	// Online: received through the bureau's website (申请方式 网络), to be
	// forwarded to the department within days (seed 004 art. 24);
	// Forwarded is when it was.
	Online    bool
	Forwarded Date
	// Outcome of reconsideration (复议) or litigation (诉讼): 维持,
	// 被依法纠错 or 其他; OutcomeDate is when it was decided.
	Outcome     string
	OutcomeDate Date
}

// Complaint is a complaint or inquiry from the public (群众投诉、咨询).
type Complaint struct {
	ID       uint
	Dept     uint
	No       string
	Received Date
	Replied  Date
	Closed   Date // 办结
}

// QuarterlyReport is a filed quarterly statistics form (季度报表, Annex 2).
type QuarterlyReport struct {
	ID        uint
	Dept      uint
	Year      int
	Quarter   int
	Submitted Date
}

// AnnualReport is a filed annual report (年度报告).
type AnnualReport struct {
	ID        uint
	Dept      uint
	Year      int
	Submitted Date
}

// Incident is a leak of secrets (泄密), a publication of what must not be
// published (不应公开而公开) or falsification (弄虚作假).
type Incident struct {
	ID   uint
	Dept uint
	Date Date
	Kind string
}

// Decision is an accountability decision (责任追究决定) against a department.
type Decision struct {
	ID        uint
	Dept      uint
	CaseNo    string
	Decided   Date
	Sanctions []string // 处理方式, e.g. 通报批评, 限期整改
}

// Input is everything Score needs for one assessment year. Time enters only
// through AsOf: an event dated after AsOf is treated as not having happened
// yet, so a past as-of date reproduces the scores of that day.
type Input struct {
	Year     int
	AsOf     Date
	Scheme   *Scheme
	Calendar *Calendar
	// Monitoring scores a period inside the year (季度监测, monitoring.go):
	// AsOf lies in the year, only what was due by it counts, and each
	// department's result names the slots set aside as not yet due.
	Monitoring bool

	Departments []Department
	// Groups maps a group name used in the catalog (各分县局, 相关警种部门 …)
	// to its member departments' IDs.
	Groups map[string][]uint
	Items  []Item

	Publications     []Publication
	Requests         []Request
	Complaints       []Complaint
	QuarterlyReports []QuarterlyReport
	AnnualReports    []AnnualReport
	Incidents        []Incident
	Decisions        []Decision

	// The records of the optional indicators (clocks.go).
	SecrecyReviews   []SecrecyReview
	Coordinations    []Coordination
	PressConferences []PressConference

	// Columns are the channels' columns (栏目), read by A4 per column and A6.
	Columns []Column
	// ColumnPosts are posts to the columns beside those of Publications
	// (withheld ones left out by the caller): a Scorer's frame holds every
	// column's posts here, as its batches hold only their own departments'
	// publications.
	ColumnPosts []ColumnPost
}
