package evaluator

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Catalogue is the QM catalogue (policies/catalogue/catalogue.json, loaded
// by OPA as data.catalogue): every ISO/IEC 5259-2 QM with its definition,
// measurement function and how well secondary sources confirm it, the seed
// report's IDs as aliases, and qmcheck's own non-ISO measures.
type Catalogue struct {
	Standard         string                      `json:"standard"`
	Caveat           string                      `json:"caveat"`
	ConfidenceLevels map[string]string           `json:"confidence_levels"`
	Sources          map[string]string           `json:"sources"`
	QMs              map[string]Entry            `json:"qms"`
	Aliases          map[string]map[string]Alias `json:"aliases"`
	Extensions       map[string]Entry            `json:"extensions"`
}

// Entry is one QM of the catalogue.
type Entry struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Characteristic string   `json:"characteristic"`
	Group          string   `json:"group"`
	Definition     string   `json:"definition"`
	Function       string   `json:"function"`
	Confidence     string   `json:"confidence"`
	Sources        []string `json:"sources"`
	Note           string   `json:"note,omitempty"`
	Unconfirmed    bool     `json:"unconfirmed,omitempty"`
}

// Alias is an ID as another reading (a profile namespace) uses it.
type Alias struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Meaning         string `json:"meaning"`
	StandardMeaning string `json:"standard_meaning"`
	SameAsStandard  bool   `json:"same_as_standard"`
	BelongsTo       []struct {
		QM       string `json:"qm"`
		Relation string `json:"relation"`
	} `json:"belongs_to"`
	Source string `json:"source"`
}

func decodeCatalogue(doc any) (*Catalogue, error) {
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var c Catalogue
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if len(c.QMs) == 0 {
		return nil, fmt.Errorf("catalogue: no QMs (data.catalogue.qms)")
	}
	return &c, nil
}

// Lookup finds an ID among the standard's QMs or qmcheck's extensions.
func (c *Catalogue) Lookup(id string) (Entry, bool) {
	if e, ok := c.QMs[id]; ok {
		return e, true
	}
	e, ok := c.Extensions[id]
	return e, ok
}

// IDs lists the standard's QM IDs in catalogue order: by characteristic
// group (inherent, inherent-and-system, system, additional), then prefix and
// number.
func (c *Catalogue) IDs() []string {
	rank := map[string]int{"inherent": 0, "inherent-and-system": 1, "system": 2, "additional": 3}
	ids := make([]string, 0, len(c.QMs))
	for id := range c.QMs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := c.QMs[ids[i]], c.QMs[ids[j]]
		if rank[a.Group] != rank[b.Group] {
			return rank[a.Group] < rank[b.Group]
		}
		return idLess(ids[i], ids[j])
	})
	return ids
}

// idLess orders "Bal-ML-2" before "Bal-ML-10".
func idLess(a, b string) bool {
	pa, na := splitID(a)
	pb, nb := splitID(b)
	if pa != pb {
		return pa < pb
	}
	return na < nb
}

func splitID(id string) (string, int) {
	n, mul, i := 0, 1, len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		n += int(id[i-1]-'0') * mul
		mul *= 10
		i--
	}
	return id[:i], n
}
