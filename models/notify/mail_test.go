package notify_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
)

// mailbox is a real SMTP server (go-smtp) on a local port that keeps what
// it receives; fail makes the next deliveries fail with a 451.
type mailbox struct {
	mu       sync.Mutex
	received []*mail.Message
	fail     int
}

func (b *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

type session struct {
	box  *mailbox
	auth bool
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "gongkai" || pass != "secret" {
			return errors.New("bad credentials")
		}
		s.auth = true
		return nil
	}), nil
}
func (s *session) Mail(string, *smtp.MailOptions) error {
	if !s.auth {
		return smtp.ErrAuthRequired
	}
	return nil
}
func (s *session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	if s.box.fail > 0 {
		s.box.fail--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox busy, try later"}
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return err
	}
	s.box.received = append(s.box.received, m)
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func (b *mailbox) messages() []*mail.Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*mail.Message(nil), b.received...)
}

// startSMTP serves a mailbox on 127.0.0.1, with STARTTLS under a
// certificate of the test's own authority when withTLS; it returns the
// GONGKAI_SMTP address and the client's TLS configuration.
func startSMTP(t *testing.T, box *mailbox, withTLS bool) (string, *tls.Config) {
	t.Helper()
	srv := smtp.NewServer(box)
	srv.Domain, srv.ReadTimeout, srv.WriteTimeout = "localhost", 10*time.Second, 10*time.Second
	var client *tls.Config
	if withTLS {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		modelstest.Must(t, err)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		modelstest.Must(t, err)
		cert, err := x509.ParseCertificate(der)
		modelstest.Must(t, err)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
		pool := x509.NewCertPool()
		pool.AddCert(cert)
		client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	} else {
		srv.AllowInsecureAuth = true
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	modelstest.Must(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return fmt.Sprintf("smtp://gongkai:secret@%s?from=gongkai@bureau.example", ln.Addr()), client
}

// decode reads a received e-mail's subject and body as a person's mail
// program would: RFC 2047 subject, base64 UTF-8 body.
func decode(t *testing.T, m *mail.Message) (subject, body string) {
	t.Helper()
	if ct := m.Header.Get("Content-Type"); ct != "text/plain; charset=UTF-8" || m.Header.Get("Content-Transfer-Encoding") != "base64" || m.Header.Get("MIME-Version") != "1.0" {
		t.Fatalf("headers = %v", m.Header)
	}
	if raw := m.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?b?") {
		t.Fatalf("subject not RFC 2047: %q", raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	modelstest.Must(t, err)
	raw, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, m.Body))
	modelstest.Must(t, err)
	return subject, string(raw)
}

// With GONGKAI_SMTP naming a real server: a reader who takes each message
// gets it in an e-mail with a Chinese subject and body, after a failure that
// was retried and shown to the office meanwhile; a reader of the digest
// gets one e-mail the next day with the day's messages. Without the setting
// nothing is sent and nothing fails.
func TestMailThroughARealSMTPServer(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		box := &mailbox{fail: 1}
		addr, clientTLS := startSMTP(t, box, true)
		mailer, err := notify.ParseSMTP(addr)
		modelstest.Must(t, err)
		mailer.TLS = clientTLS
		dept, head, clerk, office := bureau(t, s)
		room := notify.New(s)
		day := time.Date(2024, 5, 6, 2, 0, 0, 0, time.UTC)
		modelstest.Must(t, room.SaveSettings(ctx, models.Viewer{UserID: head, Name: "王队长", Role: models.RoleHead}, "head@bureau.example", notify.ModeImmediate, day))
		modelstest.Must(t, room.SaveSettings(ctx, models.Viewer{UserID: clerk, Name: "李承办", Role: models.RoleClerk}, "clerk@bureau.example", notify.ModeDigest, day))
		if err := room.SaveSettings(ctx, models.Viewer{UserID: office}, "不是邮箱", notify.ModeImmediate, day); err == nil {
			t.Fatal("an address that is none was saved")
		}
		for i, no := range []string{"2024-申-001", "2024-申-002"} {
			modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
				return notify.ToDepartment(tx, dept, models.ActReadApplicant, notify.Message{Kind: notify.KindDeadline, Subject: "notify.deadline.before",
					Args: []string{notify.Phrase("deadline.request"), no, "2024-05-09"}, Link: fmt.Sprintf("/records/request/%d", i+1)}, day.Add(time.Duration(i)*time.Hour))
			}))
		}

		// Without GONGKAI_SMTP: nothing sent, nothing fails.
		if r, err := room.Pass(ctx, nil, day.Add(3*time.Hour)); err != nil || r.Mailed != 0 {
			t.Fatalf("a pass without a mailer = %+v, %v", r, err)
		}
		// The first delivery fails: it stays queued, shown to the office.
		r, err := room.Pass(ctx, mailer, day.Add(3*time.Hour))
		modelstest.Must(t, err)
		if r.Mailed != 1 || len(box.messages()) != 1 {
			t.Fatalf("first pass mailed %d (%d received), want 1 of 2 (the other failed)", r.Mailed, len(box.messages()))
		}
		troubles, err := room.Troubles(ctx, models.Viewer{UserID: office, Role: models.RoleOffice})
		modelstest.Must(t, err)
		if len(troubles) != 1 || troubles[0].Attempts != 1 || !strings.Contains(troubles[0].LastError, "mailbox busy") || troubles[0].Status != notify.OutQueued {
			t.Fatalf("the office sees %+v, want the failed e-mail with its error", troubles)
		}
		if _, err := room.Troubles(ctx, models.Viewer{UserID: head, Role: models.RoleHead}); err == nil {
			t.Fatal("a head read the mail queue")
		}
		// Not before its backoff; then sent.
		if r, _ := room.Pass(ctx, mailer, day.Add(3*time.Hour+30*time.Second)); r.Mailed != 0 {
			t.Fatalf("retried before the backoff: %+v", r)
		}
		r, err = room.Pass(ctx, mailer, day.Add(3*time.Hour+notify.Backoff(1)))
		modelstest.Must(t, err)
		if r.Mailed != 1 {
			t.Fatalf("the retry mailed %d, want 1", r.Mailed)
		}
		if troubles, _ := room.Troubles(ctx, models.Viewer{UserID: office, Role: models.RoleOffice}); len(troubles) != 0 {
			t.Fatalf("a sent e-mail still shows as failed: %+v", troubles)
		}
		got := box.messages()
		if len(got) != 2 {
			t.Fatalf("received %d e-mails, want the head's two", len(got))
		}
		for _, m := range got {
			if to := m.Header.Get("To"); to != "head@bureau.example" {
				t.Fatalf("an immediate e-mail went to %s", to)
			}
			subject, body := decode(t, m)
			if !strings.HasPrefix(subject, "【政务公开】申请“2024-申-00") || !strings.Contains(body, "将于2024-05-09到期") || !strings.Contains(body, "办理地址：/records/request/") {
				t.Fatalf("subject %q, body %q", subject, body)
			}
		}

		// The next day: the clerk's digest of the day, once.
		next := day.Add(24 * time.Hour)
		for range 2 {
			_, err := room.Pass(ctx, mailer, next)
			modelstest.Must(t, err)
		}
		got = box.messages()
		if len(got) != 3 {
			t.Fatalf("received %d e-mails after the digest, want 3", len(got))
		}
		subject, body := decode(t, got[2])
		if got[2].Header.Get("To") != "clerk@bureau.example" || subject != "【政务公开】2024-05-06的消息汇总（2条）" ||
			!strings.Contains(body, "2024-申-001") || !strings.Contains(body, "2024-申-002") {
			t.Fatalf("digest to %s: %q\n%s", got[2].Header.Get("To"), subject, body)
		}
	})
}

