package evaluator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"

	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/policies"
)

// EmbeddedRoot is how files of the embedded policy tree are named in
// messages and verdicts.
const EmbeddedRoot = "policies"

// Policies is a compiled policy tree: every module, the data documents
// beside them (the catalogue), and the QM policies found in it.
type Policies struct {
	Root      string // "policies" for the embedded tree, else the directory given
	Catalogue *Catalogue

	compiler *ast.Compiler
	modules  map[string]*ast.Module
	docs     map[string]any
	byNS     map[string]map[string]*Policy // namespace → QM ID → policy
}

// Policy is one QM policy: a package data.qmcheck.<namespace>.<id> whose
// METADATA names the QM it judges.
type Policy struct {
	QM             string
	Namespace      string
	Package        string // data.qmcheck.<namespace>.<id>
	File           string
	Row            int // of the package declaration
	Title          string
	Description    string
	Characteristic string
	Function       string
	Confidence     string
	Severity       string
	Inputs         []string
	Thresholds     map[string]string // declared name → meaning
	Params         map[string]string
}

// LoadPolicies loads and compiles a policy tree: the embedded one when dir is
// empty, else the directory (as written by `qmcheck init`). Test files
// (*_test.rego) are left out unless withTests. Parse and compile errors come
// back as a *problem.List located file:row:col. Compilation is strict and
// runs in the sandbox of Capabilities, so a call to http.send or time.now_ns
// is refused here.
func LoadPolicies(dir string, withTests bool) (*Policies, error) {
	var (
		fsys fs.FS
		root = dir
	)
	if dir == "" {
		fsys, root = under{EmbeddedRoot, policies.FS()}, EmbeddedRoot
	} else if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &problem.Usage{Msg: fmt.Sprintf("--policy %s: not a directory", dir)}
	}
	caps := Capabilities()
	fl := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		WithCapabilities(caps)
	if fsys != nil {
		fl = fl.WithFS(fsys)
	}
	res, err := fl.Filtered([]string{root}, func(_ string, info fs.FileInfo, _ int) bool {
		if info.IsDir() {
			return strings.HasPrefix(info.Name(), ".") && info.Name() != "." && info.Name() != ".."
		}
		n := info.Name()
		if strings.HasSuffix(n, "_test.rego") {
			return !withTests
		}
		return !strings.HasSuffix(n, ".rego") && !strings.HasSuffix(n, ".json")
	})
	if err != nil {
		return nil, policyErrors(err)
	}
	p := &Policies{Root: root, modules: map[string]*ast.Module{}, docs: res.Documents, byNS: map[string]map[string]*Policy{}}
	for _, f := range res.Modules {
		p.modules[filepath.ToSlash(f.Name)] = f.Parsed
	}
	if len(p.modules) == 0 {
		return nil, &problem.Usage{Msg: fmt.Sprintf("no Rego policies under %s", root)}
	}
	p.compiler = ast.NewCompiler().
		WithCapabilities(caps).
		WithStrict(true).
		WithEnablePrintStatements(false).
		WithUseTypeCheckAnnotations(true)
	p.compiler.Compile(p.modules)
	if p.compiler.Failed() {
		return nil, policyErrors(p.compiler.Errors)
	}
	cat, ok := p.docs["catalogue"]
	if !ok {
		return nil, &problem.Error{File: root, Msg: "no QM catalogue (catalogue/catalogue.json, data.catalogue)"}
	}
	if p.Catalogue, err = decodeCatalogue(cat); err != nil {
		return nil, &problem.Error{File: root + "/catalogue/catalogue.json", Msg: err.Error()}
	}
	if err := p.index(); err != nil {
		return nil, err
	}
	return p, nil
}

