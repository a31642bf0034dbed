// Package problem defines the located errors qmcheck reports for bad input:
// a malformed or invalid facts document (JSON pointer or line:col), a profile
// (TOML line:col), or a policy (Rego file:row:col). The command line maps
// every such error to exit code 2, so that bad input is never confused with a
// failed gate (1) or an internal error (3).
package problem

import (
	"errors"
	"fmt"
	"strings"
)

// Error is one located problem in one input.
type Error struct {
	File    string // file as the user named it; may be empty
	Line    int    // 1-based; 0 when unknown
	Col     int    // 1-based; 0 when unknown
	Pointer string // JSON pointer into the document, when that is the location
	Msg     string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Pointer != "" && e.Line == 0 {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// List is several problems found in one pass; it is an error itself.
type List struct {
	What   string // "facts", "profile", "policy"
	Errors []*Error
}

func (l *List) Error() string {
	var b strings.Builder
	n := len(l.Errors)
	fmt.Fprintf(&b, "invalid %s (%d problem", l.What, n)
	if n != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, e := range l.Errors {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Usage marks an error in how the command was called.
type Usage struct{ Msg string }

func (u *Usage) Error() string { return u.Msg }

// IsInput reports whether err is (or wraps) a problem with the user's input:
// a located Error, a List or a Usage error.
func IsInput(err error) bool {
	var e *Error
	var l *List
	var u *Usage
	return errors.As(err, &e) || errors.As(err, &l) || errors.As(err, &u)
}
