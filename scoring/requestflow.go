package scoring

// The clocks of a request worked step by step (seed 004 art. 19-25; 条例
// 2019 art. 30-33) beyond the answer deadline, which RequestDue computes
// for the pages as for B1: how long the applicant has to correct a request
// (补正) and a third party to give its opinion (征求第三方意见).

// ThirdPartyDays is the time a consulted third party has to give its
// opinion, in working days from the letter (条例 art. 32: 15个工作日);
// silence past it is recorded as no reply (逾期未提出意见).
const ThirdPartyDays = 15

// CorrectionDays is the correction period a 补正告知书 gives the applicant,
// in working days from the letter (条例 art. 30 asks for 合理的补正期限; the
// bureau gives as long as it has to answer). A request not corrected by
// then may be closed as 视为放弃.
const CorrectionDays = 15

// ThirdPartyDue is the last day a third party consulted on sent may reply.
func ThirdPartyDue(cal *Calendar, sent Date) Date { return cal.Due(sent, ThirdPartyDays) }

// CorrectionDue is the last day an applicant told to correct on asked may
// send the correction.
func CorrectionDue(cal *Calendar, asked Date) Date { return cal.Due(asked, CorrectionDays) }
