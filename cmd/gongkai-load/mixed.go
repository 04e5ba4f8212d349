package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/seed"
)

// postShare is the share of a mixed load's requests that are form posts.
const postShare = 0.2

// mixedRoles are the roles of a mixed load's clients, in turn.
var mixedRoles = []models.Role{models.RoleOffice, models.RoleHead, models.RoleLeader, models.RoleDiscipline, models.RoleAuditor}

// worker is one person of a mixed load: signed in with an account of their
// own, reading the pages of their role and now and then posting its form.
type worker struct {
	role  models.Role
	user  string
	c     *http.Client
	base  string
	token string
	views []string
	post  func(w *worker) (int, error)
	what  string // what post does, for the report
	rng   *rand.Rand
}

// tally is what a mixed load saw: latencies of views and posts, and the
// answers that were not right.
type tally struct {
	mu            sync.Mutex
	views, posts  []time.Duration
	each          map[string][]time.Duration // by page (ids left out) or post
	server, other int64                      // 5xx; any other wrong answer (4xx, a transport error)
	firstErrors   []string
}

func (t *tally) add(what string, post bool, d time.Duration, status int, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case err == nil && status == http.StatusOK:
		if post {
			t.posts = append(t.posts, d)
		} else {
			t.views = append(t.views, d)
		}
		if t.each == nil {
			t.each = map[string][]time.Duration{}
		}
		t.each[what] = append(t.each[what], d)
		return
	case err == nil && status >= 500:
		t.server++
	default:
		t.other++
	}
	if len(t.firstErrors) < 5 {
		t.firstErrors = append(t.firstErrors, fmt.Sprintf("post=%v status=%d err=%v", post, status, err))
	}
}

// mixedLoad runs clients people at once for d: 80% page views, 20% form
// posts, by every role (the office and heads save liaison forms, the
// discipline inspection adds case notes, the leading group and auditors
// sign out and in again).
func mixedLoad(ctx context.Context, store *models.Store, base string, clients int, d time.Duration) error {
	workers, err := mixedWorkers(ctx, store, base, clients)
	if err != nil {
		return err
	}
	// Each role's pages are built once before the clock starts, as a
	// running bureau's are: what is measured is the day's work, each
	// change rebuilding what it moves, not a cold start.
	warmed := map[string]bool{}
	for _, w := range workers {
		for _, path := range w.views {
			if key := string(w.role) + path; !warmed[key] {
				warmed[key] = true
				if err := warm(w.c, base, path); err != nil {
					return err
				}
			}
		}
	}
	stopProfile, err := startProfile()
	if err != nil {
		return err
	}
	defer stopProfile()
	var t tally
	var wg sync.WaitGroup
	stop := time.Now().Add(d)
	start := time.Now()
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) && ctx.Err() == nil {
				post := w.rng.Float64() < postShare
				at := time.Now()
				var status int
				var err error
				what := "POST " + w.what
				if post {
					status, err = w.post(w)
				} else {
					path := w.views[w.rng.IntN(len(w.views))]
					what = "GET " + digits.ReplaceAllString(path, ":id")
					status, err = w.get(path)
				}
				t.add(what, post, time.Since(at), status, err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := slices.Concat(t.views, t.posts)
	fmt.Printf("mixed load (%s): %d clients, %s, %d requests (%d views, %d posts), %.0f req/s, %d server errors (5xx), %d other failures\n",
		store.Dialect, clients, elapsed.Round(time.Millisecond), len(all)+int(t.server+t.other), len(t.views), len(t.posts), float64(len(all))/elapsed.Seconds(), t.server, t.other)
	for _, s := range []struct {
		name string
		lat  []time.Duration
	}{{"all", all}, {"views", t.views}, {"posts", t.posts}} {
		fmt.Printf("  %-5s p50 %s  p95 %s  p99 %s  max %s\n", s.name, pct(s.lat, 0.50), pct(s.lat, 0.95), pct(s.lat, 0.99), pct(s.lat, 1))
	}
	whats := slices.Collect(maps.Keys(t.each))
	slices.SortFunc(whats, func(a, b string) int { return cmp.Compare(pct(t.each[b], 0.99), pct(t.each[a], 0.99)) })
	for _, what := range whats {
		fmt.Printf("    %-22s %5d  p50 %s  p99 %s\n", what, len(t.each[what]), pct(t.each[what], 0.50), pct(t.each[what], 0.99))
	}
	for _, e := range t.firstErrors {
		fmt.Println("  failed:", e)
	}
	if t.server+t.other > 0 {
		return fmt.Errorf("%d requests failed", t.server+t.other)
	}
	return nil
}

// digits are the ids in a page's path, left out of its name in the report.
var digits = regexp.MustCompile(`[0-9]+`)

// pct is the p-quantile of lat (sorted in place), to the microsecond.
func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, int(p*float64(len(lat))))].Round(time.Microsecond)
}

