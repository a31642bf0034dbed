//go:build !openblas

package knn

// Backend names the BLAS that runs the multiply in this build: gonum's pure-Go
// Sgemm (build with -tags openblas for OpenBLAS).
const Backend = "gonum"
