package handlers

import (
	"bytes"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/publicsite"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// publicTTL bounds how long the public site is served as built: what it
// shows changes with what is issued, posted or imported (the stamp, read on
// every request, rebuilds it at once), and otherwise only with requests
// and complaints worked in the app, which it shows within this long.
const publicTTL = 5 * time.Minute

// publicStampEvery is how often the stamp is read while the site is
// served from memory: at most four small queries a second, whatever the
// traffic, and a change shows within this long on every instance.
const publicStampEvery = 250 * time.Millisecond

// publicMaxAge is what a browser or a proxy may keep a public page.
const publicMaxAge = "public, max-age=60"

// publicCache keeps the public site built once per stamp and each page,
// download and feed rendered once per language: /public and a unit's page
// are served from memory (issue 27: p99 < 50 ms).
type publicCache struct {
	mu    sync.Mutex
	stamp string
	at    time.Time // when the site was built, by the app's clock
	// checked is when the stamp was last read, by the machine's monotonic
	// clock.
	checked time.Time
	site    *publicsite.Site
	pages   map[string][]byte // by path and language
	// building lets one request at a time build the site.
	building sync.Mutex
}

// reset forgets everything: the next request builds the site again. A
// publication or a guide issued on this instance calls it; the stamp
// catches the same changes on every instance.
func (p *publicCache) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stamp, p.site, p.pages = "", nil, nil
}

// fresh is the site while its stamp was read less than publicStampEvery
// ago, nil when the stamp is to be read again.
func (p *publicCache) fresh(now time.Time) *publicsite.Site {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.site == nil || time.Since(p.checked) >= publicStampEvery || now.Sub(p.at) > publicTTL {
		return nil
	}
	return p.site
}

// current is the site built for stamp, nil when it must be built again.
func (p *publicCache) current(stamp string, now time.Time) *publicsite.Site {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.site == nil || p.stamp != stamp || now.Sub(p.at) > publicTTL {
		return nil
	}
	p.checked = time.Now()
	return p.site
}

func (p *publicCache) keep(stamp string, site *publicsite.Site, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stamp, p.site, p.at, p.checked, p.pages = stamp, site, now, time.Now(), map[string][]byte{}
}

func (p *publicCache) page(site *publicsite.Site, key string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.site != site {
		return nil, false
	}
	b, ok := p.pages[key]
	return b, ok
}

func (p *publicCache) putPage(site *publicsite.Site, key string, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.site == site {
		p.pages[key] = b
	}
}

// publicSite is the public site as of now: from memory while its stamp
// holds (read at most every publicStampEvery), else built again (once,
// whoever asks at the same time).
func (s *Server) publicSite(c *fiber.Ctx) (*publicsite.Site, error) {
	now := s.opt.Now()
	if site := s.public.fresh(now); site != nil {
		return site, nil
	}
	ctx := c.UserContext()
	today := scoring.DateOf(now)
	stamp, err := publicsite.Stamp(ctx, s.store, today)
	if err != nil {
		return nil, err
	}
	if site := s.public.current(stamp, now); site != nil {
		return site, nil
	}
	s.public.building.Lock()
	defer s.public.building.Unlock()
	if site := s.public.current(stamp, now); site != nil {
		return site, nil
	}
	site, err := publicsite.Build(ctx, s.store, s.assess, today)
	if err != nil {
		return nil, err
	}
	s.public.keep(stamp, site, now)
	return site, nil
}

// publicSend answers a public GET from memory, rendering it once: no
// session is read, no cookie set, and a browser or proxy may keep it.
func (s *Server) publicSend(c *fiber.Ctx, contentType string, render func(site *publicsite.Site, l views.Lang) ([]byte, error)) error {
	site, err := s.publicSite(c)
	if err != nil {
		return err
	}
	l := views.ParseLang(c.Query("lang"))
	key := c.Path() + "?" + string(l)
	body, ok := s.public.page(site, key)
	if !ok {
		if body, err = render(site, l); err != nil {
			return err
		}
		s.public.putPage(site, key, body)
	}
	c.Set(fiber.HeaderCacheControl, publicMaxAge)
	c.Set(fiber.HeaderContentType, contentType)
	return c.Send(body)
}

// publicData is what every page of the public site's layout needs.
func publicData(l views.Lang, path, titleKey string) fiber.Map {
	q := ""
	if l == views.English {
		q = "?lang=en"
	}
	return fiber.Map{"Lang": l, "Path": path, "Q": q, "Title": views.T(l, titleKey), "MinSample": publicsite.MinSample}
}

