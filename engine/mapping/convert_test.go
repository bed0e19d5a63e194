package mapping

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/schema"
)

func kindField(name string, k schema.Kind) schema.Field { return schema.Field{Name: name, Kind: k} }

func restricted(name string, k schema.Kind, values ...string) schema.Field {
	f := kindField(name, k)
	f.Picklist = picklist(values...)
	f.RestrictedPicklist = true
	return f
}

func TestConversion_Convert(t *testing.T) {
	tests := []struct {
		name     string
		dir      Direction
		src, dst schema.Field
		valueMap map[string]string
		truncate bool
		currency string
		in       any
		want     any
		wantCode ConversionCode
		wantCur  string
	}{
		// Null and empty text.
		{name: "null stays null", dir: ToClarizen, src: kindField("Name", schema.KindString), dst: kindField("Name", schema.KindString), in: nil, want: nil},
		{name: "empty string stays empty", dir: ToClarizen, src: kindField("Name", schema.KindString), dst: kindField("Name", schema.KindString), in: "", want: ""},
		{name: "null currency stays null", dir: ToClarizen, src: kindField("A", schema.KindCurrency), dst: kindField("B", schema.KindCurrency), in: nil, want: nil},
		// Text.
		{name: "text", dir: ToClarizen, src: kindField("Name", schema.KindString), dst: kindField("Name", schema.KindTextArea), in: "Acme", want: "Acme"},
		{name: "text at max length", dir: ToClarizen, src: kindField("A", schema.KindString), dst: text("B", 4), in: "Zürü", want: "Zürü"},
		{name: "text too long", dir: ToClarizen, src: kindField("A", schema.KindString), dst: text("B", 3), in: "Zürich", wantCode: CodeTooLong},
		{name: "text truncated by characters", dir: FromClarizen, src: kindField("A", schema.KindString), dst: text("B", 3), truncate: true, in: "Zürich", want: "Zür"},
		{name: "id as text", dir: ToClarizen, src: kindField("Id", schema.KindID), dst: kindField("SfExternalId", schema.KindString), in: "006000000000001AAA", want: "006000000000001AAA"},
		{name: "number into text rejected", dir: ToClarizen, src: kindField("A", schema.KindString), dst: kindField("B", schema.KindString), in: 5.0, wantCode: CodeWrongType},
		{name: "raw json text", dir: FromClarizen, src: kindField("A", schema.KindString), dst: kindField("B", schema.KindString), in: json.RawMessage(`"x"`), want: "x"},
		// Numbers.
		{name: "double", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindDouble), in: 2.5, want: 2.5},
		{name: "json number", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindDouble), in: json.Number("2.5"), want: 2.5},
		{name: "percent to double keeps scale", dir: ToClarizen, src: kindField("Probability", schema.KindPercent), dst: kindField("P", schema.KindPercent), in: 70.0, want: 70.0},
		{name: "whole double into integer", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindInteger), in: 5.0, want: 5.0},
		{name: "fraction into integer", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindInteger), in: 5.5, wantCode: CodeNotWhole},
		{name: "text into number rejected", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindDouble), in: "many", wantCode: CodeWrongType},
		{name: "bool into number rejected", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("B", schema.KindDouble), in: true, wantCode: CodeWrongType},
		// Currency.
		{name: "currency to money with record code", dir: ToClarizen, src: kindField("Amount", schema.KindCurrency), dst: kindField("PlannedBudget", schema.KindCurrency),
			currency: "EUR", in: 1200.5, want: map[string]any{"value": 1200.5, "currency": "EUR"}},
		{name: "currency to money without code", dir: ToClarizen, src: kindField("Amount", schema.KindCurrency), dst: kindField("PlannedBudget", schema.KindCurrency), in: 1.0, wantCode: CodeNoCurrency},
		{name: "double to money", dir: ToClarizen, src: kindField("A", schema.KindDouble), dst: kindField("PlannedBudget", schema.KindCurrency), currency: "USD", in: 3.0, want: map[string]any{"value": 3.0, "currency": "USD"}},
		{name: "money to currency keeps code", dir: FromClarizen, src: kindField("PlannedBudget", schema.KindCurrency), dst: kindField("Amount", schema.KindCurrency),
			currency: "GBP", in: map[string]any{"value": 99.0, "currency": "GBP"}, want: 99.0, wantCur: "GBP"},
		{name: "money to currency without record code", dir: FromClarizen, src: kindField("PlannedBudget", schema.KindCurrency), dst: kindField("Amount", schema.KindCurrency),
			in: map[string]any{"value": 99.0, "currency": "JPY"}, want: 99.0, wantCur: "JPY"},
		{name: "money in other currency", dir: FromClarizen, src: kindField("PlannedBudget", schema.KindCurrency), dst: kindField("Amount", schema.KindCurrency),
			currency: "USD", in: map[string]any{"value": 99.0, "currency": "EUR"}, wantCode: CodeCurrencyMismatch},
		{name: "money to double drops code", dir: FromClarizen, src: kindField("PlannedBudget", schema.KindCurrency), dst: kindField("A", schema.KindDouble),
			in: map[string]any{"value": 7.25, "currency": "EUR"}, want: 7.25},
		// Duration.
		{name: "duration hours to days", dir: FromClarizen, src: kindField("Work", schema.KindDuration), dst: kindField("Effort", schema.KindDouble),
			in: map[string]any{"value": 12.0, "unit": "Hours"}, want: 1.5},
		{name: "duration weeks to days", dir: FromClarizen, src: kindField("Work", schema.KindDuration), dst: kindField("Effort", schema.KindDouble),
			in: map[string]any{"unit": "Weeks", "value": 2.0}, want: 10.0},
		{name: "days to duration", dir: ToClarizen, src: kindField("Effort", schema.KindDouble), dst: kindField("Work", schema.KindDuration),
			in: 3.5, want: map[string]any{"value": 3.5, "unit": "Days"}},
		{name: "unknown duration unit", dir: FromClarizen, src: kindField("Work", schema.KindDuration), dst: kindField("Effort", schema.KindDouble),
			in: map[string]any{"unit": "Sprints", "value": 2.0}, wantCode: CodeWrongType},
		// Boolean.
		{name: "boolean", dir: ToClarizen, src: kindField("A", schema.KindBoolean), dst: kindField("B", schema.KindBoolean), in: false, want: false},
		{name: "text into boolean rejected", dir: ToClarizen, src: kindField("A", schema.KindBoolean), dst: kindField("B", schema.KindBoolean), in: "true", wantCode: CodeWrongType},
		// Dates.
		{name: "date stays the same day", dir: ToClarizen, src: kindField("CloseDate", schema.KindDate), dst: kindField("D", schema.KindDate), in: "2024-02-29", want: "2024-02-29"},
		{name: "date into clarizen date-time keeps the day", dir: ToClarizen, src: kindField("Start__c", schema.KindDate), dst: kindField("StartDate", schema.KindDateTime), in: "2024-12-31", want: "2024-12-31"},
		{name: "date into salesforce date-time is midnight UTC", dir: FromClarizen, src: kindField("D", schema.KindDate), dst: kindField("Due__c", schema.KindDateTime), in: "2024-12-31", want: "2024-12-31T00:00:00.000Z"},
		{name: "zone-less clarizen date-time to date keeps the written day", dir: FromClarizen, src: kindField("DueDate", schema.KindDateTime), dst: kindField("Due__c", schema.KindDate),
			in: "2024-03-31T23:30:00.0000000", want: "2024-03-31"},
		{name: "salesforce date-time to date is the UTC day", dir: ToClarizen, src: kindField("LastModifiedDate", schema.KindDateTime), dst: kindField("D", schema.KindDate),
			in: "2024-03-31T23:30:00.000-0200", want: "2024-04-01"},
		{name: "salesforce date-time to clarizen is UTC", dir: ToClarizen, src: kindField("A", schema.KindDateTime), dst: kindField("B", schema.KindDateTime),
			in: "2024-03-31T23:30:00.000+0200", want: "2024-03-31T21:30:00"},
		{name: "clarizen date-time to salesforce is UTC", dir: FromClarizen, src: kindField("DueDate", schema.KindDateTime), dst: kindField("Due__c", schema.KindDateTime),
			in: "2014-11-03T08:00:00.0000000", want: "2014-11-03T08:00:00.000Z"},
		{name: "bad date", dir: ToClarizen, src: kindField("A", schema.KindDate), dst: kindField("B", schema.KindDate), in: "31/12/2024", wantCode: CodeWrongType},
		// Picklists.
		{name: "picklist by value", dir: ToClarizen, src: kindField("Status__c", schema.KindPicklist), dst: restricted("State", schema.KindPicklist, "Draft", "Active"), in: "Active", want: "Active"},
		{name: "picklist through value map", dir: ToClarizen, src: kindField("Status__c", schema.KindPicklist), dst: restricted("State", schema.KindPicklist, "Completed"),
			valueMap: map[string]string{"Done": "Completed"}, in: "Done", want: "Completed"},
		{name: "value map ignores case", dir: ToClarizen, src: kindField("Status__c", schema.KindPicklist), dst: restricted("State", schema.KindPicklist, "Completed"),
			valueMap: map[string]string{"Done": "Completed"}, in: "done", want: "Completed"},
		{name: "clarizen picklist id to salesforce", dir: FromClarizen, src: kindField("State", schema.KindPicklist), dst: kindField("Status__c", schema.KindPicklist),
			valueMap: map[string]string{"Completed": "Done"}, in: map[string]any{"id": "/State/Completed"}, want: "Done"},
		{name: "restricted picklist rejects unknown", dir: ToClarizen, src: kindField("Status__c", schema.KindPicklist), dst: restricted("State", schema.KindPicklist, "Draft"), in: "Gone", wantCode: CodeUnknownPicklistValue},
		{name: "open picklist takes unknown", dir: ToClarizen, src: kindField("Status__c", schema.KindPicklist), dst: kindField("State", schema.KindPicklist), in: "Gone", want: "Gone"},
		{name: "picklist as text", dir: FromClarizen, src: kindField("State", schema.KindPicklist), dst: kindField("S", schema.KindString), in: map[string]any{"id": "/State/Active"}, want: "Active"},
		// Multi-select picklists.
		{name: "multi to clarizen list", dir: ToClarizen, src: kindField("Tags__c", schema.KindMultiPicklist), dst: kindField("C_Tags", schema.KindMultiPicklist),
			valueMap: map[string]string{"b": "B"}, in: "a;b", want: []any{"a", "B"}},
		{name: "clarizen list to multi", dir: FromClarizen, src: kindField("C_Tags", schema.KindMultiPicklist), dst: kindField("Tags__c", schema.KindMultiPicklist),
			in: []any{"a", "b"}, want: "a;b"},
		{name: "clarizen multi id to multi", dir: FromClarizen, src: kindField("C_Tags", schema.KindMultiPicklist), dst: kindField("Tags__c", schema.KindMultiPicklist),
			in: map[string]any{"id": "/C_Tags/x;y"}, want: "x;y"},
		{name: "multi restricted rejects a value", dir: ToClarizen, src: kindField("Tags__c", schema.KindMultiPicklist), dst: restricted("C_Tags", schema.KindMultiPicklist, "a"), in: "a;z", wantCode: CodeUnknownPicklistValue},
		{name: "empty selection to salesforce is null", dir: FromClarizen, src: kindField("C_Tags", schema.KindMultiPicklist), dst: kindField("Tags__c", schema.KindMultiPicklist),
			in: []any{}, want: nil},
		{name: "empty selection to clarizen is null", dir: ToClarizen, src: kindField("Tags__c", schema.KindMultiPicklist), dst: kindField("C_Tags", schema.KindMultiPicklist),
			in: "", want: nil},
		{name: "multi as text", dir: ToClarizen, src: kindField("Tags__c", schema.KindMultiPicklist), dst: kindField("T", schema.KindString), in: "a;b", want: "a;b"},
		{name: "picklist into multi", dir: ToClarizen, src: kindField("S", schema.KindPicklist), dst: kindField("C_Tags", schema.KindMultiPicklist), in: "a", want: []any{"a"}},
		// Incompatible.
		{name: "incompatible kinds", dir: ToClarizen, src: kindField("A", schema.KindString), dst: kindField("B", schema.KindDouble), in: "1", wantCode: CodeIncompatible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Conversion{
				Map:      FieldMap{ID: "fm", Enabled: true, Direction: tt.dir, ValueMap: tt.valueMap, Truncate: tt.truncate, SalesforceField: "sf", ClarizenField: "cz"},
				Source:   tt.src,
				Target:   tt.dst,
				Currency: tt.currency,
			}
			got, err := c.Convert(tt.in)
			if tt.wantCode != "" {
				var ce *ConversionError
				if !errors.As(err, &ce) {
					t.Fatalf("Convert(%#v) = %#v, %v, want a %s error", tt.in, got.Value, err, tt.wantCode)
				}
				if ce.Code != tt.wantCode {
					t.Errorf("code = %s, want %s (%v)", ce.Code, tt.wantCode, ce)
				}
				if ce.FieldMapID != "fm" || ce.Fix == "" || ce.Problem == "" {
					t.Errorf("error lacks the field map, problem or fix: %+v", ce)
				}
				return
			}
			if err != nil {
				t.Fatalf("Convert(%#v): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got.Value, tt.want) {
				t.Errorf("Convert(%#v) = %#v, want %#v", tt.in, got.Value, tt.want)
			}
			if got.Currency != tt.wantCur {
				t.Errorf("Currency = %q, want %q", got.Currency, tt.wantCur)
			}
		})
	}
}

