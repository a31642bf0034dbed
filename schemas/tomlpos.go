package schemas

import (
	"strconv"
	"unicode/utf8"
)

// Pos is a 1-based line and column (in characters) in a TOML file.
type Pos struct{ Line, Col int }

// positions indexes where every key, table header and array element of a TOML
// document starts, by the JSON pointer the decoded value would have
// ("/qm/Bal-ML-3/thresholds/pass_min", "/waiver/0/expires").
//
// BurntSushi/toml keeps key positions private, so this is a small scanner of
// TOML's structure (tables, arrays of tables, dotted and quoted keys, inline
// tables, arrays, the four string forms, comments). It never judges values:
// it runs only on documents the TOML decoder has already accepted.
func positions(src []byte) map[string]Pos {
	s := &tomlScanner{src: src, line: 1, col: 1, out: map[string]Pos{}, aot: map[string]int{}}
	s.document()
	return s.out
}

type tomlScanner struct {
	src       []byte
	i         int
	line, col int
	out       map[string]Pos
	aot       map[string]int // next index of each array of tables
}

func (s *tomlScanner) eof() bool { return s.i >= len(s.src) }

func (s *tomlScanner) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

func (s *tomlScanner) advance() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
		s.i++
		return
	}
	_, n := utf8.DecodeRune(s.src[s.i:])
	s.i += n
	s.col++
}

func (s *tomlScanner) here() Pos { return Pos{s.line, s.col} }

func (s *tomlScanner) record(path []string, p Pos) {
	k := Pointer(path)
	if _, ok := s.out[k]; !ok {
		s.out[k] = p
	}
}

// skip passes spaces, tabs, and with newlines also line breaks and comments.
func (s *tomlScanner) skip(newlines bool) {
	for !s.eof() {
		switch c := s.peek(0); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '#':
			for !s.eof() && s.peek(0) != '\n' {
				s.advance()
			}
		case c == '\n' && newlines:
			s.advance()
		default:
			return
		}
	}
}

func (s *tomlScanner) document() {
	var table []string
	for {
		s.skip(true)
		if s.eof() {
			return
		}
		p := s.here()
		if s.peek(0) == '[' {
			aot := s.peek(1) == '['
			s.advance()
			if aot {
				s.advance()
			}
			s.skip(false)
			path := s.keys()
			if aot {
				base := Pointer(path)
				idx := s.aot[base]
				s.aot[base] = idx + 1
				s.record(path, p)
				path = append(path, strconv.Itoa(idx))
			}
			s.record(path, p)
			table = path
			s.toLineEnd()
			continue
		}
		start := len(s.out)
		s.keyValue(table)
		if len(s.out) == start && !s.eof() {
			s.toLineEnd() // not a key: never loop on unexpected input
		}
	}
}

func (s *tomlScanner) toLineEnd() {
	for !s.eof() && s.peek(0) != '\n' {
		s.advance()
	}
}

// keyValue reads `key = value` inside the table at path.
func (s *tomlScanner) keyValue(table []string) {
	p := s.here()
	keys := s.keys()
	if len(keys) == 0 {
		return
	}
	for n := 1; n <= len(keys); n++ {
		s.record(join(table, keys[:n]), p)
	}
	s.skip(false)
	if s.peek(0) != '=' {
		return
	}
	s.advance()
	s.skip(false)
	s.value(join(table, keys))
}

func join(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// keys reads a dotted key: bare, "basic" or 'literal' parts joined by dots.
func (s *tomlScanner) keys() []string {
	var out []string
	for {
		s.skip(false)
		var k string
		switch c := s.peek(0); {
		case c == '"' || c == '\'':
			k = s.str()
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek(0)) {
				s.advance()
			}
			k = string(s.src[start:s.i])
		default:
			return out
		}
		out = append(out, k)
		s.skip(false)
		if s.peek(0) != '.' {
			return out
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// value passes one value, recording the keys of inline tables and the
// elements of arrays below path.
func (s *tomlScanner) value(path []string) {
	switch s.peek(0) {
	case '"', '\'':
		s.str()
	case '[':
		s.advance()
		for idx := 0; ; idx++ {
			s.skip(true)
			if s.eof() || s.peek(0) == ']' {
				s.advance()
				return
			}
			el := join(path, []string{strconv.Itoa(idx)})
			s.record(el, s.here())
			s.value(el)
			s.skip(true)
			if s.peek(0) == ',' {
				s.advance()
			}
		}
	case '{':
		s.advance()
		for {
			s.skip(true)
			if s.eof() || s.peek(0) == '}' {
				s.advance()
				return
			}
			before := s.i
			s.keyValue(path)
			s.skip(true)
			if s.peek(0) == ',' {
				s.advance()
			}
			if s.i == before {
				s.advance()
			}
		}
	default:
		for !s.eof() {
			switch s.peek(0) {
			case ',', ']', '}', '#', '\n':
				return
			}
			s.advance()
		}
	}
}

// str reads any of the four TOML string forms and returns its raw content
// (escapes are kept as written; keys with escapes are rare and still unique).
func (s *tomlScanner) str() string {
	q := s.peek(0)
	if s.peek(1) == q && s.peek(2) == q { // multi-line
		for k := 0; k < 3; k++ {
			s.advance()
		}
		start := s.i
		for !s.eof() {
			if q == '"' && s.peek(0) == '\\' {
				s.advance()
				s.advance()
				continue
			}
			if s.peek(0) == q && s.peek(1) == q && s.peek(2) == q {
				end := s.i
				for s.peek(0) == q { // up to two quotes may end the content
					s.advance()
				}
				return string(s.src[start:end])
			}
			s.advance()
		}
		return string(s.src[start:])
	}
	s.advance()
	start := s.i
	for !s.eof() && s.peek(0) != q && s.peek(0) != '\n' {
		if q == '"' && s.peek(0) == '\\' {
			s.advance()
		}
		s.advance()
	}
	end := s.i
	s.advance()
	return string(s.src[start:end])
}
