// Package handlers is the web layer: routes, middleware (session, CSRF,
// roles), one file per area, and the forms with their validation. Handlers
// are thin: the Store checks who may read what.
package handlers

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// Options configure the web application.
type Options struct {
	// Cookie says when the session cookie is __Host-…, Secure; by default
	// whenever the request came by HTTPS.
	Cookie CookieMode
	// TrustedProxies are the addresses of reverse proxies whose X-Real-IP
	// header names the client (sign-in throttling counts per address).
	TrustedProxies []string
	// DemoUsers are shown on the sign-in page in demo mode only.
	DemoUsers []DemoUser
	// Now is the clock; tests move it to check the sign-in slow-down.
	Now func() time.Time
	Log *slog.Logger
	// RequestTimeout bounds the queries of a request, its session's
	// included; default models.QueryTimeout.
	RequestTimeout time.Duration
	// Background ends the background imports when it is done (SIGTERM):
	// each is rolled back and its run marked failed with context.Cause.
	// Default: never.
	Background context.Context
	// Imports, when set, counts the background imports, so that the caller
	// can wait for them to end on shutdown.
	Imports *sync.WaitGroup
}

// DemoUser is a demo sign-in printed on the sign-in page.
type DemoUser struct {
	Role     models.Role
	Username string
	Password string
}

// Server holds what the handlers share.
type Server struct {
	store     *models.Store
	cases     *accountability.Store
	sessions  sessionStores
	importer  *ingest.Importer
	puller    *ingest.Puller
	views     pageViews
	overviews *cache.Cache[overviewKey, *overviewView]
	flagsOpen *cache.Cache[flagsKey, int]
	rankings  *cache.Cache[scoresKey, *scoresView]
	avgs      *cache.Cache[uint, []float64] // by run
	sections  *cache.Cache[departmentKey, departmentSection]
	deptViews *cache.Cache[departmentViewKey, *departmentView]
	ledgers   *cache.Cache[requestLedgerKey, *keptLedger]
	pubLists  *cache.Cache[publicationsKey, *publicationsList]
	inboxes   *cache.Cache[inboxKey, *notify.InboxPage]
	unreads   *cache.Cache[mineKey, int64]
	accounts  *cache.Cache[accountKey, *models.User]
	renders   *cache.Cache[renderedKey, template.HTML]
	assess    *assessment.Store
	public    publicCache
	opt       Options
	routing   *router         // the routes' properties, read by limitBody and deadline
	runner    *imports.Runner // the background imports
}

// PullTimeout bounds one pull of a registered source.
const PullTimeout = 2 * time.Minute

// New builds the Fiber application with every route.
func New(store *models.Store, opt Options) *fiber.App {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = models.QueryTimeout
	}
	im := ingest.New(store)
	assess := assessment.New(store)
	runner := imports.NewRunner(imports.Config{Store: imports.New(store), Importer: im, Background: opt.Background, Running: opt.Imports, Log: opt.Log, Now: opt.Now})
	s := &Server{store: store, opt: opt, sessions: newSessions(store, opt.Cookie, opt.RequestTimeout), importer: im, puller: ingest.NewPuller(im, PullTimeout, opt.Log), assess: assess, cases: accountability.New(store, assess), runner: runner,
		overviews: cache.New[overviewKey, *overviewView](16), flagsOpen: cache.New[flagsKey, int](64), rankings: cache.New[scoresKey, *scoresView](16),
		avgs: cache.New[uint, []float64](32), sections: cache.New[departmentKey, departmentSection](departmentSections),
		deptViews: cache.New[departmentViewKey, *departmentView](departmentSections),
		ledgers:   cache.New[requestLedgerKey, *keptLedger](requestLedgerRows), pubLists: cache.New[publicationsKey, *publicationsList](publicationIDs),
		inboxes: cache.New[inboxKey, *notify.InboxPage](inboxRows), unreads: cache.New[mineKey, int64](accountsKept), accounts: cache.New[accountKey, *models.User](accountsKept), renders: cache.New[renderedKey, template.HTML](renderedBytes)}
	s.views = newEngine(s.schemeTitle)
	app := fiber.New(fiber.Config{
		AppName:      "gongkai",
		Views:        s.views,
		ViewsLayout:  "layouts/main",
		ErrorHandler: s.errorHandler,
		// Bodies are streamed and bounded per route by limitBody before
		// they are read; multipart files are spooled to temporary files.
		BodyLimit:                    UploadBodyLimit,
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		DisableStartupMessage:        true,
		ReadTimeout:                  5 * time.Minute,
		UnescapePath:                 true, // scheme versions may be Chinese
		// A value read from a request (a cookie, a query parameter) is a
		// copy, not a view of a buffer the next request reuses: the caches
		// keep such values in their keys (a session's id, a ledger's
		// filter), where a view would come to name another request's.
		Immutable: true,
		// Only a listed proxy is believed about the client's address and
		// protocol (X-Real-IP, X-Forwarded-Proto); with none listed, nobody
		// is (fiber believes everyone when the check is off).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          opt.TrustedProxies,
		ProxyHeader:             proxyHeader(opt.TrustedProxies),
	})
	s.routes(app)
	return app
}

