package requests

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// state is where a request stands after its steps: what it waits for,
// which decides the steps allowed now.
type state struct {
	Answered, Abandoned                  bool
	WaitingCorrection, WaitingThirdParty bool
	ThirdParty, ThirdPartyOpinion        string
	ExtensionAsked, ExtensionPending     bool
	ExtensionApproved                    bool
	ExtensionAskedOn                     scoring.Date
	ExtensionReason                      string
	TransferPending                      bool
	TransferredOn                        scoring.Date
	TransferUnit                         string
	TransferUnitID                       uint
	LastStep                             scoring.Date
}

// stateOf reads a request's state from its columns and steps.
func stateOf(q *models.Request, steps []Step) state {
	st := state{Answered: q.Answered != nil,
		WaitingCorrection: q.CorrectionStart != nil && q.CorrectionEnd == nil,
		WaitingThirdParty: q.PauseStart != nil && q.PauseEnd == nil}
	for _, s := range steps {
		st.LastStep = max(st.LastStep, s.Date())
		switch s.Kind {
		case StepAbandoned:
			st.Abandoned = true
		case StepConsult:
			st.ThirdParty = s.Party
		case StepReply:
			st.ThirdPartyOpinion = s.Opinion
		case StepExtensionAsked:
			st.ExtensionAsked, st.ExtensionPending, st.ExtensionAskedOn, st.ExtensionReason = true, true, s.Date(), s.Note
		case StepExtensionApproved:
			st.ExtensionPending, st.ExtensionApproved = false, true
		case StepExtensionRefused:
			st.ExtensionPending = false
		case StepTransfer:
			st.TransferPending, st.TransferredOn, st.TransferUnit, st.TransferUnitID = true, s.Date(), s.Party, s.PartyID
		case StepTransferAnswer:
			st.TransferPending = false
		}
	}
	return st
}

// The states a request is shown in (requests.state.<code>).
const (
	StateOpen       = "open"
	StateCorrection = "correction"
	StateThirdParty = "third_party"
	StateExtension  = "extension"
	StateTransfer   = "transfer"
	StateAnswered   = "answered"
	StateAbandoned  = "abandoned"
)

// code is the state's code, the first thing the request waits for.
func (st state) code() string {
	switch {
	case st.Abandoned:
		return StateAbandoned
	case st.Answered:
		return StateAnswered
	case st.WaitingCorrection:
		return StateCorrection
	case st.WaitingThirdParty:
		return StateThirdParty
	case st.ExtensionPending:
		return StateExtension
	case st.TransferPending:
		return StateTransfer
	}
	return StateOpen
}

// Work is a request as its page shows it: the request, its department,
// the applicant as the viewer may see them, its steps and letters, its
// clocks, and the steps allowed now.
type Work struct {
	Request    models.Request
	Department string
	Applicant  models.Identity
	Steps      []Step
	Letters    []documents.Document
	State      string
	// Due is the answer deadline by the rule B1 scores (scoring.RequestDue),
	// the pauses counted up to today; Late the working days past it (at
	// the answer, or today while open).
	Due  scoring.Date
	Late int
	// ForwardDue is when an online request had to reach the department
	// (B3), zero for the others; ForwardLate says it came later.
	ForwardDue  scoring.Date
	ForwardLate bool
	// CorrectionDue and ThirdPartyDue are the ends of the periods the
	// letters gave, while the request waits for them.
	CorrectionDue, ThirdPartyDue scoring.Date
	// UnapprovedExtension: an extension without the office's approval or
	// a notice to the applicant (imported so).
	UnapprovedExtension bool
	// FeeWarnings: a fee without basis or on a refusal (the import's rule,
	// reports.FeeWarnings).
	FeeWarnings []scoring.Text
	// UnitLate: a unit a part was forwarded to answered after the
	// request's deadline (seed 004 art. 21 asks it within).
	UnitLate bool
	// ExtensionDays is the scheme's extension (time_limits.extension), the
	// working days an approved extension adds.
	ExtensionDays int
	// Receiving: v reads the request as the unit a part was forwarded to
	// (内部转办): the page shows that part, its steps and its 转办单 only.
	Receiving bool
	// The steps allowed now.
	CanWork, CanDecideExtension                                 bool
	CanCorrection, CanCorrected, CanAbandon                     bool
	CanConsult, CanReply, CanNoReply                            bool
	CanAskExtension, CanTransfer, CanTransferAnswer, CanAnswer  bool
	ThirdParty, ThirdPartyOpinion, ExtensionReason, Transferred string
}

