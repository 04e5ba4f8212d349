package handlers

import (
	"bytes"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/views"
)

// publicTTL is how long a rendered public page is served from memory; a
// publication or an approved re-opening on this instance clears it at once.
const publicTTL = time.Minute

// publicCache keeps the rendered public page per language.
type publicCache struct {
	mu    sync.Mutex
	pages map[views.Lang]publicPage
}

type publicPage struct {
	body []byte
	at   time.Time
}

func (p *publicCache) get(l views.Lang, now time.Time) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pg, ok := p.pages[l]
	if !ok || now.Sub(pg.at) > publicTTL {
		return nil, false
	}
	return pg.body, true
}

func (p *publicCache) put(l views.Lang, body []byte, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pages == nil {
		p.pages = map[views.Lang]publicPage{}
	}
	p.pages[l] = publicPage{body, now}
}

func (p *publicCache) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages = nil
}

// publicYear is a year's results notices on the public page, newest first:
// the notice and each 更正, every one with its own date.
type publicYear struct {
	Year    int
	Notices []issued
}

// publicYears groups the notices issued by the year assessed.
func publicYears(ns []assessment.PublishedNotice) []publicYear {
	var out []publicYear
	for _, n := range ns {
		d := issuedPages([]documents.Document{n.Document})[0]
		if last := len(out) - 1; last >= 0 && out[last].Year == n.Assessed {
			out[last].Notices = append(out[last].Notices, d)
			continue
		}
		out = append(out, publicYear{Year: n.Assessed, Notices: []issued{d}})
	}
	return out
}

// publicResults is GET /public: the published results notices, per year,
// for anyone, without a session: each assessed department's grade, the
// units and persons commended, and the notice itself. It reads no session,
// sets no cookie, shows no form and links nowhere inside the app.
func (s *Server) publicResults(c *fiber.Ctx) error {
	l := views.ParseLang(c.Query("lang"))
	now := s.opt.Now()
	body, ok := s.public.get(l, now)
	if !ok {
		notices, err := s.assess.Published(c.UserContext())
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		data := fiber.Map{"Lang": l, "Title": views.T(l, "public.title"), "Years": publicYears(notices)}
		if data["Guides"], err = publicGuides(c, s); err != nil {
			return err
		}
		if err := s.views.Render(&buf, "public", data, "layouts/public"); err != nil {
			return err
		}
		body = buf.Bytes()
		s.public.put(l, body, now)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=60")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(body)
}