// mixedWorkers makes an account per client, in turn of role (a head per
// department), and signs each in.
func mixedWorkers(ctx context.Context, store *models.Store, base string, clients int) ([]*worker, error) {
	var depts []models.Department
	if err := store.DB.WithContext(ctx).Order("id").Limit(clients).Find(&depts).Error; err != nil {
		return nil, err
	}
	if len(depts) == 0 {
		return nil, errors.New("no departments to work on")
	}
	cases := accountability.New(store, assessment.New(store))
	workers := make([]*worker, clients)
	for i := range workers {
		role := mixedRoles[i%len(mixedRoles)]
		dept := depts[i%len(depts)]
		u := accounts.NewUser{Username: fmt.Sprintf("load%03d", i), Name: fmt.Sprintf("压测%03d", i), Role: role, Password: seed.DemoPassword}
		if role.HasDepartment() {
			u.DepartmentID = dept.ID
		}
		created, err := accounts.New(store).CreateUser(ctx, models.System, u)
		if err != nil && !errors.Is(err, accounts.ErrUsernameTaken) {
			return nil, fmt.Errorf("account %s: %w", u.Username, err)
		}
		w := &worker{role: role, user: u.Username, base: base, rng: rand.New(rand.NewPCG(uint64(i), 7))}
		// Each role loads the work the permission table gives it.
		switch may := (models.Viewer{Role: role}); {
		case may.Can(models.ActAdminister):
			w.views = []string{"/", "/overview", "/scores", fmt.Sprintf("/departments/%d", dept.ID), "/catalog"}
			w.post = func(w *worker) (int, error) {
				return w.saveLiaison(depts[w.rng.IntN(len(depts))].ID)
			}
			w.what = "liaison form"
		case may.Can(models.ActEditLiaison):
			w.views = []string{"/", fmt.Sprintf("/departments/%d", dept.ID), "/catalog"}
			w.post, w.what = func(w *worker) (int, error) { return w.saveLiaison(dept.ID) }, "own liaison form"
		case may.Can(models.ActHandleCases):
			if created == nil { // a load run before on this database (-reuse) made the account
				if created, err = accounts.New(store).Authenticate(ctx, u.Username, u.Password); err != nil {
					return nil, fmt.Errorf("account %s: %w", u.Username, err)
				}
			}
			v := models.Viewer{UserID: created.ID, Name: created.Name, Role: role}
			cs, err := cases.Open(ctx, v, accountability.OpenForm{Department: dept.ID, TriggerKind: 1, Summary: "压力测试立案"}, time.Now())
			if err != nil {
				return nil, fmt.Errorf("open a case: %w", err)
			}
			page := fmt.Sprintf("/cases/%d", cs.ID)
			w.views = []string{"/", "/cases", page}
			w.post = func(w *worker) (int, error) {
				return w.postForm(page+"/notes", url.Values{"note": {fmt.Sprintf("调查记录%d", w.rng.IntN(1e6))}})
			}
			w.what = "case note"
		default: // the leading group and auditors read; their form is signing in
			w.views = []string{"/", "/scores", "/overview"}
			if may.Can(models.ActReadAudit) {
				w.views = append(w.views, "/audit")
			}
			w.post = func(w *worker) (int, error) {
				if status, err := w.postForm("/logout", nil); err != nil || status != http.StatusOK {
					return status, err
				}
				return w.signIn()
			}
			w.what = "sign out and in"
		}
		jar, _ := cookiejar.New(nil)
		w.c = &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
		if status, err := w.signIn(); err != nil || status != http.StatusOK {
			return nil, fmt.Errorf("sign in %s: %d %v", w.user, status, err)
		}
		workers[i] = w
	}
	return workers, nil
}

// saveLiaison posts a department's liaison form, as its page sends it.
func (w *worker) saveLiaison(dept uint) (int, error) {
	return w.postForm(fmt.Sprintf("/departments/%d/liaison", dept), url.Values{
		"head": {"张卫"}, "leader": {"江海"}, "liaison": {fmt.Sprintf("联络员%d", w.rng.IntN(1000))},
		"phone": {"0527-84350000"}, "mobile": {"13905240000"}, "notes": {"压力测试"}})
}

// signIn signs the worker in through the sign-in page and keeps the token
// of its new session.
func (w *worker) signIn() (int, error) {
	status, body, err := w.fetch(http.MethodGet, "/login", nil)
	if err != nil || status != http.StatusOK {
		return status, err
	}
	if w.token, err = tokenOf(body); err != nil {
		return status, err
	}
	return w.postForm("/login", url.Values{"username": {w.user}, "password": {seed.DemoPassword}})
}

// postForm posts form with the session's token and follows the redirect,
// as a browser does; the token of the page it lands on is kept.
func (w *worker) postForm(path string, form url.Values) (int, error) {
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", w.token)
	status, body, err := w.fetch(http.MethodPost, path, form)
	if err == nil && status == http.StatusOK {
		if tok, terr := tokenOf(body); terr == nil {
			w.token = tok
		}
	}
	return status, err
}

func (w *worker) get(path string) (int, error) {
	status, _, err := w.fetch(http.MethodGet, path, nil)
	return status, err
}

func (w *worker) fetch(method, path string, form url.Values) (int, []byte, error) {
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = w.c.PostForm(w.base+path, form)
	} else {
		resp, err = w.c.Get(w.base + path)
	}
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

func tokenOf(page []byte) (string, error) {
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return "", errors.New("no CSRF token on the page")
	}
	return string(m[1]), nil
}
