// Package similar finds near-duplicate initiatives: the folded text is cut
// into shingles (runs of two words), each text keeps a MinHash signature,
// and the signatures are cut into bands so that a new text meets only the
// texts that share a band with it (locality-sensitive hashing): the cost of
// a check stays flat as the years accumulate. The percentage shown is the
// Sørensen–Dice coefficient of the two shingle sets, estimated from the
// signatures.
package similar

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"

	"sangkien/internal/fold"
)

// Size is the number of hash functions of a signature; Bands × Rows = Size.
const (
	Size  = 128
	Rows  = 2
	Bands = Size / Rows
)

// Likely and Similar are the thresholds of the labels: at or above Likely a
// likely duplicate, at or above Similar a similar initiative.
const (
	Likely  = 70
	Similar = 40
)

// Level names the label of a percentage: "duplicate" (≥ Likely), "similar"
// (≥ Similar) or "" below.
func Level(percent int) string {
	switch {
	case percent >= Likely:
		return "duplicate"
	case percent >= Similar:
		return "similar"
	}
	return ""
}

// stopwords are the function words that every form repeats; a shingle of
// them says nothing about the idea.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`va cua cac nhung duoc cho trong la de voi co
		mot nay do khi tu tai theo ve den nhu thi ma hoac cung da se dang bi boi
		tren duoi sau truoc ra vao len hon rat nhieu it moi vi nen neu`) {
		stopwords[w] = true
	}
}

// words returns the folded words of s without the stop words.
func words(s string) []string {
	terms := fold.Terms(s)
	out := terms[:0]
	for _, t := range terms {
		if !stopwords[t] {
			out = append(out, t)
		}
	}
	return out
}

// Shingles returns the distinct hashed shingles of text: every two
// consecutive folded words (one word when the text has only one).
func Shingles(text string) []uint64 {
	ws := words(text)
	seen := map[uint64]bool{}
	var out []uint64
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		v := h.Sum64()
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	if len(ws) == 1 {
		add(ws[0])
	}
	for i := 0; i+1 < len(ws); i++ {
		add(ws[i] + " " + ws[i+1])
	}
	return out
}

// seeds are the per-function keys of the signature's hash functions.
var seeds = func() [Size]uint64 {
	var s [Size]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i)*0xbf58476d1ce4e5b9)
		s[i] = x
	}
	return s
}()

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Signature is the MinHash signature of a shingle set.
type Signature [Size]uint32

// Sign returns the signature of text. An empty text gives the signature of
// no shingles, which matches nothing.
func Sign(text string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, sh := range Shingles(text) {
		for i := range sig {
			if v := uint32(mix(sh^seeds[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Empty reports whether sig is the signature of no shingles.
func (s *Signature) Empty() bool {
	for _, v := range s {
		if v != math.MaxUint32 {
			return false
		}
	}
	return true
}

// Bytes encodes the signature for storage.
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*Size)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// FromBytes decodes a stored signature; false when b is not one.
func FromBytes(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*Size {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// BandKeys returns the keys of the signature's bands: two texts that share
// a key are candidates. An empty signature has none.
func (s *Signature) BandKeys() []int64 {
	if s.Empty() {
		return nil
	}
	keys := make([]int64, Bands)
	for b := 0; b < Bands; b++ {
		x := uint64(b) + 1
		for r := 0; r < Rows; r++ {
			x = mix(x*0x9e3779b97f4a7c15 ^ uint64(s[b*Rows+r]))
		}
		keys[b] = int64(x)
	}
	return keys
}

// Percent estimates how much of two texts is the same, 0–100: the Dice
// coefficient 2J/(1+J) of the Jaccard index J that the signatures agree on.
func Percent(a, b *Signature) int {
	if a.Empty() || b.Empty() {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	j := float64(same) / Size
	return int(math.Round(100 * 2 * j / (1 + j)))
}
