package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Mailer sends e-mail through the server GONGKAI_SMTP names:
// smtp://user:pass@host:port, with STARTTLS; a server that offers no TLS is
// refused unless the address says ?insecure=1. ?from= sets the sender.
type Mailer struct {
	Addr, Host, User, Pass, From string
	Insecure                     bool
	// TLS, when set, replaces the default TLS configuration (a test's own
	// certificate authority).
	TLS *tls.Config
}

// ParseSMTP reads GONGKAI_SMTP; "" is no mailer and no error.
func ParseSMTP(s string) (*Mailer, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, errors.New("GONGKAI_SMTP: want smtp://user:pass@host:port")
	}
	m := &Mailer{Host: u.Hostname(), Addr: u.Host, Insecure: u.Query().Get("insecure") == "1", From: u.Query().Get("from")}
	if u.Port() == "" {
		m.Addr = net.JoinHostPort(m.Host, "587")
	}
	if u.User != nil {
		m.User = u.User.Username()
		m.Pass, _ = u.User.Password()
	}
	if m.From == "" {
		m.From = "gongkai@" + m.Host
	}
	if _, err := mail.ParseAddress(m.From); err != nil {
		return nil, fmt.Errorf("GONGKAI_SMTP: from: %w", err)
	}
	return m, nil
}

// ErrNoTLS refuses a server that offers no STARTTLS when insecure is not set.
var ErrNoTLS = errors.New("the SMTP server offers no STARTTLS (add ?insecure=1 to GONGKAI_SMTP to send in clear)")

// Send sends one e-mail: UTF-8, its subject in RFC 2047, its body base64.
func (m *Mailer) Send(ctx context.Context, to, subject, body string) error {
	d := net.Dialer{Timeout: 20 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return err
	}
	_ = conn.SetDeadline(time.Now().Add(time.Minute))
	c, err := smtp.NewClient(conn, m.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.Hello("gongkai"); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := m.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: m.Host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	} else if !m.Insecure {
		return ErrNoTLS
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Pass, m.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(Compose(m.From, to, subject, body, time.Now())); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// Compose writes an e-mail in MIME: a Chinese subject encoded by RFC 2047,
// a UTF-8 body in base64 lines of 76.
func Compose(from, to, subject, body string, at time.Time) []byte {
	var id [12]byte
	_, _ = rand.Read(id[:])
	subject = strings.Join(strings.Fields(subject), " ") // no line break may reach the header
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@gongkai>\r\n", from, to,
		mime.BEncoding.Encode("UTF-8", subject), at.Format(time.RFC1123Z), hex.EncodeToString(id[:]))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}
