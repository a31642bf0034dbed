// Package evaluator judges a facts document: it runs one Rego policy per QM
// of a profile (OPA, in a sandbox without network or nondeterministic
// built-ins, strict mode) with the profile's thresholds as data.profile, and
// returns one explained verdict per active QM.
//
// Every active QM yields exactly one verdict. A rule that fails at run time,
// yields nothing, yields two values or a malformed object becomes an "error"
// verdict naming the rule — never silence. Waivers of the profile mark
// verdicts as waived until their expiry date; an expired waiver is reported
// and waives nothing.
package evaluator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/qmcheck/qmcheck/evaluator/buildinfo"
	"github.com/qmcheck/qmcheck/evaluator/problem"
	"github.com/qmcheck/qmcheck/evaluator/profile"
)

// Engine evaluates facts under one profile with one policy tree.
type Engine struct {
	pol   *Policies
	prof  *profile.Profile
	store storage.Store
	qms   []bound
	now   time.Time
}

type bound struct {
	qm    profile.QM
	pol   *Policy
	query rego.PreparedEvalQuery
}

// Option configures an Engine.
type Option func(*Engine)

// WithNow sets the date waivers are judged against (default: now, UTC).
func WithNow(t time.Time) Option { return func(e *Engine) { e.now = t.UTC() } }

// New binds a profile to a policy tree. Every active QM of the profile must
// have a policy in the profile's namespace; every threshold and parameter
// the profile sets must be one the policy declares, and every declared
// threshold must be set. Violations come back as a *problem.List located in
// the profile file.
func New(ctx context.Context, pol *Policies, prof *profile.Profile, opts ...Option) (*Engine, error) {
	e := &Engine{pol: pol, prof: prof, now: time.Now().UTC()}
	for _, o := range opts {
		o(e)
	}
	if err := e.bind(); err != nil {
		return nil, err
	}
	data := map[string]any{}
	for k, v := range pol.docs {
		data[k] = v
	}
	data["profile"] = prof.Data()
	e.store = inmem.NewFromObject(data)
	for i := range e.qms {
		b := &e.qms[i]
		q, err := rego.New(
			rego.Query(b.pol.Package+".verdict"),
			rego.Compiler(pol.compiler),
			rego.Store(e.store),
			rego.Capabilities(Capabilities()),
			rego.Strict(true),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, policyErrors(err)
		}
		b.query = q
	}
	return e, nil
}

func (e *Engine) bind() error {
	var list []*problem.Error
	at := func(ptr, format string, args ...any) {
		list = append(list, e.prof.Locate(ptr, fmt.Sprintf(format, args...)))
	}
	if len(e.pol.byNS[e.prof.Namespace]) == 0 {
		at("/profile/namespace", "no policies in namespace %q (packages data.qmcheck.%s.*); namespaces with policies: %s",
			e.prof.Namespace, e.prof.Namespace, strings.Join(e.pol.Namespaces(), ", "))
		return &problem.List{What: "profile", Errors: list}
	}
	for _, q := range e.prof.Active() {
		base := "/qm/" + escapePtr(q.ID)
		pol, ok := e.pol.Policy(e.prof.Namespace, q.ID)
		if !ok {
			at(base, "no policy in namespace %q judges QM %s (no package data.qmcheck.%s.* declares custom.qm: %s)",
				e.prof.Namespace, q.ID, e.prof.Namespace, q.ID)
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(q.Thresholds)) {
			if _, ok := pol.Thresholds[k]; !ok {
				at(base+"/thresholds/"+k, "unknown threshold %q for %s; %s declares: %s", k, q.ID, pol.File, keyList(pol.Thresholds))
			}
		}
		for _, k := range slices.Sorted(maps.Keys(pol.Thresholds)) {
			if _, ok := q.Thresholds[k]; !ok {
				at(base+"/thresholds", "missing threshold %q for %s (%s: %s)", k, q.ID, pol.File, pol.Thresholds[k])
			}
		}
		for _, k := range slices.Sorted(maps.Keys(q.Params)) {
			if _, ok := pol.Params[k]; !ok {
				at(base+"/params/"+k, "unknown parameter %q for %s; %s declares: %s", k, q.ID, pol.File, keyList(pol.Params))
			}
		}
		e.qms = append(e.qms, bound{qm: q, pol: pol})
	}
	if len(list) > 0 {
		return &problem.List{What: "profile", Errors: list}
	}
	return nil
}

