package evaluator

import (
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// denied names built-in functions no policy may call even when OPA does not
// mark them nondeterministic: they reach the network or the runtime.
var denied = map[string]bool{
	"http.send":   true,
	"opa.runtime": true,
	"trace":       true, // output only through the verdict
}

// Capabilities returns the sandbox policies run in: OPA's capabilities for
// this version without network built-ins (net.*, http.send), without
// opa.runtime and without any built-in OPA marks nondeterministic (time.now_ns,
// rand.intn, uuid.rfc4122, ...), with no network hosts allowed. Features
// (rego_v1 among them) are kept, or v1 parsing would fail. A policy calling a
// removed built-in is refused at compile time.
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if b.Nondeterministic || denied[b.Name] || strings.HasPrefix(b.Name, "net.") {
			continue
		}
		kept = append(kept, b)
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

// Removed lists the built-ins the sandbox takes away, sorted.
func Removed() []string {
	keep := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		keep[b.Name] = true
	}
	var out []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if !keep[b.Name] {
			out = append(out, b.Name)
		}
	}
	sort.Strings(out)
	return out
}
