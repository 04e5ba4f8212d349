package handlers

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartView is a chart as a page shows it: either its ECharts option inline
// (small charts) or the URL its option is fetched from (large ones), and the
// table of its numbers, one click away.
type chartView struct {
	ID     string
	Title  string
	Option string // JSON; the template escapes it into an attribute, never into a script
	Src    string // instead of Option: where charts.js fetches it
	Height int    // pixels
	Table  *dataTable
	// More links to where the numbers are when they do not fit a table here.
	More string
	// Note says what part of the departments the chart shows, if not all.
	Note string
}

// dataTable is the numbers behind a chart.
type dataTable struct {
	Head []string
	Rows [][]string
}

// echart is what go-echarts charts have in common.
type echart interface {
	Validate()
	JSON() map[string]interface{}
}

// optionJSON marshals a go-echarts chart's option. encoding/json escapes
// <, > and & (as \u003c …), and the template escapes the attribute, so a
// department named "</script>" stays text (go-echarts' own RenderSnippet
// writes the option unescaped into an inline script).
func optionJSON(c echart) string {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		// The option holds only strings and numbers; failure is a bug.
		panic(fmt.Sprintf("chart option: %v", err))
	}
	return string(b)
}

// chartInit are the options every chart shares: no animation on large data,
// a tooltip, and the size the page gives it.
func chartInit(title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{Width: "100%", Height: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		// The page's heading names the chart; a legend only where series differ.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	}
}
