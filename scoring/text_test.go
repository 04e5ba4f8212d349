package scoring

import "github.com/gongkai/gongkai/i18n"

// inZH and inEN word a scoring text as a Chinese and an English page do.
func inZH(t Text) string { return i18n.Word(i18n.Chinese, t) }

func inEN(t Text) string { return i18n.Word(i18n.English, t) }
