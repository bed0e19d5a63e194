package connect_test

import (
	"encoding/json"
	"testing"

	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/store"
)

func TestMappingLinkKeys(t *testing.T) {
	encode := func(b plan.Base) []byte {
		data, err := b.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name      string
		sfKey     string
		czKey     string
		link      store.Link
		want      connect.LinkKey
		wantKeyed bool
	}{
		{
			name: "salesforce key in the base", sfKey: "Email", czKey: "Email",
			link:      store.Link{SFObject: "Contact", CZID: "/User/u1", Base: encode(plan.Base{Salesforce: map[string]any{"email": "ada@example.com"}})},
			want:      connect.LinkKey{SFObject: "Contact", Field: "Email", Value: "ada@example.com"},
			wantKeyed: true,
		},
		{
			name: "clarizen external id", sfKey: "Clarizen_Id__c", czKey: "ExternalID",
			link:      store.Link{SFObject: "Opportunity", CZID: "/Project/lz1a2b-006x"},
			want:      connect.LinkKey{SFObject: "Opportunity", Field: "Clarizen_Id__c", Value: "lz1a2b-006x"},
			wantKeyed: true,
		},
		{
			name: "clarizen key in the base", sfKey: "Code__c", czKey: "SYSID",
			link:      store.Link{SFObject: "Account", CZID: "/Customer/c1", Base: encode(plan.Base{Clarizen: map[string]any{"SYSID": json.Number("1042")}})},
			want:      connect.LinkKey{SFObject: "Account", Field: "Code__c", Value: "1042"},
			wantKeyed: true,
		},
		{
			name: "clarizen key read from the entity", sfKey: "AccountNumber", czKey: "SfExternalId",
			link:      store.Link{SFObject: "Account", CZID: "/Customer/c1", Base: []byte(`{}`)},
			want:      connect.LinkKey{SFObject: "Account", Field: "AccountNumber", ClarizenField: "SfExternalId"},
			wantKeyed: true,
		},
		{
			name: "salesforce id as key", sfKey: "Id", czKey: "SfExternalId",
			link: store.Link{SFObject: "Account", CZID: "/Customer/c1"},
		},
		{
			name: "no key fields",
			link: store.Link{SFObject: "Account", CZID: "/Customer/c1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := json.Marshal(mapping.Mapping{SalesforceObject: tt.link.SFObject, SalesforceKeyField: tt.sfKey, ClarizenKeyField: tt.czKey})
			if err != nil {
				t.Fatal(err)
			}

			got, keyed, err := connect.MappingLinkKeys(store.Definition{ID: "m1", JSON: def}, tt.link)

			if err != nil {
				t.Fatalf("MappingLinkKeys: %v", err)
			}
			if keyed != tt.wantKeyed {
				t.Errorf("keyed = %v, want %v", keyed, tt.wantKeyed)
			}
			if keyed && got != tt.want {
				t.Errorf("key = %+v, want %+v", got, tt.want)
			}
		})
	}

	t.Run("invalid definition", func(t *testing.T) {
		if _, _, err := connect.MappingLinkKeys(store.Definition{ID: "m1", JSON: []byte(`{"salesforceKeyField": 3}`)}, store.Link{}); err == nil {
			t.Error("MappingLinkKeys accepted an invalid definition")
		}
	})
}
