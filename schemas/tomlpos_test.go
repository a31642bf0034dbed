package schemas

import "testing"

func TestPositions(t *testing.T) {
	src := `# comment
title = """multi
line "" with = signs
"""
a.b."c.d" = [1, { x = 2, y = [3, 4] },
  'lit'] # trailing

[t1]
k = 'it''s' 
[[arr]]
v = 1
[[arr]]
v = 2
w = { "q k" = "}", n = { m = true } }
`
	pos := positions([]byte(src))
	want := map[string]Pos{
		"/title":         {2, 1},
		"/a":             {5, 1},
		"/a/b/c.d":       {5, 1},
		"/a/b/c.d/1":     {5, 17},
		"/a/b/c.d/1/x":   {5, 19},
		"/a/b/c.d/1/y/1": {5, 34},
		"/a/b/c.d/2":     {6, 3},
		"/t1":            {8, 1},
		"/t1/k":          {9, 1},
		"/arr/0/v":       {11, 1},
		"/arr/1":         {12, 1},
		"/arr/1/v":       {13, 1},
		"/arr/1/w/q k":   {14, 7},
		"/arr/1/w/n/m":   {14, 26},
	}
	for k, w := range want {
		if g, ok := pos[k]; !ok || g != w {
			t.Errorf("%s at %v (found %v), want %v", k, g, ok, w)
		}
	}
}
