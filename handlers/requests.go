package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// requestURL is a request's page (requests.URL).
func requestURL(id uint) string { return requests.URL(id) }

// requestRegisterForm is a request as the clerk types it.
type requestRegisterForm struct {
	Kind, No, Received, Channel, Forwarded, Applicant string
	Name, IDNo, Contact, Content, Delivery            string
}

// Validate needs the date, the channel, the applicant and the content;
// the Store checks the rest (a telephone enquiry, an online request's
// forwarding date).
func (f requestRegisterForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("received", f.Received, true)
	errs.Date("forwarded", f.Forwarded, false)
	if f.Channel == "" {
		errs.Add("channel", "form.choose")
	}
	if f.Applicant == "" {
		errs.Add("applicant", "form.choose")
	}
	errs.Text("no", f.No, requests.MaxNo, false)
	errs.Text("name", f.Name, requests.MaxName, true)
	errs.Text("id_no", f.IDNo, requests.MaxIDNo, false)
	errs.Text("contact", f.Contact, requests.MaxContact, false)
	errs.Text("content", f.Content, models.MaxText, true)
	return errs
}

// requestNew is GET /requests/new: the registration form.
func (s *Server) requestNew(c *fiber.Ctx) error {
	return s.requestNewPage(c, fiber.Map{"Form": requestRegisterForm{Received: scoring.DateOf(s.opt.Now()).String()}})
}

func (s *Server) requestNewPage(c *fiber.Ctx, data fiber.Map) error {
	data["Channels"], data["ApplicantTypes"], data["DeliveryForms"] = requests.Channels, reports.ApplicantTypes, requests.DeliveryForms
	return s.page(c, "requests_new", "requests.new.title", data)
}

// registerRequest is POST /requests/new: registers a request of the
// viewer's department and goes to its page.
func (s *Server) registerRequest(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := requestRegisterForm{Kind: c.FormValue("kind"), No: strings.TrimSpace(c.FormValue("no")), Received: strings.TrimSpace(c.FormValue("received")),
		Channel: c.FormValue("channel"), Forwarded: strings.TrimSpace(c.FormValue("forwarded")), Applicant: c.FormValue("applicant"),
		Name: strings.TrimSpace(c.FormValue("name")), IDNo: strings.TrimSpace(c.FormValue("id_no")), Contact: strings.TrimSpace(c.FormValue("contact")),
		Content: strings.TrimSpace(c.FormValue("content")), Delivery: c.FormValue("delivery")}
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.requestNewPage(c, data)
	}
	kind := models.RequestKindDisclosure
	if f.Kind == "correction" {
		kind = models.RequestKindCorrection
	}
	q, err := requests.New(s.store).Register(c.UserContext(), v, requests.Registration{Department: v.DepartmentID, No: f.No, Kind: kind,
		Received: formDate(f.Received), Channel: f.Channel, Forwarded: formDate(f.Forwarded), Applicant: f.Applicant,
		Name: f.Name, IDNo: f.IDNo, Contact: f.Contact, Content: f.Content, DeliveryWanted: f.Delivery}, scoring.DateOf(s.opt.Now()))
	if refused(c, err, f, data, "no", "received", "channel", "forwarded", "applicant", "name", "id_no", "contact", "content", "delivery", "kind") {
		return s.requestNewPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "requests.registered", q.RequestNo), requestURL(q.ID))
}

// requestWork is GET /requests/:id: the request, its steps, clocks and
// letters, and the forms of the steps allowed now.
func (s *Server) requestWork(c *fiber.Ctx) error { return s.requestPage(c, fiber.Map{}) }

