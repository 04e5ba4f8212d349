package reports

// Cell is one cell of a report's table. A cell spanning several columns or
// rows covers the cells to its right and below, which the grid leaves out,
// as HTML does.
type Cell struct {
	Text             string
	ColSpan, RowSpan int  // 0 and 1 both mean one
	Head             bool // a heading
	Label            bool // a row's label, left-aligned
	Flag             bool // marked: a figure that does not balance
}

// Span is a cell's extent, at least 1×1.
func (c Cell) Span() (cols, rows int) { return max(c.ColSpan, 1), max(c.RowSpan, 1) }

// Grid is a table of a report laid out like the printed form: heading rows
// and body rows of cells with spans, Cols columns wide.
type Grid struct {
	Caption string
	Cols    int
	Head    [][]Cell
	Body    [][]Cell
}

// Slot is a position of a grid once the spans are laid out: the cell that
// starts there, or the cell covering it and whether it covers it from above
// (a vertical merge) or from the left.
type Slot struct {
	Cell      Cell
	Origin    bool // the cell starts here
	FromAbove bool // covered by a cell of an earlier row, in that cell's first column
	Covered   bool // covered by a cell of this row (a column span) or inside a block from above
}

// Layout expands rows of spanning cells into a full matrix of Cols slots a
// row, for writers that address every position (DOCX, XLSX).
func (g *Grid) Layout(rows [][]Cell) [][]Slot {
	out := make([][]Slot, len(rows))
	for i := range out {
		out[i] = make([]Slot, g.Cols)
	}
	taken := make([][]bool, len(rows))
	for i := range taken {
		taken[i] = make([]bool, g.Cols)
	}
	for r, row := range rows {
		c := 0
		for _, cell := range row {
			for c < g.Cols && taken[r][c] {
				c++
			}
			if c >= g.Cols {
				break
			}
			w, h := cell.Span()
			for dr := range h {
				for dc := range w {
					rr, cc := r+dr, c+dc
					if rr >= len(rows) || cc >= g.Cols {
						continue
					}
					taken[rr][cc] = true
					s := Slot{Cell: cell, Covered: true}
					switch {
					case dr == 0 && dc == 0:
						s = Slot{Cell: cell, Origin: true}
					case dr > 0 && dc == 0:
						s = Slot{Cell: cell, FromAbove: true}
					}
					out[rr][cc] = s
				}
			}
			c += w
		}
	}
	return out
}

// simpleGrid is a grid with one heading row and plain body rows, the first
// cell of each a label.
func simpleGrid(caption string, header []string, rows [][]string) Grid {
	g := Grid{Caption: caption, Cols: len(header)}
	head := make([]Cell, len(header))
	for i, h := range header {
		head[i] = Cell{Text: h, Head: true}
	}
	g.Head = [][]Cell{head}
	for _, r := range rows {
		row := make([]Cell, len(r))
		for i, v := range r {
			row[i] = Cell{Text: v, Label: i == 0}
		}
		g.Body = append(g.Body, row)
	}
	return g
}
