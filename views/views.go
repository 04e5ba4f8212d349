// Package views holds the templates and static assets, embedded in the
// binary: bureau intranets are offline, so nothing is loaded from the
// internet. The words the templates print come from the catalog, package
// i18n.
package views

import (
	"embed"
	"io/fs"
)

//go:embed templates
var templates embed.FS

//go:embed static
var static embed.FS

// Templates is the template tree (layouts/, partials/, one file per page).
func Templates() fs.FS { return mustSub(templates, "templates") }

// Static is the tree served under /static/.
func Static() fs.FS { return mustSub(static, "static") }

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the folder is embedded at build time; absence is a build bug
	}
	return sub
}