func TestConversion_References(t *testing.T) {
	links := map[string]Resolution{
		"Account/001A":  {Action: Found, ID: "cust1"},
		"User/005B":     {Action: Found, ID: "/User/u9"},
		"Account/001C":  {Action: CreateCounterpart, MappingID: "m-account"},
		"Account/001D":  {Action: LeaveReferenceEmpty},
		"User//User/u1": {Action: Found, ID: "005X"},
	}
	var asked []Reference
	resolver := ResolverFunc(func(r Reference) (Resolution, error) {
		asked = append(asked, r)
		if r.Object == "Account" && r.ID == "001E" {
			return Resolution{}, errors.New("link table unavailable")
		}
		return links[r.Object+"/"+r.ID], nil
	})
	toCZ := Conversion{Map: FieldMap{ID: "acct", Direction: ToClarizen, SalesforceField: "AccountId", ClarizenField: "Customer"},
		Source: ref("AccountId", "Account", "Account"), Target: ref("Customer", "", "Customer"), Resolver: resolver}
	fromCZ := Conversion{Map: FieldMap{ID: "mgr", Direction: FromClarizen, SalesforceField: "OwnerId", ClarizenField: "Manager"},
		Source: ref("Manager", "", "User"), Target: ref("OwnerId", "Owner", "User"), Resolver: resolver}
	tests := []struct {
		name        string
		c           Conversion
		in          any
		want        any
		wantPending *Reference
		wantWarning string
		wantErr     string
	}{
		{name: "found gets the clarizen type", c: toCZ, in: "001A", want: "/Customer/cust1"},
		{name: "found full clarizen id kept", c: Conversion{Map: toCZ.Map, Source: ref("OwnerId", "Owner", "User"), Target: ref("Manager", "", "User"), Resolver: resolver}, in: "005B", want: "/User/u9"},
		{name: "clarizen reference object", c: fromCZ, in: map[string]any{"id": "/User/u1", "Name": "Ann"}, want: "005X"},
		{name: "create first", c: toCZ, in: "001C", wantPending: &Reference{Side: schema.Salesforce, Object: "Account", ID: "001C"}},
		{name: "leave empty warns", c: toCZ, in: "001D", want: nil, wantWarning: "Account 001D has no counterpart, so Customer is left empty"},
		{name: "resolver error wrapped", c: toCZ, in: "001E", wantErr: "resolve Account 001E for field map acct: link table unavailable"},
		{name: "no resolver", c: Conversion{Map: toCZ.Map, Source: toCZ.Source, Target: toCZ.Target}, in: "001A", wantErr: "no resolver"},
		{name: "unknown action", c: toCZ, in: "001Z", wantErr: "unknown action"},
		{name: "not a reference", c: toCZ, in: 5.0, wantErr: "not a record reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.Convert(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Convert error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Value, tt.want) {
				t.Errorf("Value = %#v, want %#v", got.Value, tt.want)
			}
			if !reflect.DeepEqual(got.Pending, tt.wantPending) {
				t.Errorf("Pending = %+v, want %+v", got.Pending, tt.wantPending)
			}
			if !strings.Contains(got.Warning, tt.wantWarning) || (tt.wantWarning == "") != (got.Warning == "") {
				t.Errorf("Warning = %q, want %q", got.Warning, tt.wantWarning)
			}
		})
	}
	if len(asked) == 0 || asked[0].Side != schema.Salesforce {
		t.Errorf("resolver saw %+v, want Salesforce-side references first", asked)
	}
}
