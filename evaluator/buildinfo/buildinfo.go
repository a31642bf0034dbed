// Package buildinfo names the tool and its version, for the facts a collector
// writes and the verdicts the evaluator writes.
package buildinfo

// Tool is the program's name.
const Tool = "qmcheck"

// Version is qmcheck's version. Facts and verdicts record it; it changes only
// with a release, never with the build, so outputs stay byte-identical.
const Version = "0.1.0"
