package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models/notify"
)

// config is read once from the environment and validated.
type config struct {
	Addr    string              // GONGKAI_ADDR
	DB      string              // GONGKAI_DB: empty (SQLite data/gongkai.db), sqlite:PATH or mysql://...
	Demo    bool                // GONGKAI_DEMO=1: load the demo bureau into an empty database (default off)
	Cookie  handlers.CookieMode // GONGKAI_SECURE_COOKIE: 1 always Secure, 0 never, unset: when the request came by HTTPS
	Proxies []string            // GONGKAI_TRUSTED_PROXIES: addresses of the reverse proxies believed about X-Real-IP and X-Forwarded-Proto
	SMTP    *notify.Mailer      // GONGKAI_SMTP: smtp://user:pass@host:port (STARTTLS; ?insecure=1 to allow none); nil: no e-mail
	Log     *slog.Logger
}

func loadConfig() (config, error) {
	c := config{
		Addr: envOr("GONGKAI_ADDR", "localhost:3000"),
		DB:   os.Getenv("GONGKAI_DB"),
	}
	var err error
	if c.Demo, err = envBool("GONGKAI_DEMO", false); err != nil {
		return c, err
	}
	if strings.TrimSpace(os.Getenv("GONGKAI_SECURE_COOKIE")) != "" {
		secure, err := envBool("GONGKAI_SECURE_COOKIE", false)
		if err != nil {
			return c, err
		}
		c.Cookie = handlers.CookiePlain
		if secure {
			c.Cookie = handlers.CookieSecure
		}
	}
	for _, p := range strings.Split(os.Getenv("GONGKAI_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.Proxies = append(c.Proxies, p)
		}
	}
	if c.SMTP, err = notify.ParseSMTP(os.Getenv("GONGKAI_SMTP")); err != nil {
		return c, err
	}
	level := slog.LevelInfo
	if err := level.UnmarshalText([]byte(envOr("GONGKAI_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("GONGKAI_LOG_LEVEL: %w", err)
	}
	c.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	return c, nil
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

func envBool(key string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(key))) {
	case "":
		return def, nil
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%s must be 1 or 0, got %q", key, os.Getenv(key))
}
