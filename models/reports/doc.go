// Package reports computes the documents of the regime from the records:
// the quarterly statistics form (季度报表, Annex 2 of seed 000) and the
// annual report (年度报告) in the national format (国办公开办函〔2021〕30号,
// ANNUAL-REPORT.md), and writes them as XLSX and DOCX. It reads through the Store with the Viewer: a department
// head gets only their own department's documents; the whole bureau's are
// for the office, the leading group, the discipline office and auditors.
//
// The rules that turn records into figures, and where they come from:
//
//   - Same information (相同信息计1条): two publications of one department
//     in the period are one piece of information when they share a title
//     (spaces ignored) or a 文号, directly or through a third. A piece
//     counts once in 主动公开警务信息数, once in each channel group that
//     carried it, and once in each key area. Only 主动公开 publications (or
//     those without an attribute) count. The bureau's figures are the sum of
//     its departments': two departments publishing one title are two pieces.
//   - Channel groups: 新闻公布 = 新闻发布, 报刊, 电台, 电视台; 政府网站 = 网站;
//     政务微博 = 微博; 政务微信 = 微信; 短信告知 = 短信; everything else 其他.
//   - Key areas: a piece's catalog item (by 序号) in 行政许可及审批 counts as
//     行政审批, in 行政执法 as 行政处罚, in 财务收支 as 财政.
//   - Requests: received in the period, by 申请方式; closed (办结) when
//     answered in the period, on time (按时) when answered by the 15th
//     working day after receipt plus the pauses, with extension (延期)
//     otherwise; those answered after the extended limit too, or late
//     without an approved extension, are counted as overdue in a note
//     beside the form, which has no line for them. Answers map to Annex 2
//     §4 by their 答复类型, refusals to its reasons by the text after
//     不同意公开.
//   - Reconsideration and litigation: a request carries its reconsideration
//     (复议) and its lawsuit (诉讼: 直接起诉 or 复议后起诉), each with filing
//     date, outcome (维持 / 纠正 / 其他 / 尚未审结) and date of outcome.
//     Annex 2's section 五 (行政复议) counts reconsideration outcomes dated
//     in the period (纠正 as 被依法纠错); section 六 (行政诉讼) comes from the
//     filed report.
//   - Complaints: received in the period, every line (渠道).
//   - Fees: charged on requests answered in the period, in 元.
//   - Filed figures: what the records cannot give (规范性文件, 回应解读,
//     行政诉讼, staff, funds, meetings and training) comes from the filed
//     quarterly report's Figures, keyed by Annex 2 name and summed over the
//     departments for the bureau; a figure nobody filed stays blank.
//   - Annual report text: the office's text of each section is stored per
//     year and unit; it quotes figures as {{收到申请数}} and the like, filled
//     in when shown (an unknown name stays as written, so a typo shows), and
//     each section shows its tables of figures beside the text. A section
//     never edited shows a draft that quotes the main figures.
//   - Annual report scope: a department's report counts its records and
//     those of the departments under it (a county sub-bureau and its police
//     stations, by the parent links); the bureau's counts every department.
//   - Table 三, for year Y: a request is new (一) when received in Y,
//     carried in (二) when received before Y and not answered before it;
//     it counts in its result's row of 三 when answered in Y, in 四 when not
//     answered by the end of Y. Its column is its applicant type. Its
//     categories are the record's own, else the office's categorisation,
//     else (the result) its old answer type where that maps unambiguously
//     (ResultOfAnswer). A request answered in Y without a result is
//     in 一 or 二 but in no row of 三: its column does not balance, and the
//     report names it. A request without an applicant type counts in 总计
//     only. A report is final only when every column balances and every
//     request of the year has both categories.
//   - Table 四, for year Y: a proceeding counts by its outcome when decided
//     in Y, as 尚未审结 when filed by the end of Y and not decided by then
//     (whatever its later outcome); one decided without a date (an old
//     record) counts in no year.
//   - Table 二 and section 六's fees are filed per unit and year (年度报告数据,
//     in the app or by import), summed over the unit's departments; a
//     figure nobody filed is blank. Publications by channel are pieces of
//     information per 公开形式 (the same-information rule within a channel).
//   - Year on year: the main figures against the previous year's, when the
//     unit's publications of that year were loaded.
package reports