func proxyHeader(trusted []string) string {
	if len(trusted) == 0 {
		return ""
	}
	return "X-Real-IP"
}

// newEngine loads the embedded templates with the helpers they use;
// schemeTitle names a scheme by its version.
func newEngine(schemeTitle func(version string) string) pageViews {
	engine := html.NewFileSystem(http.FS(views.Templates()), ".html")
	engine.AddFuncMap(template.FuncMap{
		"schemeTitle": schemeTitle,
		"t": func(lang any, key string, args ...any) string {
			l, _ := lang.(views.Lang)
			return views.T(l, key, args...)
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict wants key, value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"date": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				return v.Format(time.DateOnly)
			case *time.Time:
				if v != nil {
					return v.Format(time.DateOnly)
				}
			}
			return ""
		},
		"datetime":    func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") },
		"deptName":    func(names map[uint]string, id uint) string { return names[id] },
		"round2":      func(r *big.Rat) string { return scoring.Round2(r) },
		"explain":     func(d scoring.Deduction, l views.Lang) string { return views.Word(l, d.Message()) },
		"word":        func(m views.Keyed, l views.Lang) string { return views.Word(l, m) },
		"indName":     func(name, nameEN string, l views.Lang) string { return indicatorName(l, name, nameEN) },
		"period":      func(p scoring.Period, l views.Lang) string { return views.Word(l, p.Text()) },
		"recordURL":   recordURL,
		"gradeClass":  gradeClass,
		"grade":       gradeLabel,
		"percent":     func(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" },
		"urlPath":     url.PathEscape,
		"evidenceURL": evidenceURL,
		"personName":  personName,
		"fieldError": func(lang any, errs any, field string) string {
			l, _ := lang.(views.Lang)
			e, _ := errs.(FieldErrors)
			return e.Message(l, field)
		},
		"errorsFor":   errorsFor,
		"formFor":     formFor,
		"who":         func(name string, l views.Lang) string { return who(l, name) },
		"label":       label,
		"kindTitle":   func(kind string, l views.Lang) string { return ingest.Kind(kind).Title(l) },
		"fileSize":    i18n.FileSize,
		"seconds":     func(d time.Duration, l views.Lang) string { return views.T(l, "unit.seconds", d.Seconds()) },
		"unitOptions": unitOptions,
	})
	if err := engine.Load(); err != nil {
		panic(err) // the templates are embedded at build time: one that does not parse is a build bug
	}
	return pageViews{engine}
}

// who names the author of a change: a person's name, or 系统 for the
// app's own work (start-up, the demo, the command line).
func who(l views.Lang, name string) string {
	if name == models.System.Name {
		return views.T(l, "who.system")
	}
	return name
}

// label is a code's words: the message prefix+code (the prefix ends with
// its dot: "import.from."), or the code itself where the catalog has none
// (a value typed by a user).
func label(l views.Lang, prefix, code string) string {
	if key := prefix + code; views.HasMessage(l, key) {
		return views.T(l, key)
	}
	return code
}

// recordURL links a deduction to the record behind it; "" when there is none.
func recordURL(r scoring.RecordRef) string {
	switch {
	case r.Kind == scoring.RecordItem && r.Seq > 0:
		return "/catalog#item-" + strconv.Itoa(r.Seq)
	case r.Kind != "" && r.ID > 0:
		return "/records/" + string(r.Kind) + "/" + strconv.FormatUint(uint64(r.ID), 10)
	}
	return ""
}

// gradeLabel names a grade in the reader's language (优秀 reads Excellent
// on an English page); anything else is shown as it is.
func gradeLabel(g string, l views.Lang) string {
	switch scoring.Grade(g) {
	case scoring.GradeExcellent:
		return views.T(l, "grade.excellent")
	case scoring.GradePass:
		return views.T(l, "grade.pass")
	case scoring.GradeBasicPass:
		return views.T(l, "grade.basic_pass")
	case scoring.GradeFail:
		return views.T(l, "grade.fail")
	}
	return g
}

// gradeClass is the CSS class that colours a grade.
func gradeClass(g string) string {
	switch scoring.Grade(g) {
	case scoring.GradeExcellent:
		return "g-excellent"
	case scoring.GradePass:
		return "g-pass"
	case scoring.GradeBasicPass:
		return "g-basic"
	}
	return "g-fail"
}
