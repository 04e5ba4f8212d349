package handlers

import (
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/views"
)

// mineKey names what is kept of one account's inbox at a stamp: its
// unread count, its e-mail settings rendered.
type mineKey struct {
	User  uint
	Stamp notify.Stamp
}

// settingsOf names an account's e-mail settings rendered at a stamp.
type settingsOf mineKey

// accountsKept bounds the accounts whose unread count is kept, and the
// signed-in accounts kept; past it a cache starts over.
const accountsKept = 4096

// unread is the header's count of the viewer's unread notifications, kept
// until a notification is sent or read; a failed count shows none rather
// than failing the page, and more than notify.UnreadShown show as "99+".
func (s *Server) unread(c *fiber.Ctx, v models.Viewer) string {
	ctx := c.UserContext()
	room := notify.New(s.store)
	stamp, err := room.StampOf(ctx)
	var n int64
	if err == nil {
		n, err = s.unreads.Get(mineKey{v.UserID, stamp}, func() (int64, error) { return room.Unread(ctx, v) })
	}
	if err != nil {
		s.opt.Log.Warn("count unread notifications", "err", err)
		return ""
	}
	switch {
	case n == 0:
		return ""
	case n > notify.UnreadShown:
		return strconv.Itoa(notify.UnreadShown) + "+"
	}
	return strconv.FormatInt(n, 10)
}

// inbox is GET /inbox: the viewer's notifications, newest first (?unread=1:
// the unread only), a page at a time, and their e-mail settings.
func (s *Server) inbox(c *fiber.Ctx) error { return s.showInbox(c, fiber.Map{}) }

// inboxKey identifies a page of an inbox: its account, the filter, the
// page and where the inbox stands (notify.Stamp: a notification arriving
// or one marked read moves it).
type inboxKey struct {
	User   uint
	Unread bool
	Page   int
	Stamp  notify.Stamp
}

// inboxRows bounds the notifications the kept pages hold in all.
const inboxRows = 20_000

func (s *Server) showInbox(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	room := notify.New(s.store)
	only := c.Query("unread") == "1"
	stamp, err := room.StampOf(ctx)
	if err != nil {
		return err
	}
	key := inboxKey{User: v.UserID, Unread: only, Page: max(queryInt(c, "page", 1), 1), Stamp: stamp}
	in, err := s.inboxes.GetSized(key, func() (*notify.InboxPage, int, error) {
		in, err := room.Inbox(ctx, v, only, key.Page)
		if err != nil {
			return nil, 0, err
		}
		return in, len(in.Rows), nil
	})
	if err != nil {
		return err
	}
	settings := func(part fiber.Map) error {
		part["Modes"] = notify.Modes
		if form, typed := data["Form"]; typed {
			part["Form"], part["Errors"] = form, data["Errors"]
			return nil
		}
		st, err := room.SettingsOf(ctx, v)
		part["Form"] = mailSettingsForm{Email: st.Email, Mode: st.Mode}
		return err
	}
	if _, typed := data["Form"]; typed { // as typed, with its errors: not kept
		part := fiber.Map{"Lang": lang(c)}
		if err := settings(part); err != nil {
			return err
		}
		data["Settings"], err = s.renderPart("partials/mail_settings", part)
	} else {
		data["Settings"], err = s.rendered(c, settingsOf{v.UserID, stamp}, 0, "partials/mail_settings", settings)
	}
	if err != nil {
		return err
	}
	if len(in.Rows) > 0 {
		if data["Rows"], err = s.rendered(c, key, in.Page, "partials/inbox_rows", func(rows fiber.Map) error {
			rows["Rows"] = in.Rows
			return nil
		}); err != nil {
			return err
		}
	}
	data["Inbox"], data["OnlyUnread"] = in, only
	data["Prev"], data["Next"] = pageLink("/inbox", c, in.Page-1, in.Pages), pageLink("/inbox", c, in.Page+1, in.Pages)
	return s.page(c, "notify_inbox", "notify.title", data)
}

