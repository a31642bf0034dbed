// Package summary computes the summary statistics the facts record for a
// measured quantity: count, sum, mean, population standard deviation, min,
// max and quantiles.
package summary

import (
	"math"
	"sort"

	"github.com/qmcheck/qmcheck/metrics/facts"
)

// Quantiles are the ones the facts record, as keys.
var Quantiles = []struct {
	Key string
	Q   float64
}{{"p01", 1}, {"p05", 5}, {"p25", 25}, {"p50", 50}, {"p75", 75}, {"p95", 95}, {"p99", 99}}

// Of summarises values (not modified). The sum runs in sorted order, so the
// result does not depend on the order of values. Empty input gives nil.
func Of(values []float64) *facts.Stats {
	n := len(values)
	if n == 0 {
		return nil
	}
	s := append([]float64(nil), values...)
	sort.Float64s(s)
	var sum float64
	for _, v := range s {
		sum += v
	}
	mean := sum / float64(n)
	var ss float64
	for _, v := range s {
		ss += (v - mean) * (v - mean)
	}
	st := &facts.Stats{Count: int64(n), Sum: facts.F(sum), Mean: facts.F(mean), Std: facts.F(math.Sqrt(ss / float64(n))),
		Min: facts.F(s[0]), Max: facts.F(s[n-1]), Quantiles: map[string]float64{}}
	for _, q := range Quantiles {
		st.Quantiles[q.Key] = Percentile(s, q.Q)
	}
	return st
}

// Percentile is numpy's default (linear) percentile q ∈ [0, 100] of sorted
// values: with h = (n − 1)·q/100, s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
func Percentile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * q / 100
	lo := int(math.Floor(h))
	if lo+1 >= n {
		return sorted[n-1]
	}
	t := h - float64(lo)
	a, b := sorted[lo], sorted[lo+1]
	if t >= 0.5 { // numpy's _lerp, for the same rounding
		return b - (b-a)*(1-t)
	}
	return a + (b-a)*t
}