// Get reads a request for v with its steps, letters and clocks on today.
// A request of a department v may not read is a 404. Reading the
// applicant's identity unmasked is audit-logged.
func (s *Store) Get(ctx context.Context, v models.Viewer, id uint, today scoring.Date) (*Work, error) {
	var q models.Request
	if err := s.DB.WithContext(ctx).First(&q, id).Error; err != nil {
		return nil, models.NotFound(err, "read request")
	}
	steps, err := stepsOf(s.DB.WithContext(ctx), id)
	if err != nil {
		return nil, err
	}
	unit := receivingUnit(v, steps)
	if !v.CanSeeDepartment(q.DepartmentID) && unit == 0 {
		return nil, models.ErrNotFound
	}
	d, err := s.Department(ctx, models.System, q.DepartmentID)
	if err != nil {
		return nil, err
	}
	letters, err := s.Letters(ctx, id)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	limits, err := s.limits(ctx)
	if err != nil {
		return nil, err
	}
	st := stateOf(&q, steps)
	w := &Work{Request: q, Department: d.Name, Steps: steps, Letters: letters, State: st.code(),
		ThirdParty: st.ThirdParty, ThirdPartyOpinion: st.ThirdPartyOpinion, ExtensionReason: st.ExtensionReason, Transferred: st.TransferUnit}
	w.ExtensionDays = limits.Extension
	w.clocks(cal, limits, st, today)
	w.allowed(v, st)
	if w.Applicant, err = ledger.New(s.Store).Applicant(ctx, v, &q); err != nil {
		return nil, err
	}
	if !v.CanSeeDepartment(q.DepartmentID) {
		w.forUnit(unit)
	}
	return w, nil
}

// receivingUnit is v's own department when a part of the request was
// forwarded to it (内部转办), 0 otherwise.
func receivingUnit(v models.Viewer, steps []Step) uint {
	dept, limited := v.OwnDepartment()
	if !limited || dept == 0 {
		return 0
	}
	for _, s := range steps {
		if s.Kind == StepTransfer && s.PartyID == dept {
			return dept
		}
	}
	return 0
}

// forUnit cuts the page to what the unit a part was forwarded to may
// read: the parts forwarded to it, their answers and their 转办单; the
// request's content, the other steps and letters, the answer and the fee
// stay with the handling department.
func (w *Work) forUnit(unit uint) {
	w.Receiving = true
	w.Request.Content, w.Request.Answer, w.Request.Result, w.Request.Exemption = "", "", "", ""
	w.Request.Fee, w.Request.FeeBasis, w.Request.FeeWaived, w.FeeWarnings = 0, "", false, nil
	docs := map[uint]bool{}
	mine := false
	w.Steps = slices.DeleteFunc(w.Steps, func(s Step) bool {
		switch s.Kind {
		case StepTransfer:
			mine = s.PartyID == unit
			docs[s.DocumentID] = mine
			return !mine
		case StepTransferAnswer:
			return !mine
		}
		return true
	})
	w.Letters = slices.DeleteFunc(w.Letters, func(d documents.Document) bool { return !docs[d.ID] })
}

// clocks computes the request's deadlines on today.
func (w *Work) clocks(cal *scoring.Calendar, limits scoring.TimeLimits, st state, today scoring.Date) {
	q := &w.Request
	asOf := today
	if q.Answered != nil {
		asOf = dateOf(q.Answered)
	}
	w.Due = scoring.RequestDue(cal, limits, requestOf(q), asOf)
	if asOf > w.Due {
		w.Late = cal.WorkingDaysLate(w.Due, asOf)
	}
	if q.Channel == scoring.ChannelOnline {
		w.ForwardDue = scoring.ForwardDue(limits, scoring.DateOf(q.Received))
		w.ForwardLate = q.Forwarded == nil && today > w.ForwardDue || q.Forwarded != nil && dateOf(q.Forwarded) > w.ForwardDue
	}
	if st.WaitingCorrection {
		w.CorrectionDue = scoring.CorrectionDue(cal, dateOf(q.CorrectionStart))
	}
	if st.WaitingThirdParty {
		w.ThirdPartyDue = scoring.ThirdPartyDue(cal, dateOf(q.PauseStart))
	}
	w.UnapprovedExtension = q.Extended && !st.ExtensionApproved
	for _, s := range w.Steps {
		w.UnitLate = w.UnitLate || s.Kind == StepTransferAnswer && s.Date() > w.Due
	}
	w.FeeWarnings = reports.FeeWarnings(q.Result, q.Answer, q.Fee, q.FeeBasis)
}

