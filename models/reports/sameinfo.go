package reports

import (
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/models"
)

// pieces groups publications into pieces of information (Annex 2:
// 不同渠道和方式公开相同信息计1条). Two publications of one department are the
// same information when they share a title, spaces ignored, or a 文号;
// sharing is transitive, so a website post and a WeChat post with another
// title but the same 文号 join the same piece. It returns the piece of each
// publication, numbered from 0, and the number of pieces.
func pieces(pubs []models.Publication) (pieceOf []int, n int) {
	parent := make([]int, len(pubs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	first := map[sameKey]int{}
	join := func(k sameKey, i int) {
		if k.text == "" {
			return
		}
		if j, ok := first[k]; ok {
			parent[find(i)] = find(j)
			return
		}
		first[k] = i
	}
	for i, p := range pubs {
		join(sameKey{p.DepartmentID, 't', compact(p.Title)}, i)
		join(sameKey{p.DepartmentID, 'd', compact(p.DocNo)}, i)
	}
	pieceOf = make([]int, len(pubs))
	number := map[int]int{}
	for i := range pubs {
		root := find(i)
		k, ok := number[root]
		if !ok {
			k = len(number)
			number[root] = k
		}
		pieceOf[i] = k
	}
	return pieceOf, len(number)
}

// sameKey is what makes two publications the same information: a title or
// a 文号 ('t' or 'd') within one department.
type sameKey struct {
	dept uint
	kind byte
	text string
}

// compact drops every space, so that "关于 开展…" and "关于开展…" match.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
