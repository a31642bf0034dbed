//go:build !turbojpeg || !cgo

package imageio

// jpegDecoderName is recorded in the facts (collector.decoder).
const jpegDecoderName = "go image/jpeg"
