package handlers_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/modelstest"
)

// rawPost sends a request's head declaring length bytes of body, and only
// the first 16 KB of it (the server looks at the first 8 KB before any
// handler runs), on a real connection; it returns the answer the server
// gives without waiting for the rest.
func rawPost(t *testing.T, addr, path, contentType, cookie string, length int64) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	modelstest.Must(t, err)
	t.Cleanup(func() { conn.Close() })
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %d\r\n", path, contentType, length)
	if cookie != "" {
		head += "Cookie: " + cookie + "\r\n"
	}
	_, err = fmt.Fprint(conn, head+"\r\nusername=office&password="+strings.Repeat("x", 16<<10))
	modelstest.Must(t, err)
	// A safety net, not a measure: before the fix the server waited for
	// the whole body, and this read would never end.
	modelstest.Must(t, conn.SetReadDeadline(time.Now().Add(20*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("POST %s declaring %d bytes: no answer before the body was sent: %v", path, length, err)
	}
	resp.Body.Close()
	return resp
}

// A body over the small limit is refused before it is read, with 413, on
// every route but the uploads, and on the uploads too without a sign-in:
// six POST /login of 256 MB once took the server to 3 GB.
func TestLargeBodiesAreRefusedBeforeTheyAreRead(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	modelstest.Must(t, err)
	go func() { _ = b.app.Listener(ln) }()
	t.Cleanup(func() { _ = b.app.Shutdown() })
	addr := ln.Addr().String()
	form := "application/x-www-form-urlencoded"
	multi := "multipart/form-data; boundary=x"

	for _, tc := range []struct {
		path, contentType string
		length            int64
		want              int
	}{
		{"/login", form, 256 << 20, 413},
		{"/login", form, 2 << 20, 413},
		{"/imports", multi, 32 << 20, 413},                    // an upload route, but nobody signed in
		{"/cases/1/attachments", multi, 32 << 20, 413},        // idem
		{"/api/v1/import/publications", form, 256 << 20, 413}, // over the upload limit
		{"/api/v1/import/publications", form, 32 << 20, 401},  // the token is checked first
	} {
		if resp := rawPost(t, addr, tc.path, tc.contentType, "", tc.length); resp.StatusCode != tc.want {
			t.Errorf("POST %s with %d bytes: %d, want %d", tc.path, tc.length, resp.StatusCode, tc.want)
		}
	}

	// Signed in, the office's large upload is taken (and fails on its
	// CSRF token, the next check, only once read).
	c := b.client(t)
	c.signIn("office", testPassword)
	var cookies []string
	for _, ck := range c.cookies {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	conn, err := net.Dial("tcp", addr)
	modelstest.Must(t, err)
	defer conn.Close()
	body := "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n" + strings.Repeat("a,b\n", 1<<19) + "\r\n--x--\r\n"
	fmt.Fprintf(conn, "POST /imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %d\r\nCookie: %s\r\n\r\n%s", multi, len(body), strings.Join(cookies, "; "), body)
	modelstest.Must(t, conn.SetReadDeadline(time.Now().Add(20*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	modelstest.Must(t, err)
	if resp.StatusCode != 403 {
		t.Errorf("signed-in upload of 2 MB without a CSRF token: %d, want 403 (read, then refused)", resp.StatusCode)
	}
}
