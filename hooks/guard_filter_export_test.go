package hooks

// FilterAllowed reports whether the allowlist names path for collection
// (exported for the tests of package hooks_test).
func FilterAllowed(collection, path string) bool {
	_, ok := filterAllowlist[collection][path]
	return ok
}

// FilterAllowlist returns the allowlist as collection → name → any-of
// (exported for the tests of package hooks_test).
func FilterAllowlist() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for c, names := range filterAllowlist {
		out[c] = map[string]bool{}
		for n, f := range names {
			out[c][n] = f.AnyOf
		}
	}
	return out
}
