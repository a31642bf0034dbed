package output

import (
	"encoding/json"
	"io"

	"github.com/qmcheck/qmcheck/evaluator"
)

// JSON writes the report as the verdicts contract
// (schemas/verdicts.schema.json), indented, with a final newline.
func JSON(w io.Writer, r *evaluator.Report, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
