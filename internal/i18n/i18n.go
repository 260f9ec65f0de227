// Package i18n holds every Vietnamese string of the program. The strings
// live in pb_public/i18n/vi.json (flat dotted keys), the same file the web
// pages read, so a message is written once for the browser, the API errors,
// the Excel headers and the e-mails.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Path is where the catalog lives inside pb_public.
const Path = "i18n/vi.json"

var (
	mu      sync.RWMutex
	catalog = map[string]string{}
)

// Load reads the catalog from fsys (the pb_public tree) and makes it current.
func Load(fsys fs.FS) error {
	raw, err := fs.ReadFile(fsys, Path)
	if err != nil {
		return fmt.Errorf("i18n: %w", err)
	}
	next := map[string]string{}
	if err := json.Unmarshal(raw, &next); err != nil {
		return fmt.Errorf("i18n: %s: %w", Path, err)
	}
	mu.Lock()
	catalog = next
	mu.Unlock()
	return nil
}

// T returns the string for key with each {name} replaced by the value that
// follows name in args (T("error.deadline_passed", "deadline", "25/09/2026")).
// A missing key returns the key itself, so a gap shows and is never blank.
func T(key string, args ...string) string {
	mu.RLock()
	s, ok := catalog[key]
	mu.RUnlock()
	if !ok {
		s = key
	}
	if len(args) < 2 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Has reports whether key is in the catalog.
func Has(key string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := catalog[key]
	return ok
}
