package hooks

import "os"

// RemoveMigratedFolder removes the folder migratedFolder made, if any; the
// package's TestMain calls it after the tests.
func RemoveMigratedFolder() {
	if migrated.dir != "" {
		os.RemoveAll(migrated.dir)
	}
}
