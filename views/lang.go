package views

import "github.com/gongkai/gongkai/i18n"

// The catalog lives in package i18n, which every layer may import; views
// names it for the templates' helpers and the handlers.
type (
	// Lang is an interface language.
	Lang = i18n.Lang
	// Keyed is a message not yet worded, such as scoring's Text.
	Keyed = i18n.Keyed
)

// The interface speaks Chinese, with an English switch.
const (
	Chinese = i18n.Chinese
	English = i18n.English
)

// The catalog's functions, under the names the handlers use.
var (
	T          = i18n.T
	ParseLang  = i18n.ParseLang
	HasMessage = i18n.HasMessage
	Word       = i18n.Word
)
