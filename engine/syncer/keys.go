package syncer

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// keyPrefix starts every idempotency key Liaison writes, so that an admin
// can tell Liaison's ExternalID values from others.
const keyPrefix = "lz"

// createKey returns the idempotency key of a create that scope (a mapping
// id, an event id, or a mapping id plus a link kind) makes for the source
// record sourceID. The same scope and source give the same key in every
// run, so a rerun finds the record an interrupted run created. The key
// becomes the Clarizen ExternalID (and so the entity id) or the value of
// the Salesforce external-id field used by upsert.
//
// The key is "lz" + 8 hex digits of the scope's SHA-256 + "-" + the source
// id (only letters, digits, '-' and '_' kept), at most 80 characters to fit
// a Text(80) external-id field.
func createKey(scope, sourceID string) string {
	sum := sha256.Sum256([]byte(scope))
	// A Clarizen id "/Task/abc" gives "Task_abc".
	source := SanitizeKeyPart(strings.TrimPrefix(sourceID, "/"))
	key := keyPrefix + hex.EncodeToString(sum[:4]) + "-" + source
	if len(key) > 80 {
		// Long source ids (only seen with chained keys) are hashed too.
		whole := sha256.Sum256([]byte(sourceID))
		key = keyPrefix + hex.EncodeToString(sum[:4]) + "-h" + hex.EncodeToString(whole[:16])
	}
	return key
}

// SanitizeKeyPart returns s with the characters that are safe in a
// Clarizen entity id path, a Salesforce external-id URL segment and a
// Salesforce text field kept (ASCII letters, digits and '-'), and every
// other character replaced by '_'. Every writer of idempotency keys uses
// it, so that a key is the same whichever package builds it.
func SanitizeKeyPart(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// updateKey returns the key of an update or delete of one record. It is not
// written to the target; it lets a rerun find the registry row of the same
// operation that an interrupted run left Pending.
func updateKey(op, mappingID, target, recordID string) string {
	return op + ":" + mappingID + ":" + target + ":" + recordID
}