func escapePtr(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

func keyList[V any](m map[string]V) string {
	if len(m) == 0 {
		return "none"
	}
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

// Evaluate judges facts (a decoded, schema-valid facts document) and returns
// the report, without a gate (see Report.ApplyGate).
func (e *Engine) Evaluate(ctx context.Context, facts any) (*Report, error) {
	input, err := ast.InterfaceToValue(facts)
	if err != nil {
		return nil, fmt.Errorf("facts as Rego input: %w", err)
	}
	r := &Report{
		Tool:    ToolInfo{Name: buildinfo.Tool, Version: buildinfo.Version},
		Profile: ProfileInfo{Name: e.prof.Name, Title: e.prof.Title, Namespace: e.prof.Namespace, Source: e.prof.Source},
		Facts:   factsInfo(facts),
	}
	for i := range e.qms {
		v := e.judge(ctx, &e.qms[i], input, nil)
		r.Verdicts = append(r.Verdicts, v)
	}
	r.Waivers = e.applyWaivers(r.Verdicts)
	r.summarise()
	return r, nil
}

// judge evaluates one QM. With trace non-nil, every evaluation event is
// recorded there too.
func (e *Engine) judge(ctx context.Context, b *bound, input ast.Value, trace *topdown.BufferTracer) Verdict {
	v := e.frame(b)
	rt := &ruleTracer{pkg: b.pol.Package}
	opts := []rego.EvalOption{rego.EvalParsedInput(input), rego.EvalQueryTracer(rt)}
	if trace != nil {
		opts = append(opts, rego.EvalQueryTracer(trace))
	}
	rs, err := b.query.Eval(ctx, opts...)
	if rt.loc != nil {
		v.Rule.Row = rt.loc.Row
	}
	switch {
	case err != nil:
		var te *topdown.Error
		msg := err.Error()
		if errors.As(err, &te) {
			msg = te.Message
			if te.Code == topdown.ConflictErr {
				msg = "two branches of the rule matched and yielded different verdicts (" + te.Message + ")"
			}
			if te.Location != nil {
				v.Rule.Row = te.Location.Row
				msg = fmt.Sprintf("%s:%d: %s", te.Location.File, te.Location.Row, msg)
			}
		}
		return errorVerdict(v, fmt.Sprintf("rule %s.verdict failed: %s", b.pol.Package, msg))
	case len(rs) == 0 || len(rs[0].Expressions) == 0:
		return errorVerdict(v, fmt.Sprintf("rule %s.verdict yielded no verdict: no branch of the rule matched these facts", b.pol.Package))
	case len(rs) > 1:
		return errorVerdict(v, fmt.Sprintf("rule %s.verdict yielded %d verdicts; a QM has exactly one", b.pol.Package, len(rs)))
	}
	if err := fill(&v, rs[0].Expressions[0].Value); err != nil {
		return errorVerdict(v, fmt.Sprintf("rule %s.verdict yielded a malformed verdict: %v", b.pol.Package, err))
	}
	return v
}

// frame fills what a verdict says regardless of the facts.
func (e *Engine) frame(b *bound) Verdict {
	pol, q := b.pol, b.qm
	v := Verdict{
		QM:             q.ID,
		Name:           pol.Title,
		Characteristic: pol.Characteristic,
		Aliases:        []string{},
		Severity:       pol.Severity,
		Function:       pol.Function,
		Thresholds:     q.Thresholds,
		Evidence:       []Evidence{},
		Rule:           Rule{File: pol.File, Row: pol.Row, Package: pol.Package},
	}
	if q.Name != "" {
		v.Name = q.Name
	}
	if q.Severity != "" {
		v.Severity = q.Severity
	}
	if v.Severity == "" {
		v.Severity = "medium"
	}
	cat := e.pol.Catalogue
	if e.prof.Namespace == "iso" {
		if entry, ok := cat.QMs[q.ID]; ok {
			v.ISO = true
			if v.Characteristic == "" {
				v.Characteristic = entry.Characteristic
			}
		}
		// Other readings that use another ID for this QM.
		for _, ns := range slices.Sorted(maps.Keys(cat.Aliases)) {
			for _, id := range slices.Sorted(maps.Keys(cat.Aliases[ns])) {
				a := cat.Aliases[ns][id]
				for _, bt := range a.BelongsTo {
					if bt.QM == q.ID && !(a.SameAsStandard && id == q.ID) {
						v.Aliases = append(v.Aliases, fmt.Sprintf("%s (%s: %s)", id, ns, a.Name))
					}
				}
			}
		}
	} else if a, ok := cat.Aliases[e.prof.Namespace][q.ID]; ok {
		v.ISO = a.SameAsStandard
		for _, bt := range a.BelongsTo {
			ref := StandardRef{QM: bt.QM, Relation: bt.Relation}
			if entry, ok := cat.Lookup(bt.QM); ok {
				ref.Name = entry.Name
			}
			v.Standard = append(v.Standard, ref)
			if bt.QM != q.ID {
				v.Aliases = append(v.Aliases, bt.QM+" (iso5259-2)")
			}
		}
		if !a.SameAsStandard {
			v.Aliases = append(v.Aliases, "not "+a.StandardMeaning)
		}
	}
	return v
}

func errorVerdict(v Verdict, msg string) Verdict {
	v.Verdict = Error
	v.Value = Number{}
	v.Finding = msg
	v.Evidence = []Evidence{}
	return v
}

// fill copies the policy's result object into v, checking the contract:
// {"verdict": pass|fail|caution|na, "value": number|null, "finding": string,
// "evidence": [{"fact": pointer, "value": any}], "details": object?}.
func fill(v *Verdict, x any) error {
	m, ok := x.(map[string]any)
	if !ok {
		return fmt.Errorf("want an object, got %T", x)
	}
	for k := range m {
		switch k {
		case "verdict", "value", "finding", "evidence", "details":
		default:
			return fmt.Errorf("unexpected key %q", k)
		}
	}
	word, _ := m["verdict"].(string)
	switch word {
	case Pass, Fail, Caution, NA:
	default:
		return fmt.Errorf("verdict %v is not pass, fail, caution or na", m["verdict"])
	}
	finding, _ := m["finding"].(string)
	if strings.TrimSpace(finding) == "" {
		return fmt.Errorf("no finding")
	}
	switch n := m["value"].(type) {
	case nil:
		v.Value = Number{}
	case json.Number:
		f, err := n.Float64()
		if err != nil {
			return fmt.Errorf("value %s: %v", n, err)
		}
		v.Value = NumberOf(f)
	default:
		return fmt.Errorf("value %v is not a number or null", n)
	}
	if ev, ok := m["evidence"]; ok && ev != nil {
		list, ok := ev.([]any)
		if !ok {
			return fmt.Errorf("evidence is not a list")
		}
		for _, x := range list {
			em, ok := x.(map[string]any)
			fact, _ := em["fact"].(string)
			if !ok || (fact != "" && !strings.HasPrefix(fact, "/")) {
				return fmt.Errorf("evidence %v is not {fact: JSON pointer, value}", x)
			}
			v.Evidence = append(v.Evidence, Evidence{Fact: fact, Value: em["value"]})
		}
	}
	if d, ok := m["details"]; ok && d != nil {
		dm, ok := d.(map[string]any)
		if !ok {
			return fmt.Errorf("details is not an object")
		}
		v.Details = dm
	}
	v.Verdict = word
	v.Finding = finding
	return nil
}

func (e *Engine) applyWaivers(vs []Verdict) []WaiverStatus {
	today := e.now.Format("2006-01-02")
	idx := map[string]int{}
	for i, v := range vs {
		idx[v.QM] = i
	}
	var out []WaiverStatus
	for _, w := range e.prof.Waivers {
		st := WaiverStatus{QM: w.QM, Reason: w.Reason, Owner: w.Owner, Expires: w.Expires, Ticket: w.Ticket, Status: "active"}
		if w.Expires < today {
			st.Status = "expired"
		}
		i, ok := idx[w.QM]
		if !ok {
			st.Status = "unused"
		} else {
			vs[i].Waiver = &Waiver{Reason: w.Reason, Owner: w.Owner, Expires: w.Expires, Ticket: w.Ticket, Status: st.Status}
		}
		out = append(out, st)
	}
	return out
}

func factsInfo(facts any) FactsInfo {
	m, _ := facts.(map[string]any)
	ds, _ := m["dataset"].(map[string]any)
	fi := FactsInfo{}
	fi.SchemaVersion, _ = m["schema_version"].(string)
	fi.Dataset, _ = ds["name"].(string)
	fi.Fingerprint, _ = ds["fingerprint"].(string)
	return fi
}

// ruleTracer records where the QM's verdict rule succeeded.
type ruleTracer struct {
	pkg string
	loc *ast.Location
}

func (t *ruleTracer) Enabled() bool               { return true }
func (t *ruleTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{} }
func (t *ruleTracer) TraceEvent(ev topdown.Event) {
	if ev.Op != topdown.ExitOp {
		return
	}
	r, ok := ev.Node.(*ast.Rule)
	if !ok || r.Head.Name != "verdict" || r.Module == nil || r.Module.Package.Path.String() != t.pkg {
		return
	}
	t.loc = r.Location
}

// Profile returns the engine's profile.
func (e *Engine) Profile() *profile.Profile { return e.prof }

// Policies returns the engine's policies.
func (e *Engine) Policies() *Policies { return e.pol }

// Bound returns the active QM of the profile with its policy.
func (e *Engine) Bound(qm string) (profile.QM, *Policy, bool) {
	for _, b := range e.qms {
		if b.qm.ID == qm {
			return b.qm, b.pol, true
		}
	}
	return profile.QM{}, nil, false
}

// Explain judges one QM and returns the verdict with the evaluation events
// that took place in the QM's own policy file, in order.
func (e *Engine) Explain(ctx context.Context, qm string, facts any) (Verdict, []*topdown.Event, error) {
	for i := range e.qms {
		b := &e.qms[i]
		if b.qm.ID != qm {
			continue
		}
		input, err := ast.InterfaceToValue(facts)
		if err != nil {
			return Verdict{}, nil, err
		}
		buf := topdown.NewBufferTracer()
		v := e.judge(ctx, b, input, buf)
		vs := []Verdict{v}
		e.applyWaivers(vs)
		var own []*topdown.Event
		for _, ev := range *buf {
			if ev.Location != nil && ev.Location.File == b.pol.File {
				own = append(own, ev)
			}
		}
		return vs[0], own, nil
	}
	return Verdict{}, nil, &problem.Usage{Msg: fmt.Sprintf("QM %s is not active in profile %s", qm, e.prof.Name)}
}

// Judge evaluates facts (a decoded facts document) under prof with the
// embedded policies: LoadPolicies, New and Evaluate in one call, for
// programs and tests that judge once. The gate is not applied.
func Judge(ctx context.Context, prof *profile.Profile, facts any) (*Report, error) {
	pol, err := LoadPolicies("", false)
	if err != nil {
		return nil, err
	}
	e, err := New(ctx, pol, prof)
	if err != nil {
		return nil, err
	}
	return e.Evaluate(ctx, facts)
}
