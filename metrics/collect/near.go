package collect

import (
	"math/bits"
	"sort"
)

// nearPairs finds every pair of 64-bit hashes within Hamming distance d by
// multi-index hashing (Norouzi et al., 2012): the hash is cut into m = 4
// chunks of 16 bits; two hashes within distance d agree within ⌊d/m⌋ bits on
// at least one chunk (pigeonhole), so each hash is compared only with those
// sharing a chunk value within ⌊d/m⌋ bits of its own — 4 × (1 + 16·r) bucket
// look-ups instead of N comparisons. It returns the pairs (i < j) and the
// number of full comparisons made.
func nearPairs(hashes []uint64, d int) ([][2]int, int64) {
	const m = 4
	r := d / m
	var buckets [m]map[uint16][]int32
	for c := range buckets {
		buckets[c] = map[uint16][]int32{}
	}
	// Chunk values within r bits of v (r ≤ 2 in practice).
	var probes func(v uint16, r int, from int, out []uint16) []uint16
	probes = func(v uint16, r, from int, out []uint16) []uint16 {
		out = append(out, v)
		if r == 0 {
			return out
		}
		for b := from; b < 16; b++ {
			out = probes(v^(1<<b), r-1, b+1, out)
		}
		return out
	}
	seen := make([]int32, len(hashes)) // last i that compared with j, plus one
	var pairs [][2]int
	var comparisons int64
	var keys []uint16
	for i, h := range hashes {
		for c := 0; c < m; c++ {
			v := uint16(h >> (16 * c))
			keys = probes(v, r, 0, keys[:0])
			for _, k := range keys {
				for _, j := range buckets[c][k] {
					if seen[j] == int32(i)+1 {
						continue
					}
					seen[j] = int32(i) + 1
					comparisons++
					if bits.OnesCount64(h^hashes[j]) <= d {
						pairs = append(pairs, [2]int{int(j), i})
					}
				}
			}
		}
		for c := 0; c < m; c++ {
			v := uint16(h >> (16 * c))
			buckets[c][v] = append(buckets[c][v], int32(i))
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a][0] != pairs[b][0] {
			return pairs[a][0] < pairs[b][0]
		}
		return pairs[a][1] < pairs[b][1]
	})
	return pairs, comparisons
}

// components groups n items joined by pairs (union-find), returning the
// groups of two or more, each sorted, ordered by their first member.
func components(n int, pairs [][2]int) [][]int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, p := range pairs {
		a, b := find(p[0]), find(p[1])
		if a != b {
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	byRoot := map[int][]int{}
	for i := 0; i < n; i++ {
		byRoot[find(i)] = append(byRoot[find(i)], i)
	}
	var out [][]int
	for _, g := range byRoot {
		if len(g) > 1 {
			sort.Ints(g)
			out = append(out, g)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}