// allowed sets the steps v may take now; the Store checks them again.
func (w *Work) allowed(v models.Viewer, st state) {
	q := &w.Request
	w.CanWork = v.MayForDepartment(models.ActWorkRequests, q.DepartmentID) == nil
	w.CanDecideExtension = v.MayForDepartment(models.ActApproveExtension, q.DepartmentID) == nil && st.ExtensionPending && !st.Answered
	w.CanTransferAnswer = st.TransferPending && !st.Answered && v.MayForDepartment(models.ActWorkRequests, st.TransferUnitID) == nil
	if !w.CanWork || st.Answered {
		return
	}
	w.CanCorrection = q.CorrectionStart == nil
	w.CanCorrected = st.WaitingCorrection
	w.CanAbandon = st.WaitingCorrection && !w.CorrectionDue.IsZero()
	w.CanConsult = q.PauseStart == nil && !st.WaitingCorrection
	w.CanReply = st.WaitingThirdParty
	w.CanNoReply = st.WaitingThirdParty
	w.CanAskExtension = !st.ExtensionAsked
	w.CanTransfer = !st.TransferPending
	w.CanAnswer = !st.WaitingCorrection && !st.WaitingThirdParty && !st.ExtensionPending && !st.TransferPending
}

// requestOf is a request as the scoring clock reads it.
func requestOf(q *models.Request) scoring.Request {
	return scoring.Request{ID: q.ID, Dept: q.DepartmentID, No: q.RequestNo, Received: scoring.DateOf(q.Received), Extended: q.Extended,
		PauseStart: dateOf(q.PauseStart), PauseEnd: dateOf(q.PauseEnd), CorrectionStart: dateOf(q.CorrectionStart), CorrectionEnd: dateOf(q.CorrectionEnd),
		Answered: dateOf(q.Answered), Online: q.Channel == scoring.ChannelOnline, Forwarded: dateOf(q.Forwarded)}
}

// statutory are seed 004 art. 24's limits, used when no scheme is approved.
var statutory = scoring.TimeLimits{Request: 15, Extension: 15}

// limits are the current scheme's time limits, or the statutory ones.
func (s *Store) limits(ctx context.Context) (scoring.TimeLimits, error) {
	sch, err := s.CurrentScheme(ctx)
	if err != nil {
		return scoring.TimeLimits{}, fmt.Errorf("read scheme: %w", err)
	}
	if sch == nil {
		return statutory, nil
	}
	return sch.TimeLimits, nil
}

// chineseDate is a date as a letter writes it.
func chineseDate(d scoring.Date) string { return documents.ChineseDate(d) }

// Letter reads one letter of a request for v: a 404 for a request v may
// not read, or a document that is not one of its letters.
func (s *Store) Letter(ctx context.Context, v models.Viewer, id, docID uint) (*documents.Document, []documents.Document, error) {
	var q models.Request
	if err := s.DB.WithContext(ctx).First(&q, id).Error; err != nil {
		return nil, nil, models.NotFound(err, "read request")
	}
	steps, err := stepsOf(s.DB.WithContext(ctx), id)
	if err != nil {
		return nil, nil, err
	}
	unit := receivingUnit(v, steps)
	if !v.CanSeeDepartment(q.DepartmentID) && unit == 0 {
		return nil, nil, models.ErrNotFound
	}
	all, err := s.Letters(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if !v.CanSeeDepartment(q.DepartmentID) {
		w := &Work{Steps: steps, Letters: all}
		w.forUnit(unit)
		all = w.Letters
	}
	if !slices.ContainsFunc(all, func(d documents.Document) bool { return d.ID == docID }) {
		return nil, nil, models.ErrNotFound
	}
	d, err := documents.Get(ctx, s.DB, docID)
	if err != nil {
		return nil, nil, err
	}
	return d, all, nil
}