// requestPage is a request's page; data carries a rejected form, named
// as its handler says ("correction", "answer", …), as typed.
func (s *Server) requestPage(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	rs := requests.New(s.store)
	w, err := rs.Get(ctx, v, id, today)
	if err != nil {
		return err
	}
	data["Work"], data["Today"] = w, today.String()
	// A form refused because the request moved on (a double submit) is no
	// longer on the page: its refusal shows above the steps instead.
	shown := map[any]bool{"correction": w.CanCorrection, "corrected": w.CanCorrected, "abandon": w.CanAbandon, "consult": w.CanConsult,
		"reply": w.CanReply, "extension": w.CanAskExtension, "decide": w.CanDecideExtension, "transfer": w.CanTransfer,
		"unit_answer": w.CanTransferAnswer, "answer": w.CanAnswer, "letter": w.CanWork && len(w.Letters) > 0}
	if r, ok := data["Rejected"]; ok && !shown[r] {
		data["Orphan"] = data["Errors"]
	}
	data["AnswerTypes"], data["Results"], data["Exemptions"], data["DeliveryMethods"] = requests.AnswerTypes, reports.ResultCategories(), requests.Exemptions, requests.DeliveryMethods
	if w.CanTransfer {
		units, err := rs.Units(ctx)
		if err != nil {
			return err
		}
		data["Units"] = units
	}
	return s.page(c, "requests_work", "requests.title", data)
}

// requestStep ends a form of a request's page: rejected by its Validate or
// by the Store, the page again with the form as typed; done, back to the
// page with done's message.
func (s *Server) requestStep(c *fiber.Ctx, form string, f validator, done string, fn func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error, fields ...string) error {
	return s.pageStep(c, form, f, s.requestPage, requestURL, func(v models.Viewer, id uint) (string, error) {
		return views.T(lang(c), done), fn(requests.New(s.store), v, id, scoring.DateOf(s.opt.Now()))
	}, fields...)
}

// requestStepForm is a step's date and its text (what to supplement, the reason,
// the part forwarded, the opinion), with the party or unit it concerns and
// a choice (an opinion, a decision).
type requestStepForm struct {
	Date, Note, Party, Choice string
	needNote, needParty       bool
}

// Validate needs the date, and the text and the party when the step does.
func (f requestStepForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("date", f.Date, true)
	errs.Text("note", f.Note, models.MaxText, f.needNote)
	errs.Text("party", f.Party, requests.MaxParty, f.needParty)
	return errs
}

func readStep(c *fiber.Ctx, needNote, needParty bool) requestStepForm {
	return requestStepForm{Date: strings.TrimSpace(c.FormValue("date")), Note: strings.TrimSpace(c.FormValue("note")), Party: strings.TrimSpace(c.FormValue("party")),
		Choice: c.FormValue("choice"), needNote: needNote, needParty: needParty}
}

// requestCorrection is POST /requests/:id/correction: the 补正告知书.
func (s *Server) requestCorrection(c *fiber.Ctx) error {
	f := readStep(c, true, false)
	return s.requestStep(c, "correction", f, "requests.done.correction", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.AskCorrection(c.UserContext(), v, id, formDate(f.Date), f.Note, today)
	}, "date", "note")
}

// requestCorrected is POST /requests/:id/corrected: the correction arrived.
func (s *Server) requestCorrected(c *fiber.Ctx) error {
	f := readStep(c, false, false)
	return s.requestStep(c, "corrected", f, "requests.done.corrected", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.Corrected(c.UserContext(), v, id, formDate(f.Date), today)
	}, "date")
}

// requestAbandon is POST /requests/:id/abandon: closed as 视为放弃.
func (s *Server) requestAbandon(c *fiber.Ctx) error {
	f := readStep(c, false, false)
	return s.requestStep(c, "abandon", f, "requests.done.abandoned", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.Abandon(c.UserContext(), v, id, formDate(f.Date), today)
	}, "date")
}

// requestConsult is POST /requests/:id/consult: the 征求第三方意见书.
func (s *Server) requestConsult(c *fiber.Ctx) error {
	f := readStep(c, true, true)
	return s.requestStep(c, "consult", f, "requests.done.consult", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.Consult(c.UserContext(), v, id, formDate(f.Date), f.Party, f.Note, today)
	}, "date", "note", "party")
}