// policyErrors turns loader and compiler errors into located problems.
func policyErrors(err error) error {
	var out []*problem.Error
	var walk func(error)
	walk = func(err error) {
		var astErrs ast.Errors
		var astErr *ast.Error
		var loadErrs loader.Errors
		switch {
		case errors.As(err, &loadErrs):
			for _, e := range loadErrs {
				walk(e)
			}
		case errors.As(err, &astErrs):
			for _, e := range astErrs {
				walk(e)
			}
		case errors.As(err, &astErr):
			pe := &problem.Error{Msg: astErr.Code + ": " + astErr.Message}
			if l := astErr.Location; l != nil {
				pe.File, pe.Line, pe.Col = l.File, l.Row, l.Col
			}
			out = append(out, pe)
		default:
			out = append(out, &problem.Error{Msg: err.Error()})
		}
	}
	walk(err)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return &problem.List{What: "policy", Errors: out}
}

// index finds the QM policies: packages data.qmcheck.<ns>.<id> with a
// package METADATA block whose custom.qm names the QM.
func (p *Policies) index() error {
	set := p.compiler.GetAnnotationSet()
	var list []*problem.Error
	names := make([]string, 0, len(p.modules))
	for n := range p.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := p.compiler.Modules[name]
		path := m.Package.Path
		if len(path) != 4 || path[1].String() != `"qmcheck"` {
			continue // lib, tests and other helpers
		}
		ns := strings.Trim(path[2].Value.String(), `"`)
		if ns == "lib" || strings.HasSuffix(path[3].Value.String(), `_test"`) {
			continue
		}
		a := set.GetPackageScope(m.Package)
		if a == nil || a.Custom["qm"] == nil {
			list = append(list, &problem.Error{File: name, Line: m.Package.Location.Row, Col: m.Package.Location.Col,
				Msg: fmt.Sprintf("package %s has no METADATA naming its QM (custom.qm)", path)})
			continue
		}
		pol := &Policy{
			QM:             str(a.Custom["qm"]),
			Namespace:      ns,
			Package:        path.String(),
			File:           name,
			Row:            m.Package.Location.Row,
			Title:          a.Title,
			Description:    strings.TrimSpace(a.Description),
			Characteristic: str(a.Custom["characteristic"]),
			Function:       str(a.Custom["function"]),
			Confidence:     str(a.Custom["confidence"]),
			Severity:       str(a.Custom["severity"]),
			Thresholds:     strMap(a.Custom["thresholds"]),
			Params:         strMap(a.Custom["params"]),
		}
		if in, ok := a.Custom["inputs"].([]any); ok {
			for _, x := range in {
				pol.Inputs = append(pol.Inputs, str(x))
			}
		}
		if p.byNS[ns] == nil {
			p.byNS[ns] = map[string]*Policy{}
		}
		if prev, dup := p.byNS[ns][pol.QM]; dup {
			list = append(list, &problem.Error{File: name, Line: pol.Row, Col: 1,
				Msg: fmt.Sprintf("QM %s is already judged by %s (%s): one policy per QM", pol.QM, prev.Package, prev.File)})
			continue
		}
		p.byNS[ns][pol.QM] = pol
	}
	if len(list) > 0 {
		return &problem.List{What: "policy", Errors: list}
	}
	return nil
}

// Policy returns the policy judging qm in namespace ns.
func (p *Policies) Policy(ns, qm string) (*Policy, bool) {
	pol, ok := p.byNS[ns][qm]
	return pol, ok
}

// Namespaces lists the namespaces that hold QM policies.
func (p *Policies) Namespaces() []string {
	var out []string
	for ns := range p.byNS {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}

// Modules returns the parsed modules by file name.
func (p *Policies) Modules() map[string]*ast.Module { return p.modules }

// Compiler returns the compiler holding the policies.
func (p *Policies) Compiler() *ast.Compiler { return p.compiler }

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func strMap(v any) map[string]string {
	m, ok := v.(map[string]any)
	if !ok {
		return map[string]string{}
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		out[k] = str(x)
	}
	return out
}

// under presents fsys as the directory dir of a larger tree, so that OPA's
// loader names embedded files "policies/iso/x.rego" as on disk.
type under struct {
	dir  string
	fsys fs.FS
}

func (u under) Open(name string) (fs.File, error) {
	if name == u.dir {
		return u.fsys.Open(".")
	}
	if rest, ok := strings.CutPrefix(name, u.dir+"/"); ok {
		return u.fsys.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