// readNotification is POST /inbox/:id/read: marks it read and goes where its
// work is done.
func (s *Server) readNotification(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	link, err := notify.New(s.store).MarkRead(c.UserContext(), v, id, s.opt.Now())
	if err != nil {
		return err
	}
	if !isLocalPath(link) {
		link = "/inbox"
	}
	return c.Redirect(link, fiber.StatusSeeOther)
}

// readAll is POST /inbox/read: marks every notification of the viewer read.
func (s *Server) readAll(c *fiber.Ctx) error {
	v, _ := viewer(c)
	if _, err := notify.New(s.store).MarkRead(c.UserContext(), v, 0, s.opt.Now()); err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "notify.all_read"), "/inbox")
}

// mailSettingsForm is the viewer's e-mail address and how notifications
// reach it.
type mailSettingsForm struct {
	Email, Mode string
}

// Validate checks the lengths; the Store checks the address and the mode.
func (f mailSettingsForm) Validate() FieldErrors {
	e := FieldErrors{}
	e.Text("email", f.Email, 254, false)
	return e
}

// saveMailSettings is POST /inbox/settings.
func (s *Server) saveMailSettings(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := mailSettingsForm{Email: c.FormValue("email"), Mode: c.FormValue("mode")}
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.showInbox(c, data)
	}
	err := notify.New(s.store).SaveSettings(c.UserContext(), v, f.Email, f.Mode, s.opt.Now())
	if refused(c, err, f, data, "email", "mode") {
		return s.showInbox(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "notify.settings_saved"), "/inbox")
}

// mailTroubles is GET /inbox/mail: the e-mails that failed, for the office.
func (s *Server) mailTroubles(c *fiber.Ctx) error {
	v, _ := viewer(c)
	ms, err := notify.New(s.store).Troubles(c.UserContext(), v)
	if err != nil {
		return err
	}
	return s.page(c, "notify_mail", "notify.mail.title", fiber.Map{"Mails": ms})
}

// remindForm is the office's 催办: the units chosen and a note.
type remindForm struct {
	Depts []uint
	Note  string
}

// Validate wants a unit and a note of reasonable length.
func (f remindForm) Validate() FieldErrors {
	e := FieldErrors{}
	if len(f.Depts) == 0 {
		e.Add("dept", "notify.refuse.no_units")
	}
	e.Text("note", f.Note, 500, false)
	return e
}

// remindUnits is POST /assessment/:id/remind: 催办 to the units chosen.
func (s *Server) remindUnits(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, err := pathID(c)
	if err != nil {
		return err
	}
	f := remindForm{Note: c.FormValue("note")}
	args := c.Request().PostArgs().PeekMulti("dept")
	if len(args) > 500 {
		return models.Invalid("department", "notify.refuse.no_units")
	}
	for _, a := range args {
		id, err := strconv.ParseUint(string(a), 10, 32)
		if err != nil || id == 0 {
			return models.ErrNotFound
		}
		f.Depts = append(f.Depts, uint(id))
	}
	data := fiber.Map{"Rejected": "remind"}
	if !validate(c, f, data) {
		return s.showPlan(c, data)
	}
	err = s.assess.Remind(c.UserContext(), v, plan, f.Depts, f.Note, s.opt.Now())
	if refused(c, err, f, data, "note") {
		return s.showPlan(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "notify.reminded", len(f.Depts)), fmt.Sprintf("/assessment/%d#reminders", plan))
}

// planReminders adds to the plan's page the reminders (催办) sent and who
// read them, for the bureau-wide roles.
func (s *Server) planReminders(c *fiber.Ctx, v models.Viewer, plan uint, data fiber.Map) error {
	if !v.CanReadAssessments() {
		return nil
	}
	rs, err := s.assess.Reminders(c.UserContext(), v, plan)
	data["Reminders"] = rs
	return err
}
