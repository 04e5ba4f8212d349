// Command gongkai-load measures a page under load: it generates a province
// year (seed.WriteProvince: 3,000 units and 1,000,000 publications by
// default), loads it into a fresh database through the import path,
// computes the year's scores, serves the app on a loopback port, signs in as
// the office and sends requests from many clients at once, then prints
// latency percentiles.
//
//	go run ./cmd/gongkai-load                       # SQLite in a temporary folder
//	go run ./cmd/gongkai-load -db mysql://root@127.0.0.1:3306/gk_load -clients 50 -requests 5000
//	go run ./cmd/gongkai-load -units 300 -publications 100000 -path /scores
//	go run ./cmd/gongkai-load -db sqlite:/tmp/p.db -reuse -path /scores   # a province loaded before
//	go run ./cmd/gongkai-load -units 100 -publications 20000 -mixed -duration 20s   # 50 people of every role, 20% form posts
//
// Traffic goes to 127.0.0.1 only, is bounded by -requests and -timeout, and
// the command stops by itself.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

func main() {
	province := seed.DefaultProvince
	flag.IntVar(&province.Year, "year", seed.ClosedYear(time.Now()), "the generated province's assessment year (default: the last closed year)")
	flag.IntVar(&province.Units, "units", province.Units, "assessed units of the generated province")
	flag.IntVar(&province.Publications, "publications", province.Publications, "publications of its year")
	flag.IntVar(&province.Requests, "requests-in-year", province.Requests, "information requests of its year")
	flag.IntVar(&province.Complaints, "complaints", province.Complaints, "complaints of its year")
	clients := flag.Int("clients", 50, "concurrent clients")
	requests := flag.Int("requests", 5000, "requests in all")
	path := flag.String("path", "/overview", "pages to load, comma-separated, one after the other")
	dsn := flag.String("db", "", "database (default: SQLite in a temporary folder); a MySQL database must exist and be empty")
	reuse := flag.Bool("reuse", false, "the -db database holds a province from an earlier run: measure it as it is")
	timeout := flag.Duration("timeout", 15*time.Minute, "stop after this long whatever happens")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured requests to this file")
	mixed := flag.Bool("mixed", false, "instead of -path: a mixed load of every role, 80% page views and 20% form posts, for -duration")
	duration := flag.Duration("duration", 20*time.Second, "how long a -mixed load runs")
	floorKind := flag.String("floor", "", "instead of a load: time the driver's insert or select floor (floor.go) on -db")
	floorFrom := flag.String("from", "", "the database whose publications -floor insert inserts")
	flag.BoolVar(&worked, "worked", false, "first give the province's records their work in the app: publication works and an office inbox of 100,000 notifications")
	flag.Parse()
	if *floorKind != "" {
		if err := floor(context.Background(), *floorKind, *dsn, *floorFrom, province.Year); err != nil {
			fmt.Fprintln(os.Stderr, "gongkai-load:", err)
			os.Exit(1)
		}
		return
	}
	profile = *cpuprofile
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	if *reuse && *dsn == "" {
		fmt.Fprintln(os.Stderr, "gongkai-load: -reuse needs -db")
		os.Exit(2)
	}
	load := func(ctx context.Context, store *models.Store, base string, client *http.Client) error {
		return measurePaths(ctx, client, base, strings.Split(*path, ","), *clients, *requests)
	}
	if *mixed {
		load = func(ctx context.Context, store *models.Store, base string, _ *http.Client) error {
			return mixedLoad(ctx, store, base, *clients, *duration)
		}
	}
	if err := run(ctx, *dsn, *reuse, province, load); err != nil {
		fmt.Fprintln(os.Stderr, "gongkai-load:", err)
		os.Exit(1)
	}
}