// requestReply is POST /requests/:id/reply: the third party's opinion, or
// (choice none) that none came in its time.
func (s *Server) requestReply(c *fiber.Ctx) error {
	f := readStep(c, false, false)
	return s.requestStep(c, "reply", f, "requests.done.reply", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		opinion := f.Choice
		if opinion == "none" {
			opinion = ""
		} else if opinion == "" {
			return models.Invalid("choice", "requests.refuse.opinion")
		}
		return rs.ThirdPartyReply(c.UserContext(), v, id, formDate(f.Date), opinion, f.Note, today)
	}, "date", "note", "choice", "opinion")
}

// requestExtension is POST /requests/:id/extension: an extension asked.
func (s *Server) requestExtension(c *fiber.Ctx) error {
	f := readStep(c, true, false)
	return s.requestStep(c, "extension", f, "requests.done.extension", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.AskExtension(c.UserContext(), v, id, formDate(f.Date), f.Note, today)
	}, "date", "note")
}

// requestExtensionDecide is POST /requests/:id/extension/decide: the
// office approves (the 延长答复期限告知书) or refuses.
func (s *Server) requestExtensionDecide(c *fiber.Ctx) error {
	f := readStep(c, c.FormValue("choice") != "approve", false)
	return s.requestStep(c, "decide", f, "requests.done.decided", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.DecideExtension(c.UserContext(), v, id, formDate(f.Date), f.Choice == "approve", f.Note, today)
	}, "date", "note")
}

// requestTransfer is POST /requests/:id/transfer: a part forwarded (转办单).
func (s *Server) requestTransfer(c *fiber.Ctx) error {
	f := readStep(c, true, false)
	return s.requestStep(c, "transfer", f, "requests.done.transfer", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.Transfer(c.UserContext(), v, id, formDate(f.Date), typedID(c.FormValue("unit")), f.Note, today)
	}, "date", "note", "unit")
}

// requestTransferAnswer is POST /requests/:id/transfer/answer: the
// receiving unit's answer.
func (s *Server) requestTransferAnswer(c *fiber.Ctx) error {
	f := readStep(c, true, false)
	return s.requestStep(c, "unit_answer", f, "requests.done.unit_answer", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.TransferAnswered(c.UserContext(), v, id, formDate(f.Date), f.Note, today)
	}, "date", "note")
}

// replyForm is the answer as typed.
type replyForm struct {
	Date, Answer, Result, Exemption, Fee, FeeBasis, Waived, Delivered, Method, Reason string
}

// Validate needs the dates, the answer type and result, and a fee that
// is a number.
func (f replyForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("date", f.Date, true)
	errs.Date("delivered", f.Delivered, true)
	if f.Answer == "" {
		errs.Add("answer", "form.choose")
	}
	if f.Result == "" {
		errs.Add("result", "form.choose")
	}
	if f.Method == "" {
		errs.Add("method", "form.choose")
	}
	if _, err := strconv.ParseFloat(f.feeText(), 64); err != nil {
		errs.Add("fee", "requests.form.fee")
	}
	errs.Text("fee_basis", f.FeeBasis, requests.MaxBasis, false)
	errs.Text("reason", f.Reason, models.MaxText, false)
	return errs
}

func (f replyForm) feeText() string {
	if f.Fee == "" {
		return "0"
	}
	return f.Fee
}

// requestAnswer is POST /requests/:id/answer: the 答复书.
func (s *Server) requestAnswer(c *fiber.Ctx) error {
	f := replyForm{Date: strings.TrimSpace(c.FormValue("date")), Answer: c.FormValue("answer"), Result: c.FormValue("result"), Exemption: c.FormValue("exemption"),
		Fee: strings.TrimSpace(c.FormValue("fee")), FeeBasis: strings.TrimSpace(c.FormValue("fee_basis")), Waived: c.FormValue("waived"),
		Delivered: strings.TrimSpace(c.FormValue("delivered")), Method: c.FormValue("method"), Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.requestStep(c, "answer", f, "requests.done.answer", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		fee, _ := strconv.ParseFloat(f.feeText(), 64)
		return rs.Answer(c.UserContext(), v, id, requests.Reply{On: formDate(f.Date), AnswerType: f.Answer, Result: f.Result, Exemption: f.Exemption,
			Fee: fee, FeeBasis: f.FeeBasis, FeeWaived: f.Waived == "1", Delivered: formDate(f.Delivered), Method: f.Method, DiscloseReason: f.Reason}, today)
	}, "date", "answer", "result", "exemption", "fee", "fee_basis", "delivered", "method", "reason")
}

