package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// config is read once from the environment and validated.
type config struct {
	Addr         string // GONGKAI_ADDR
	DB           string // GONGKAI_DB: empty (SQLite data/gongkai.db), sqlite:PATH or mysql://...
	Demo         bool   // GONGKAI_DEMO: load the demo bureau into an empty database (default on)
	SecureCookie bool   // GONGKAI_SECURE_COOKIE: __Host- session cookie, Secure (behind HTTPS)
	Log          *slog.Logger
}

func loadConfig() (config, error) {
	c := config{
		Addr: envOr("GONGKAI_ADDR", "localhost:3000"),
		DB:   os.Getenv("GONGKAI_DB"),
	}
	var err error
	if c.Demo, err = envBool("GONGKAI_DEMO", true); err != nil {
		return c, err
	}
	if c.SecureCookie, err = envBool("GONGKAI_SECURE_COOKIE", false); err != nil {
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
