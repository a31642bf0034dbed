package report

import "html/template"

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{.Tool}}">
<title>{{.Title}}</title>
<style>
:root{--ink:#1d2430;--muted:#5b6573;--line:#dde2e8;--bg:#f6f7f9;--card:#fff;
--pass:#1a7f37;--caution:#9a6700;--fail:#cf222e;--na:#6e7781;--error:#8250df;
--pass-bg:#dafbe1;--caution-bg:#fff8c5;--fail-bg:#ffebe9;--na-bg:#eaeef2;--error-bg:#fbefff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "Liberation Sans","DejaVu Sans",Arial,Helvetica,sans-serif}
header{background:#1d2430;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header .meta{color:#c9d1d9;font-size:12.5px}
header .meta span{margin-right:14px;white-space:nowrap}
nav{background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;font-size:13px}
nav a{margin-right:18px;color:#0969da;text-decoration:none}
main{max-width:1180px;margin:0 auto;padding:20px 32px 40px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:0 0 18px}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:15px;margin:18px 0 8px}
p{margin:6px 0}
.muted{color:var(--muted)}
.small{font-size:12.5px}
code,.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;font-size:12px}
.overview{display:grid;grid-template-columns:260px 1fr;gap:22px;align-items:start}
.score{border-radius:8px;padding:14px 16px;text-align:center;border:1px solid var(--line)}
.score .n{font-size:52px;font-weight:700;line-height:1}
.score .of{font-size:16px;color:var(--muted)}
.score.good{background:var(--pass-bg)}.score.good .n{color:var(--pass)}
.score.fair{background:var(--caution-bg)}.score.fair .n{color:var(--caution)}
.score.poor{background:var(--fail-bg)}.score.poor .n{color:var(--fail)}
.score.none{background:var(--na-bg)}.score.none .n{color:var(--na);font-size:28px}
.formula{font-size:12.5px;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:8px 0}
.bar{display:flex;height:22px;border-radius:5px;overflow:hidden;margin:10px 0 6px;border:1px solid var(--line)}
.bar div{color:#fff;font-size:11.5px;line-height:22px;text-align:center;white-space:nowrap;overflow:hidden}
.bar .pass{background:var(--pass)}.bar .caution{background:#bf8700}.bar .fail{background:var(--fail)}.bar .na{background:#8c959f}.bar .error{background:var(--error)}
.glance{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:13px;margin-top:10px}
.glance dt{color:var(--muted)}.glance dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc}
table.verdicts td.qm{font-weight:600;white-space:nowrap}
table.verdicts td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.thr{color:var(--muted);font-size:11.5px;white-space:normal}
.alias{color:var(--muted);font-size:11.5px}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.pass{background:var(--pass-bg);color:var(--pass)}
.badge.caution{background:var(--caution-bg);color:var(--caution)}
.badge.fail{background:var(--fail-bg);color:var(--fail)}
.badge.na{background:var(--na-bg);color:var(--na)}
.badge.error{background:var(--error-bg);color:var(--error)}
.sev-critical{color:var(--fail);font-weight:600}.sev-high{color:#bc4c00}.sev-medium{color:var(--ink)}.sev-low{color:var(--muted)}
details>summary{cursor:pointer}
details>summary::marker{color:var(--muted)}
.more{margin:8px 0 4px;padding:10px 12px;background:var(--bg);border-radius:6px;font-size:12.5px}
.more table{margin:6px 0}
.more th,.more td{padding:3px 6px;background:transparent}
.more dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
.more dt{color:var(--muted)}.more dd{margin:0}
.rx h3{display:flex;align-items:center;gap:8px}
.rx h3 .tag{font-size:11px;font-weight:600;border-radius:4px;padding:1px 7px;color:#fff}
.tag.bulk-up{background:#0969da}.tag.diet{background:#bc4c00}.tag.relabel{background:#8250df}.tag.repair{background:#cf222e}.tag.review{background:#57606a}
.rx ol{margin:4px 0 10px;padding-left:22px}
.rx li{margin:6px 0}
.basis{color:var(--muted);font-size:12px}
.none{color:var(--muted);font-style:italic}
.thumbs{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
.group{display:flex;flex-wrap:wrap;gap:6px;max-width:100%;padding:5px;border:1px dashed #c3cad3;border-radius:6px;margin:4px 8px 4px 0}
figure.thumb{margin:0;width:84px;text-align:center}
figure.thumb img{display:block;margin:0 auto;image-rendering:pixelated;border:1px solid var(--line);border-radius:3px;background:#fff}
figure.thumb figcaption{font-size:10.5px;color:var(--muted);overflow-wrap:anywhere;line-height:1.25;margin-top:2px}
.id{display:inline-block;font-family:"DejaVu Sans Mono",monospace;font-size:11px;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:0 5px;margin:1px 2px}
.id.err{border-color:#e6b3b3}
.charts{display:grid;grid-template-columns:1fr;gap:16px}
figure.chart{margin:0}
figure.chart figcaption{font-size:12.5px;color:var(--muted);margin-top:4px}
figure.chart figcaption b{color:var(--ink)}
svg.plot{width:100%;height:auto;max-width:780px;display:block;background:#fff}
.missing{padding:14px;border:1px dashed #c3cad3;border-radius:6px;background:#fafbfc;color:var(--muted)}
table.small td,table.small th{font-size:12px;padding:3px 8px}
footer{max-width:1180px;margin:0 auto;padding:0 32px 30px;color:var(--muted);font-size:12px}
@media print{nav{display:none}section{break-inside:avoid-page}details>.more{display:block}}
</style>
</head>
<body>
<header>
<h1>Data quality report: {{.Dataset}}</h1>
<div class="meta"><span>profile <b>{{.Profile}}</b>{{if .ProfileTitle}} ({{.ProfileTitle}}){{end}}</span>{{if .FactsFile}}<span>facts {{.FactsFile}}</span>{{end}}{{if .VerdictsFile}}<span>verdicts {{.VerdictsFile}}</span>{{end}}{{if .SchemaVersion}}<span>facts schema {{.SchemaVersion}}</span>{{end}}{{if .Fingerprint}}<span class="mono">{{.Fingerprint}}</span>{{end}}<span>{{.Tool}}</span></div>
</header>
<nav><a href="#overview">Overview</a><a href="#verdicts">Verdicts</a><a href="#prescriptions">Prescriptions</a><a href="#level1">Images and classes</a><a href="#lenses">Lenses</a></nav>
<main>
<section id="overview">
<h2>Overview</h2>
<div class="overview">
<div>
<div class="score {{.ScoreBand}}" id="score" data-score="{{if .Score.Valid}}{{printf "%.1f" .Score.Value}}{{end}}"><div class="n">{{if .Score.Valid}}{{printf "%.0f" .Score.Value}}{{else}}no score{{end}}</div>{{if .Score.Valid}}<div class="of">out of 100</div>{{end}}</div>
<div class="formula"><b>How the score is computed.</b> {{.ScoreFormula}}.<br><b>Here:</b> {{.ScoreArithmetic}}.</div>
</div>
<div>
<p><b>{{.SummaryLine}}</b>{{if .Gate}} — {{.Gate}}{{end}}</p>
<div class="bar" role="img" aria-label="{{.SummaryLine}}">{{range .Bar}}<div class="{{.Class}}" style="width:{{.Pct}}%" title="{{.N}} {{.Label}}">{{.N}}{{if .Wide}} {{.Label}}{{end}}</div>{{end}}</div>
{{if .Description}}<p class="muted small">{{.Description}}</p>{{end}}
<dl class="glance">{{range .Glance}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>{{end}}</dl>
</div>
</div>
</section>

<section id="verdicts">
<h2>Verdicts</h2>
<p class="muted small">One row per quality measure of the profile. Open a finding for its evidence (JSON pointers into the facts, with their values) and the rule that judged it.</p>
<table class="verdicts">
<thead><tr><th>QM</th><th>Name and aliases</th><th>Verdict</th><th>Severity</th><th>Value vs thresholds</th><th>Finding</th></tr></thead>
<tbody>
{{range .Verdicts}}<tr id="qm-{{.QM}}" class="v-{{.Word}}" data-qm="{{.QM}}" data-verdict="{{.Word}}">
<td class="qm">{{.QM}}</td>
<td>{{.Name}}{{range .Aliases}}<div class="alias">{{.}}</div>{{end}}</td>
<td><span class="badge {{.Word}}">{{.Label}}</span></td>
<td class="sev-{{.Severity}}">{{.Severity}}</td>
<td class="num">{{.Value}}{{if .Thresholds}}<div class="thr">{{.Thresholds}}</div>{{end}}</td>
<td><details><summary class="finding">{{.Finding}}</summary>
<div class="more">
{{if .Waiver}}<p><b>Waiver:</b> {{.Waiver}}</p>{{end}}
{{if .Function}}<p><b>X =</b> {{.Function}}</p>{{end}}
{{if .Evidence}}<table class="evidence"><thead><tr><th>fact (JSON pointer)</th><th>value</th></tr></thead><tbody>{{range .Evidence}}<tr><td><code>{{.Fact}}</code></td><td><code>{{.Value}}</code></td></tr>{{end}}</tbody></table>{{else}}<p class="none">no evidence listed</p>{{end}}
<dl>
{{if .Characteristic}}<dt>characteristic</dt><dd>{{.Characteristic}}</dd>{{end}}
{{if .Standard}}<dt>ISO/IEC 5259-2</dt><dd>{{range $i, $s := .Standard}}{{if $i}}; {{end}}{{$s}}{{end}}</dd>{{end}}
<dt>rule</dt><dd><code>{{.Rule}}</code></dd>
{{with .Meta}}<dt>title</dt><dd>{{.Title}}</dd>
<dt>description</dt><dd>{{.Description}}</dd>
{{if .Function}}<dt>function</dt><dd>{{.Function}}</dd>{{end}}
{{if .Confidence}}<dt>confidence</dt><dd>{{.Confidence}} (of the source text of the QM)</dd>{{end}}
{{if .Inputs}}<dt>reads</dt><dd>{{range $i, $x := .Inputs}}{{if $i}}, {{end}}<code>{{$x}}</code>{{end}}</dd>{{end}}
<dt>policy file</dt><dd><code>{{.File}}:{{.Row}}</code></dd>{{end}}
{{range .MetaThresholds}}<dt>threshold <code>{{index . 0}}</code></dt><dd>{{index . 1}}</dd>{{end}}
{{if not .Meta}}<dt>METADATA</dt><dd class="none">not available (no policies given)</dd>{{end}}
</dl>
</div></details></td>
</tr>
{{end}}</tbody>
</table>
</section>

<section id="prescriptions" class="rx">
<h2>Prescriptions</h2>
<p class="muted small">Concrete actions read off the facts, not verdicts: each names the classes or samples and the measurement it rests on. {{.ImagesNote}}</p>
{{range .Prescriptions}}<h3 id="rx-{{.Kind}}"><span class="tag {{.Kind}}">{{.Title}}</span> <span class="muted small">{{.Intro}}</span></h3>
{{if .Items}}<ol>{{range .Items}}<li><b>{{.Action}}</b>{{if .More}} <span class="muted">(and {{.More}} more)</span>{{end}}<div class="basis">{{.Basis}} · <code>{{.Fact}}</code></div>
{{if .Thumbs}}<div class="thumbs">{{range .Thumbs}}{{template "thumb" .}}{{end}}</div>{{end}}
{{if .Groups}}<div class="thumbs">{{range .Groups}}<div class="group">{{range .}}{{template "thumb" .}}{{end}}</div>{{end}}</div>{{end}}
</li>{{end}}</ol>{{else}}<p class="none">nothing to prescribe from these facts</p>{{end}}
{{end}}
{{if .Unmeasured}}<h3>Not prescribed</h3><ul class="small muted">{{range .Unmeasured}}<li>{{.}}</li>{{end}}</ul>{{end}}
</section>

<section id="level1">
<h2>Images and classes</h2>
<div class="charts">{{range .Level1}}{{template "chart" .}}{{end}}</div>
</section>

<section id="lenses">
<h2>Lenses</h2>
{{if .NoLens}}<div class="missing" data-chart="lenses">{{.NoLens}}</div>{{end}}
{{range .Lenses}}<h3 id="lens-{{.Slug}}">Lens {{.Name}}</h3>
{{if .About}}<p class="muted small">{{.About}}</p>{{end}}
<div class="charts">{{range .Charts}}{{template "chart" .}}{{end}}</div>
<h3>Densest samples of lens {{.Name}}</h3>
<p class="muted small">{{.DensestNote}}</p>
{{if .Densest}}<div class="thumbs">{{range .Densest}}{{template "thumb" .}}{{end}}</div>{{end}}
<h3>Sparsest samples of lens {{.Name}}</h3>
<p class="muted small">{{.SparsestNote}}</p>
{{if .Sparsest}}<div class="thumbs">{{range .Sparsest}}{{template "thumb" .}}{{end}}</div>{{end}}
{{end}}
</section>
</main>
<footer>
<p>Written by {{.Tool}}. Facts are measurements only; the verdicts come from the Rego policies and the thresholds of profile {{.Profile}}. Score weights: {{.Weights}}. This page needs no network and no script.</p>
</footer>
</body>
</html>
{{define "thumb"}}{{if .URI}}<figure class="thumb"><img src="{{.URI}}" width="{{.W}}" height="{{.H}}" alt="{{.ID}}" title="{{.ID}}"><figcaption>{{if .Caption}}{{.Caption}}<br>{{end}}<span class="mono">{{.Name}}</span></figcaption></figure>{{else}}<span class="id{{if .Err}} err{{end}}" title="{{.Err}}">{{.ID}}{{if .Caption}} · {{.Caption}}{{end}}</span>{{end}}{{end}}
{{define "chart"}}<figure class="chart" id="{{.ID}}">{{if .SVG}}{{.SVG}}{{else}}<div class="missing" data-chart="{{.ID}}"><b>{{.Title}}</b>: {{.Missing}}</div>{{end}}
{{if .Table}}<table class="small">{{range $i, $r := .Table}}<tr>{{range $r}}{{if $i}}<td>{{.}}</td>{{else}}<th>{{.}}</th>{{end}}{{end}}</tr>{{end}}</table>{{end}}
{{if .SVG}}<figcaption><b>{{.Title}}.</b> {{.Caption}}</figcaption>{{end}}</figure>{{end}}`