// requestLetter is GET /requests/:id/letters/:doc: a letter as issued.
func (s *Server) requestLetter(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, all, err := requests.New(s.store).Letter(c.UserContext(), v, id, paramUint(c, "doc"))
	if err != nil {
		return err
	}
	return s.documentPage(c, d, all, requestURL(id), fmt.Sprintf("/requests/%d/letters/%d/docx", id, d.ID),
		func(doc uint) string { return fmt.Sprintf("/requests/%d/letters/%d", id, doc) })
}

// requestLetterDOCX is GET /requests/:id/letters/:doc/docx.
func (s *Server) requestLetterDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, _, err := requests.New(s.store).Letter(c.UserContext(), v, id, paramUint(c, "doc"))
	if err != nil {
		return err
	}
	return sendIssued(c, d)
}

// requestLetters is GET /requests/letters: the office's templates.
func (s *Server) requestLetters(c *fiber.Ctx) error { return s.requestLettersPage(c, fiber.Map{}) }

func (s *Server) requestLettersPage(c *fiber.Ctx, data fiber.Map) error {
	ts, err := requests.New(s.store).Templates(c.UserContext())
	if err != nil {
		return err
	}
	data["Templates"], data["Placeholders"] = ts, requests.Placeholders
	return s.page(c, "requests_letters", "requests.letters.title", data)
}

// letterTemplateForm is a letter's wording as typed.
type letterTemplateForm struct{ Body string }

// Validate needs a body within bounds.
func (f letterTemplateForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("body", f.Body, requests.MaxTemplate, true)
	return errs
}

// saveRequestLetter is POST /requests/letters/:kind: a new version.
func (s *Server) saveRequestLetter(c *fiber.Ctx) error {
	v, _ := viewer(c)
	kind := c.Params("kind")
	if _, ok := requests.LetterOf(kind); !ok {
		return models.ErrNotFound
	}
	f := letterTemplateForm{Body: c.FormValue("body")}
	data := fiber.Map{"Rejected": kind}
	if !validate(c, f, data) {
		return s.requestLettersPage(c, data)
	}
	err := requests.New(s.store).SaveTemplate(c.UserContext(), v, kind, f.Body)
	if refused(c, err, f, data, "body") {
		return s.requestLettersPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "requests.letters.saved"), "/requests/letters")
}

// letterForm is a corrected letter as typed: which letter, the date and
// the corrected body.
type letterForm struct{ Letter, Date, Body string }

// Validate needs the letter, the date and the body.
func (f letterForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Choice("letter", f.Letter)
	errs.Date("date", f.Date, true)
	errs.Text("body", f.Body, models.MaxText, true)
	return errs
}

// requestCorrectLetter is POST /requests/:id/letter: a corrected letter,
// naming the one it corrects.
func (s *Server) requestCorrectLetter(c *fiber.Ctx) error {
	f := letterForm{Letter: c.FormValue("letter"), Date: strings.TrimSpace(c.FormValue("date")), Body: strings.TrimSpace(c.FormValue("body"))}
	return s.requestStep(c, "letter", f, "requests.done.letter", func(rs *requests.Store, v models.Viewer, id uint, today scoring.Date) error {
		return rs.CorrectLetter(c.UserContext(), v, id, typedID(f.Letter), formDate(f.Date), f.Body, today)
	}, "letter", "date", "body")
}