// run builds (or reuses) the province, serves the app and runs load on it.
func run(ctx context.Context, dsn string, reuse bool, province seed.ProvinceOptions, load func(ctx context.Context, store *models.Store, base string, office *http.Client) error) error {
	dir, err := os.MkdirTemp("", "gongkai-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if dsn == "" {
		dsn = "sqlite:" + filepath.Join(dir, "load.db")
	}
	store, err := models.Open(dsn, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := migrations.Run(ctx, store); err != nil {
		return err
	}
	if !reuse {
		start := time.Now()
		if err := build(ctx, store, dir, province); err != nil {
			return err
		}
		fmt.Printf("built: %d units, %d publications, year %d scored, in %s\n", province.Units, province.Publications, province.Year, time.Since(start).Round(time.Millisecond))
	}
	office, err := accounts.New(store).CreateUser(ctx, models.System, accounts.NewUser{Username: "office", Name: "办公室", Role: models.RoleOffice, Password: seed.DemoPassword})
	if errors.Is(err, accounts.ErrUsernameTaken) {
		office, err = accounts.New(store).Authenticate(ctx, "office", seed.DemoPassword)
	}
	if err != nil {
		return err
	}
	if worked {
		if err := work(ctx, store, office.ID); err != nil {
			return err
		}
	}

	// Server errors go to stderr: a load that fails says why.
	app := handlers.New(store, handlers.Options{Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = app.Listener(ln) }()
	// The clients' keep-alive connections stay open to the end: without a
	// limit, Shutdown would wait for them for ever.
	defer app.ShutdownWithTimeout(5 * time.Second)
	base := "http://" + ln.Addr().String()

	client, err := signIn(base, "office", seed.DemoPassword)
	if err != nil {
		return err
	}
	err = load(ctx, store, base, client)
	fmt.Printf("peak RSS of the process (server and clients): %s\n", peakRSS())
	return err
}

// measurePaths warms each page, then loads it from many clients at once.
func measurePaths(ctx context.Context, client *http.Client, base string, paths []string, clients, requests int) error {
	for _, p := range paths {
		if err := warm(client, base, p); err != nil {
			return err
		}
	}
	// The clients' connections, and the server's to its database, are
	// opened once, as a running bureau's are: a round of each page from
	// every client at once, not measured.
	for _, p := range paths {
		if _, failed, _ := hammer(ctx, client, base+p, clients, clients); failed > 0 {
			return fmt.Errorf("%s: %d requests of the warm-up failed", p, failed)
		}
	}
	stop, err := startProfile()
	if err != nil {
		return err
	}
	defer stop()
	var failures int64
	for _, p := range paths {
		failures += measure(ctx, client, base, p, clients, requests)
	}
	if failures > 0 {
		return fmt.Errorf("%d requests failed", failures)
	}
	return nil
}

// warm loads one page alone until it is built: the first request may build
// a cache, the cost of a new run or import, not of a page view, so it is
// reported apart and left out of the profile. A page that says it is being
// prepared (it refreshes itself, as the overview of a large bureau does
// while it is built) is asked again, as its reader's browser would.
func warm(client *http.Client, base, path string) error {
	first := time.Now()
	for {
		page, err := pageBody(client, base+path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if !bytes.Contains(page, []byte(`http-equiv="refresh"`)) || time.Since(first) > 10*time.Minute {
			fmt.Printf("%s: first request %s, %d bytes\n", path, time.Since(first).Round(time.Millisecond), len(page))
			return nil
		}
		time.Sleep(time.Second)
	}
}

// measure loads one page from many clients at once.
func measure(ctx context.Context, client *http.Client, base, path string, clients, requests int) (failed int64) {
	lat, failed, elapsed := hammer(ctx, client, base+path, clients, requests)
	if len(lat) == 0 {
		return failed
	}
	fmt.Printf("%s: %d requests, %d clients, %d failed, %.0f req/s; p50 %s  p90 %s  p99 %s  max %s\n", path, len(lat), clients, failed, float64(len(lat))/elapsed.Seconds(),
		pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), pct(lat, 1))
	return failed
}

// peakRSS is the process's peak resident memory (VmHWM), as Linux reports it.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// build generates the province in dir, imports it through the import path
// and scores it.
func build(ctx context.Context, store *models.Store, dir string, province seed.ProvinceOptions) error {
	if err := seed.Facts(ctx, store); err != nil {
		return err
	}
	files, err := seed.WriteProvince(dir, province)
	if err != nil {
		return err
	}
	im := ingest.New(store)
	im.Limits.MaxBytes = 1 << 30 // as `gongkai import` allows: the year's publications pass 64 MB
	start := time.Now()
	for _, f := range files {
		if err := importFile(ctx, im, f); err != nil {
			return err
		}
	}
	fmt.Printf("imported in %s\n", time.Since(start).Round(time.Millisecond))
	req := scoreruns.ScoreRequest{Year: province.Year, AsOf: scoring.DefaultAsOf(province.Year, scoring.DateOf(time.Now()))}
	start = time.Now()
	if _, _, err = scoreruns.New(store).Deciding(accountability.Decisions(store)).ComputeScores(ctx, models.System, req, time.Now()); err != nil {
		return err
	}
	fmt.Printf("scored in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// importFile loads one generated file, as `gongkai import` would.
func importFile(ctx context.Context, im *ingest.Importer, f seed.Written) error {
	r, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer r.Close()
	name := filepath.Base(f.Path)
	if _, err := im.File(ctx, f.Kind, name, r, ingest.Options{Source: "cli", FileName: name, Viewer: models.System}); err != nil {
		return fmt.Errorf("load %s: %s", name, ingest.UserMessage(err))
	}
	return nil
}

// profile is where -cpuprofile writes.
var profile string

// worked asks for the province's work in the app first (-worked).
var worked bool

// startProfile starts the CPU profile, if one is asked for, of the
// measured requests; stop ends it.
func startProfile() (stop func(), err error) {
	if profile == "" {
		return func() {}, nil
	}
	f, err := os.Create(profile)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signIn returns a client holding the office's session.
func signIn(base, user, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	resp, err := c.Get(base + "/login")
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return nil, errors.New("no CSRF token on the sign-in page")
	}
	resp, err = c.PostForm(base+"/login", url.Values{"_csrf": {string(m[1])}, "username": {user}, "password": {password}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/" {
		return nil, fmt.Errorf("sign-in failed: ended at %s", resp.Request.URL)
	}
	return c, nil
}

func get(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}

// hammer sends n requests from k clients at once and returns each latency.
func hammer(ctx context.Context, c *http.Client, u string, k, n int) (lat []time.Duration, failed int64, elapsed time.Duration) {
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for next.Add(1) <= int64(n) && ctx.Err() == nil {
				t := time.Now()
				if err := get(c, u); err != nil {
					atomic.AddInt64(&failed, 1)
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return lat, failed, time.Since(start)
}

// pageBody reads a page whole; a status other than 200 is an error.
func pageBody(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}
