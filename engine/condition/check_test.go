package condition

import (
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func TestCheck_Problems(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		codes   []Code
		message string // part of the first problem's message
		fix     string // part of the first problem's fix
	}{
		{"valid opportunity condition", "Probability >= 70 AND StageName IN ('Closed Won', 'closed lost') AND IsWon = true AND CloseDate > 2024-01-01 AND Name LIKE 'A%' AND Colors__c INCLUDES ('Red;Blue') AND Account.Name = 'Acme' AND Account.Industry = 'Energy' AND Location__c IS NULL", nil, "", ""},
		{"unknown field with suggestion", "Probabilty > 5", []Code{CodeUnknownField}, "Opportunity has no field Probabilty.", "Did you mean Probability?"},
		{"unknown field without suggestion", "Zzzzzzzz > 5", []Code{CodeUnknownField}, "no field Zzzzzzzz", "Pick an existing field of Opportunity."},
		{"unknown relationship", "Acount.Name = 'x'", []Code{CodeUnknownField}, "Opportunity has no relationship Acount", "Account"},
		{"unknown field behind relationship", "Account.Nme = 'x'", []Code{CodeUnknownField}, "Account has no field Nme.", "Did you mean Name?"},
		{"unresolved related object is not checked", "Account.Owner.Anything = 5", nil, "", ""},
		{"like on number", "Amount LIKE '1%'", []Code{CodeOperator}, "LIKE does not apply to Amount, a currency field.", "IS NULL"},
		{"includes on picklist", "StageName INCLUDES ('Closed Won')", []Code{CodeOperator}, "INCLUDES does not apply to StageName", "NOT LIKE"},
		{"less than on boolean", "IsWon < true", []Code{CodeOperator}, "< does not apply to IsWon", "="},
		{"equals on other kind", "Location__c = 'x'", []Code{CodeOperator}, "= does not apply to Location__c, a field of a type Liaison does not map.", "IS NULL, IS NOT NULL"},
		{"string for number", "Amount > '5'", []Code{CodeLiteralType}, "Amount is a currency field but is compared with the string '5'.", "Amount > 1000"},
		{"number for string", "Name = 5", []Code{CodeLiteralType}, "compared with the number 5", "'Closed Won'"},
		{"number for boolean", "IsWon = 1", []Code{CodeLiteralType}, "compared with the number 1", "true"},
		{"datetime for date", "CloseDate = 2024-01-01T00:00:00Z", []Code{CodeLiteralType}, "date-time", "2024-01-31"},
		{"date for datetime", "LastModifiedDate > 2024-01-01", []Code{CodeLiteralType}, "the date 2024-01-01", "2024-01-31T09:30:00Z"},
		{"mixed list", "Amount IN (1, 'two', 3)", []Code{CodeLiteralType}, "the string 'two'", "Amount = 1000"},
		{"unknown picklist value", "StageName = 'Closed Wonn'", []Code{CodePicklistValue}, "StageName has no picklist value 'Closed Wonn'.", "'Closed Won'"},
		{"unknown picklist value in list", "StageName NOT IN ('Prospecting', 'Lost')", []Code{CodePicklistValue}, "'Lost'", "'Prospecting'"},
		{"unknown multi value part", "Colors__c INCLUDES ('Red;Pink', 'Teal')", []Code{CodePicklistValue, CodePicklistValue}, "'Pink'", "'Red', 'Green', 'Blue'"},
		{"picklist like is not a value", "StageName LIKE 'Clo%'", nil, "", ""},
		{"several problems", "Nope = 1 OR Amount LIKE 'x'", []Code{CodeUnknownField, CodeOperator}, "no field Nope", ""},
		{"duration compares with days", "Duration > 5", nil, "", ""},
		{"long text area", "Notes__c LIKE '%urgent%'", []Code{CodeNotFilterable}, "Notes__c cannot be used in a condition", "Compare another field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj := opportunity
			if strings.HasPrefix(tt.src, "Duration") {
				obj = project
			}
			problems := Check(MustParse(tt.src), obj, relatedObjects)
			if len(problems) != len(tt.codes) {
				t.Fatalf("Check(%q) = %+v, want codes %v", tt.src, problems, tt.codes)
			}
			for i, c := range tt.codes {
				if problems[i].Code != c {
					t.Errorf("problem %d code = %s, want %s", i, problems[i].Code, c)
				}
				if problems[i].Field == "" {
					t.Errorf("problem %d names no field", i)
				}
			}
			if len(problems) == 0 {
				return
			}
			if !strings.Contains(problems[0].Message, tt.message) {
				t.Errorf("message = %q, want it to contain %q", problems[0].Message, tt.message)
			}
			if !strings.Contains(problems[0].Fix, tt.fix) {
				t.Errorf("fix = %q, want it to contain %q", problems[0].Fix, tt.fix)
			}
		})
	}
}

func TestCheck_WithoutRelated(t *testing.T) {
	problems := Check(MustParse("Account.Nme = 'x'"), opportunity, nil)
	if len(problems) != 0 {
		t.Errorf("Check without a related lookup = %+v, want no problems", problems)
	}
}

func TestCheck_ClarizenReferenceByFieldName(t *testing.T) {
	user := schema.Object{Name: "User", Fields: []schema.Field{{Name: "Email", Kind: schema.KindEmail}}}
	related := func(name string) (schema.Object, bool) { return user, name == "User" }
	if p := Check(MustParse("Manager.Email LIKE '%@example.com'"), project, related); len(p) != 0 {
		t.Errorf("Check = %+v, want no problems", p)
	}
	if p := Check(MustParse("Manager.Mail = 'x'"), project, related); len(p) != 1 || p[0].Code != CodeUnknownField {
		t.Errorf("Check = %+v, want one unknown_field problem", p)
	}
}

func TestOperators_EveryKind(t *testing.T) {
	kinds := []schema.Kind{
		schema.KindID, schema.KindString, schema.KindTextArea, schema.KindEmail, schema.KindPhone, schema.KindURL,
		schema.KindBoolean, schema.KindInteger, schema.KindDouble, schema.KindPercent, schema.KindCurrency,
		schema.KindDate, schema.KindDateTime, schema.KindPicklist, schema.KindMultiPicklist, schema.KindReference,
		schema.KindDuration, schema.KindOther,
	}
	for _, k := range kinds {
		t.Run(string(k), func(t *testing.T) {
			ops := Operators(k)
			if !AllowsOp(k, OpIsNull) || !AllowsOp(k, OpIsNotNull) {
				t.Errorf("%s does not allow the null tests", k)
			}
			if AllowsOp(k, OpLike) != (k == schema.KindString || k == schema.KindTextArea || k == schema.KindEmail ||
				k == schema.KindPhone || k == schema.KindURL || k == schema.KindPicklist) {
				t.Errorf("%s LIKE allowed = %v", k, AllowsOp(k, OpLike))
			}
			if AllowsOp(k, OpIncludes) != (k == schema.KindMultiPicklist) {
				t.Errorf("%s INCLUDES allowed = %v", k, AllowsOp(k, OpIncludes))
			}
			ops[0] = "changed"
			if Operators(k)[0] == "changed" {
				t.Error("Operators returns a shared slice")
			}
		})
	}
}
