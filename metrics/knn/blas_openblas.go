//go:build openblas

package knn

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
*/
import "C"

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"
)

// Backend names the BLAS that runs the multiply in this build.
const Backend = "openblas"

func init() {
	// The workers of this package parallelise; OpenBLAS's own threads would
	// oversubscribe the CPUs.
	C.openblas_set_num_threads(1)
	blas32.Use(netlib.Implementation{})
}
