// Package policies embeds qmcheck's Rego policies, their tests, the QM
// catalogue and the profiles, so that the binary needs no files beside it.
//
// Layout: lib/ (package qmcheck.lib: shared helpers), iso/ (one policy per
// ISO/IEC 5259-2 QM, package qmcheck.iso.<id>), dataclinic/ (the seed
// report's 12 rows, package qmcheck.dataclinic.<id>), catalogue/ (the QM
// catalogue, loaded as data.catalogue) and profiles/ (TOML thresholds).
// Every policy has its _test.rego beside it.
package policies

import (
	"embed"
	"io/fs"
)

//go:embed lib iso dataclinic catalogue profiles
var files embed.FS

// FS returns the embedded policy tree.
func FS() fs.FS { return files }
