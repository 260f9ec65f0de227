package hooks

// AuditedCollections exposes auditedCollections to the external tests.
func AuditedCollections() []string { return auditedCollections }
