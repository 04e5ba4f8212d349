package scoreruns

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// `gongkai score --format csv` quotes a department name that a spreadsheet
// would run.
func TestScoreCSVNeutralisesFormulas(t *testing.T) {
	total := json.Number("80")
	r := &ScoreReport{Departments: []ScoreReportLine{{Code: "@SJ", Name: "=HYPERLINK(\"http://x\")", Rated: true, Total: &total, Grade: "合格", Rank: 1}}}
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `'@SJ,"'=HYPERLINK(""http://x"")",true,80,合格,1`) {
		t.Errorf("csv:\n%s", out)
	}
}
