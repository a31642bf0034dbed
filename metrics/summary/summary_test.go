package summary

import (
	"math"
	"testing"
)

func TestPercentileMatchesNumpy(t *testing.T) {
	// numpy.percentile([1, 2, 3, 4, 10], [0, 25, 50, 90, 100]) = [1, 2, 3, 7.6, 10]
	s := []float64{1, 2, 3, 4, 10}
	for q, want := range map[float64]float64{0: 1, 25: 2, 50: 3, 90: 7.6, 100: 10} {
		if got := Percentile(s, q); math.Abs(got-want) > 1e-12 {
			t.Errorf("p%v = %v, want %v", q, got, want)
		}
	}
	st := Of([]float64{10, 4, 3, 2, 1})
	if *st.Mean != 4 || *st.Min != 1 || *st.Max != 10 || st.Count != 5 || math.Abs(*st.Std-math.Sqrt(10)) > 1e-12 || st.Quantiles["p25"] != 2 {
		t.Errorf("%+v", st)
	}
	if Of(nil) != nil {
		t.Error("empty input")
	}
}
