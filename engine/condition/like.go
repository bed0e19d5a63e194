package condition

import "unicode"

type patternElem struct {
	kind byte // 'c' one literal character, '_' any character, '%' any run
	r    rune
}

func compilePattern(p string) []patternElem {
	rs := []rune(p)
	var out []patternElem
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && isPatternEscape(rs[i+1]):
			out = append(out, patternElem{'c', unicode.ToLower(rs[i+1])})
			i++
		case r == '%':
			out = append(out, patternElem{'%', 0})
		case r == '_':
			out = append(out, patternElem{'_', 0})
		default:
			out = append(out, patternElem{'c', unicode.ToLower(r)})
		}
	}
	return out
}

// likeMatch reports whether s matches the LIKE pattern p, ignoring case.
// It backtracks only to the last %, which is enough because a later %
// can absorb anything an earlier one could.
func likeMatch(p, s string) bool {
	pat := compilePattern(p)
	text := []rune(s)
	for i, r := range text {
		text[i] = unicode.ToLower(r)
	}
	i, j := 0, 0
	star, mark := -1, 0
	for i < len(text) {
		switch {
		case j < len(pat) && (pat[j].kind == '_' || (pat[j].kind == 'c' && pat[j].r == text[i])):
			i++
			j++
		case j < len(pat) && pat[j].kind == '%':
			star, mark = j, i
			j++
		case star >= 0:
			mark++
			i, j = mark, star+1
		default:
			return false
		}
	}
	for j < len(pat) && pat[j].kind == '%' {
		j++
	}
	return j == len(pat)
}