// An e-mail that keeps failing is given up after MaxAttempts and the office
// is told in its inbox; a server that offers no TLS is refused unless the
// address allows it.
func TestMailGivenUpAndTLSRequired(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		box := &mailbox{fail: notify.MaxAttempts}
		addr, _ := startSMTP(t, box, false)
		strict, err := notify.ParseSMTP(addr)
		modelstest.Must(t, err)
		if err := strict.Send(ctx, "a@bureau.example", "主题", "正文"); !errors.Is(err, notify.ErrNoTLS) {
			t.Fatalf("a server without TLS: %v, want ErrNoTLS", err)
		}
		insecure, err := notify.ParseSMTP(addr + "&insecure=1")
		modelstest.Must(t, err)
		dept, head, _, office := bureau(t, s)
		room := notify.New(s)
		at := time.Date(2024, 5, 6, 2, 0, 0, 0, time.UTC)
		modelstest.Must(t, room.SaveSettings(ctx, models.Viewer{UserID: head}, "head@bureau.example", notify.ModeImmediate, at))
		modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
			return notify.ToDepartment(tx, dept, models.ActFileForDepartment, notify.Message{Kind: notify.KindNotice, Subject: "notify.notice.sign", Args: []string{"2024"}, Link: "/"}, at)
		}))
		for i := range notify.MaxAttempts {
			at = at.Add(notify.Backoff(i + 1))
			_, err := room.Drain(ctx, insecure, at, 10)
			modelstest.Must(t, err)
		}
		if n := len(box.messages()); n != 0 {
			t.Fatalf("received %d", n)
		}
		ms, err := room.Troubles(ctx, models.Viewer{UserID: office, Role: models.RoleOffice})
		modelstest.Must(t, err)
		if len(ms) != 1 || ms[0].Status != notify.OutFailed {
			t.Fatalf("troubles = %+v, want the e-mail given up", ms)
		}
		ns := inboxOf(t, s, office)
		if len(ns) != 1 || ns[0].Subject != "notify.mail.failed" {
			t.Fatalf("the office's inbox = %+v", ns)
		}
		if _, err := room.Drain(ctx, insecure, at.Add(24*time.Hour), 10); err != nil || len(box.messages()) != 0 {
			t.Fatalf("a given-up e-mail was tried again: %v", err)
		}
	})
}

// A subject with a line break never adds a header.
func TestComposeKeepsTheSubjectOnOneLine(t *testing.T) {
	t.Parallel()
	raw := string(notify.Compose("gongkai@bureau.example", "a@bureau.example", "ok\r\nBcc: evil@example.com", "正文", time.Now()))
	if strings.Contains(raw, "\r\nBcc:") {
		t.Fatalf("a line break in the subject made a header:\n%s", raw)
	}
	m, err := mail.ReadMessage(strings.NewReader(raw))
	modelstest.Must(t, err)
	if got := m.Header.Get("Subject"); got != "ok Bcc: evil@example.com" {
		t.Fatalf("subject = %q", got)
	}
}
