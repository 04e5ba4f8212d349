package handlers_test

import (
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
)

// faultProxy stands between the app and MariaDB: it passes traffic,
// freezes it (connections stay open, nothing answers), or refuses it
// (every connection is cut and new ones are closed at once).
type faultProxy struct {
	ln       net.Listener
	upstream string
	mu       sync.Mutex
	mode     string // pass, freeze, refuse
	changed  *sync.Cond
	conns    map[net.Conn]bool
}

func newFaultProxy(t *testing.T, upstream string) *faultProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	modelstest.Must(t, err)
	p := &faultProxy{ln: ln, upstream: upstream, mode: "pass", conns: map[net.Conn]bool{}}
	p.changed = sync.NewCond(&p.mu)
	go p.serve()
	t.Cleanup(func() { p.set("refuse"); ln.Close() })
	return p
}

func (p *faultProxy) set(mode string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mode = mode
	if mode == "refuse" {
		for c := range p.conns {
			c.Close()
		}
	}
	p.changed.Broadcast()
}

func (p *faultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refuse := p.mode == "refuse"
		p.mu.Unlock()
		if refuse {
			c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.upstream)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[up] = true, true
		p.mu.Unlock()
		go p.pipe(c, up)
		go p.pipe(up, c)
	}
}

// pipe copies from src to dst, holding each chunk while frozen.
func (p *faultProxy) pipe(src, dst net.Conn) {
	defer src.Close()
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		p.mu.Lock()
		for p.mode == "freeze" {
			p.changed.Wait()
		}
		p.mu.Unlock()
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				return
			}
			return
		}
	}
}

// behindFaultProxy is a bureau on a fresh MariaDB database whose app
// reaches it through a fault proxy, each request bounded by bound.
func behindFaultProxy(t *testing.T, bound time.Duration) (*bureau, *faultProxy) {
	t.Helper()
	direct := modelstest.FreshDSN(t, "mysql")
	setup, err := models.Open(direct, nil)
	modelstest.Must(t, err)
	t.Cleanup(func() { setup.Close() })
	modelstest.Must(t, migrations.Run(t.Context(), setup))
	b := newBureau(t, setup)

	u, err := url.Parse(direct)
	modelstest.Must(t, err)
	proxy := newFaultProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	s, err := models.Open(u.String(), nil)
	modelstest.Must(t, err)
	t.Cleanup(func() { s.Close() })
	b.app = handlers.New(s, handlers.Options{Now: b.clock.Now, RequestTimeout: bound})
	return b, proxy
}

// A frozen database answers every page with 503 and a Chinese message once
// the request's deadline passes, /healthz says so promptly; a refused one
// the same; when the database is back, pages work again without a restart.
func TestFrozenAndRefusedDatabase(t *testing.T) {
	t.Parallel()
	b, proxy := behindFaultProxy(t, time.Second)
	c := b.client(t)
	c.signIn("office", testPassword)
	check := func(state string, wantPage, wantHealth int) {
		t.Helper()
		resp, body := c.get("/departments")
		if resp.StatusCode != wantPage || (wantPage == 503 && (!strings.Contains(body, "数据库暂时无法访问或繁忙") || resp.Header.Get("Retry-After") == "")) {
			t.Errorf("%s: /departments %d %.200q", state, resp.StatusCode, body)
		}
		if resp, _ := c.get("/healthz"); resp.StatusCode != wantHealth {
			t.Errorf("%s: /healthz %d", state, resp.StatusCode)
		}
	}
	check("up", 200, 200)
	proxy.set("freeze")
	check("frozen", 503, 503)
	proxy.set("refuse")
	check("refused", 503, 503)
	proxy.set("pass")
	check("back", 200, 200)
}

// On SQLite, while another writer holds the database (a long import),
// signing in answers 503 with a Chinese message, not 500 "database is
// locked"; once the writer is done it works again.
func TestBusySQLiteAnswers503(t *testing.T) {
	t.Parallel()
	stores := modelstest.Instances(t, "sqlite", 2)
	s, other := stores[0], stores[1]
	b := newBureau(t, s)
	b.app = handlers.New(s, handlers.Options{Now: b.clock.Now, RequestTimeout: time.Second})
	c := b.client(t)
	tok := c.token("/login")

	sqlDB, err := other.DB.DB()
	modelstest.Must(t, err)
	writer, err := sqlDB.Conn(t.Context())
	modelstest.Must(t, err)
	defer writer.Close()
	_, err = writer.ExecContext(t.Context(), "BEGIN IMMEDIATE")
	modelstest.Must(t, err)

	resp, body := c.post("/login", url.Values{"_csrf": {tok}, "username": {"office"}, "password": {testPassword}})
	if resp.StatusCode != 503 || !strings.Contains(body, "数据库暂时无法访问或繁忙") {
		t.Errorf("sign-in while the database is held: %d %.300q", resp.StatusCode, body)
	}
	_, err = writer.ExecContext(t.Context(), "ROLLBACK")
	modelstest.Must(t, err)
	if resp := c.signIn("office", testPassword); resp.StatusCode != 303 {
		t.Errorf("sign-in once free: %d", resp.StatusCode)
	}
}

// With the database frozen, a signed-in page answers 503 after one wait of
// the request's bound, not one for the session and another for the page.
func TestFrozenDatabaseWaitsOnce(t *testing.T) {
	t.Parallel()
	const bound = 2 * time.Second
	b, proxy := behindFaultProxy(t, bound)
	c := b.client(t)
	c.signIn("office", testPassword)
	proxy.set("freeze")
	defer proxy.set("pass")
	for _, path := range []string{"/departments", "/"} {
		start := time.Now()
		resp, body := c.get(path)
		took := time.Since(start)
		t.Logf("%s: %d after %s", path, resp.StatusCode, took)
		if resp.StatusCode != 503 || !strings.Contains(body, "数据库暂时无法访问或繁忙") {
			t.Errorf("%s frozen: %d %.200q", path, resp.StatusCode, body)
		}
		if took < bound || took > bound+bound/2 {
			t.Errorf("%s frozen: answered after %s, want one wait of %s", path, took, bound)
		}
	}
}
