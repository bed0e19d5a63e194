package mapping

import (
	"strings"

	"github.com/liaison-sync/liaison/engine/condition"
	"github.com/liaison-sync/liaison/engine/schema"
)

// Problem is one reason a mapping or event cannot be enabled (an error) or
// may not behave as the admin expects (a warning). The UI shows it next to
// the field it names.
type Problem struct {
	Severity Severity `json:"severity"`
	// Owner is "mapping" or "event"; OwnerID and OwnerName identify it.
	Owner     string `json:"owner"`
	OwnerID   string `json:"ownerId"`
	OwnerName string `json:"ownerName"`
	// Side, Object and Field locate the problem; any may be empty.
	Side       schema.Side `json:"side,omitempty"`
	Object     string      `json:"object,omitempty"`
	Field      string      `json:"field,omitempty"`
	FieldMapID string      `json:"fieldMapId,omitempty"`
	// Part names the part of the definition that has the problem when it is
	// not a field map: "templateRules[0]", "links[1]", "target" and so on.
	Part    string      `json:"part,omitempty"`
	Code    ProblemCode `json:"code"`
	Message string      `json:"message"`
	Fix     string      `json:"fix"`
}

// String returns the message and the fix as one line.
func (p Problem) String() string { return p.Message + " " + p.Fix }

// Severity is the weight of a problem: errors block enabling, warnings do not.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// ProblemCode classifies a Problem so that callers branch without reading
// text.
type ProblemCode string

// Problem codes.
const (
	CodeInvalidSetting        ProblemCode = "invalid_setting"
	CodeDuplicateID           ProblemCode = "duplicate_id"
	CodeUnknownObject         ProblemCode = "unknown_object"
	CodeUnknownField          ProblemCode = "unknown_field"
	CodeMissingKeyField       ProblemCode = "missing_key_field"
	CodeIncompatibleTypes     ProblemCode = "incompatible_types"
	CodeNoReferenceMapping    ProblemCode = "no_reference_mapping"
	CodeReadOnlyField         ProblemCode = "read_only_field"
	CodeTargetShorter         ProblemCode = "target_shorter"
	CodeNoPicklistCounterpart ProblemCode = "no_picklist_counterpart"
	CodeNotTemplatable        ProblemCode = "templates_not_supported"
	CodeInvalidCondition      ProblemCode = "invalid_condition"
	CodeUnknownMapping        ProblemCode = "unknown_mapping"
	CodeMappingMismatch       ProblemCode = "mapping_mismatch"
	CodeInvalidConstant       ProblemCode = "invalid_constant"
	CodeNoFeed                ProblemCode = "no_feed"
	CodeNotCreateable         ProblemCode = "object_not_createable"
	CodeRequiredOnCreate      ProblemCode = "required_on_create"
	CodeUnreachableRule       ProblemCode = "unreachable_rule"
)

// HasErrors reports whether any problem blocks enabling.
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Describer returns live describes of both sides. The caller supplies it,
// usually from cached describe results, so validation does no I/O.
type Describer interface {
	DescribeSalesforce(object string) (schema.Object, bool)
	DescribeClarizen(instance int, entity string) (schema.Object, bool)
}

// Catalog is a Describer over describes already at hand. Names match
// case-insensitively, as both APIs match them.
type Catalog struct {
	Salesforce []schema.Object
	// Clarizen holds each instance's entity describes, keyed by instance
	// number (1 or 2).
	Clarizen map[int][]schema.Object
}

// DescribeSalesforce returns the named Salesforce object.
func (c Catalog) DescribeSalesforce(object string) (schema.Object, bool) {
	return findObject(c.Salesforce, object)
}

// DescribeClarizen returns the named entity of a Clarizen instance.
func (c Catalog) DescribeClarizen(instance int, entity string) (schema.Object, bool) {
	return findObject(c.Clarizen[instance], entity)
}

func findObject(objs []schema.Object, name string) (schema.Object, bool) {
	for _, o := range objs {
		if strings.EqualFold(o.Name, name) {
			return o, true
		}
	}
	return schema.Object{}, false
}

func kindPhrase(k schema.Kind) string { return condition.KindPhrase(k) }