// publicPage renders a page of the public site in its layout.
func (s *Server) publicPage(c *fiber.Ctx, name, titleKey string, build func(site *publicsite.Site, l views.Lang, data fiber.Map) error) error {
	path := c.Path()
	return s.publicSend(c, fiber.MIMETextHTMLCharsetUTF8, func(site *publicsite.Site, l views.Lang) ([]byte, error) {
		data := publicData(l, path, titleKey)
		data["Site"] = site
		if err := build(site, l, data); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := s.views.Render(&buf, name, data, "layouts/public"); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
}

// publicOr404 answers a page of the public site that does not exist (no
// such year, unit, report or table) in the site's own layout: 404, with no
// session read and no cookie set, as every answer under /public.
func (s *Server) publicOr404(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		err := h(c)
		if !errors.Is(err, models.ErrNotFound) {
			return err
		}
		var buf bytes.Buffer
		if err := s.views.Render(&buf, "public_notfound", publicData(views.ParseLang(c.Query("lang")), "/public", "error.notfound"), "layouts/public"); err != nil {
			return err
		}
		c.Status(fiber.StatusNotFound)
		c.Set(fiber.HeaderCacheControl, publicMaxAge)
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.Send(buf.Bytes())
	}
}

// publicResults is GET /public: the bureau's page. The newest year's
// grades grouped by grade and its notices, the earlier years, the 通报
// posted, the annual reports issued, the bureau's figures, every unit,
// and the 公开指南 and 公开目录 in force.
func (s *Server) publicResults(c *fiber.Ctx) error {
	return s.publicPage(c, "public", "site.title", func(site *publicsite.Site, _ views.Lang, data fiber.Map) error {
		if len(site.Years) > 0 {
			data["Latest"] = site.Years[0]
			data["Notices"] = noticePages(site.Years[0].Notices)
			data["Earlier"] = site.Years[1:]
		}
		data["Bulletins"] = site.Bulletins[:min(len(site.Bulletins), 5)]
		data["Reports"] = site.Reports
		data["Figures"] = site.Bureau
		guides, err := publicGuides(c, s)
		data["Guides"] = guides
		return err
	})
}

// noticePages are a year's notices with their pages, as issued.
func noticePages(ns []publicsite.Notice) []issued {
	ds := make([]documents.Document, len(ns))
	for i, n := range ns {
		ds[i] = n.Document
	}
	return issuedPages(ds)
}

// publicYear is GET /public/years/:year: a year's grades, grouped, and
// every notice of the year with its 更正, in order.
func (s *Server) publicYear(c *fiber.Ctx) error {
	y, err := strconv.Atoi(c.Params("year"))
	if err != nil {
		return models.ErrNotFound
	}
	return s.publicPage(c, "public_year", "site.year.title", func(site *publicsite.Site, l views.Lang, data fiber.Map) error {
		year, ok := site.YearOf(y)
		if !ok {
			return models.ErrNotFound
		}
		data["Title"] = views.T(l, "public.year", y)
		data["Year"] = year
		data["Notices"] = noticePages(year.Notices)
		data["Last"] = year.Notices[len(year.Notices)-1]
		return nil
	})
}

// publicUnit is GET /public/units/:id: a unit's grades across the years,
// its figures, what it published by the catalog's categories, and its
// annual reports.
func (s *Server) publicUnit(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return models.ErrNotFound
	}
	return s.publicPage(c, "public_unit", "site.unit.title", func(site *publicsite.Site, _ views.Lang, data fiber.Map) error {
		u, ok := site.Unit(id)
		if !ok {
			return models.ErrNotFound
		}
		data["Title"] = u.Name
		data["Unit"] = u
		data["Grades"] = site.Grades[id]
		data["Figures"] = site.Figures[id]
		data["Reports"] = site.ReportsOf(id)
		return nil
	})
}

// publicBulletins is GET /public/bulletins: every 通报 posted, newest first.
func (s *Server) publicBulletins(c *fiber.Ctx) error {
	return s.publicPage(c, "public_bulletins", "site.bulletins", func(site *publicsite.Site, _ views.Lang, data fiber.Map) error {
		data["Bulletins"] = site.Bulletins
		return nil
	})
}

// publicReport is GET /public/reports/:id: an annual report as issued.
func (s *Server) publicReport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return models.ErrNotFound
	}
	return s.publicPage(c, "public_report", "site.reports", func(site *publicsite.Site, _ views.Lang, data fiber.Map) error {
		if _, ok := site.Report(id); !ok {
			return models.ErrNotFound
		}
		d, err := documents.Get(c.UserContext(), s.store.DB, id)
		if err != nil {
			return err
		}
		data["Title"] = d.Title
		data["Doc"] = issuedPages([]documents.Document{*d})[0]
		return nil
	})
}
