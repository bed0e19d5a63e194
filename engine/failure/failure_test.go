package failure

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/salesforce"
)

func TestClassify(t *testing.T) {
	users := Target{System: "clarizen", Connection: "clarizen1", Object: "User", Mapping: "Users", RetriedEachRun: true}
	accounts := Target{System: "salesforce", Object: "Account", Mapping: "Accounts"}
	tests := []struct {
		name       string
		target     Target
		err        error
		wantCode   string
		wantClass  string
		wantFields []string
		// hintHas are phrases the hint must contain.
		hintHas []string
	}{
		{
			name:   "salesforce licence limit",
			target: Target{System: "salesforce", Object: "User", Mapping: "Users", RetriedEachRun: true},
			err: fmt.Errorf("create user: %w", &salesforce.Error{Op: "create", Object: "User", Status: 400,
				Code: "LICENSE_LIMIT_EXCEEDED", Message: "License Limit Exceeded"}),
			wantCode: "LICENSE_LIMIT_EXCEEDED", wantClass: ClassPermanent,
			hintHas: []string{"no free licence", "User (mapping \"Users\")", "Salesforce"},
		},
		{
			name:   "salesforce field error names the fields",
			target: accounts,
			err: &salesforce.Error{Op: "update", Status: 400, Code: "STRING_TOO_LONG", Message: "too long",
				Fields: []string{"Name"}},
			wantCode: "STRING_TOO_LONG", wantClass: ClassPermanent, wantFields: []string{"Name"},
			hintHas: []string{"Shorten the value of Name", "Account (mapping \"Accounts\")"},
		},
		{
			name:     "salesforce lock is transient",
			target:   accounts,
			err:      &salesforce.Error{Op: "update", Status: 400, Code: "UNABLE_TO_LOCK_ROW", Message: "locked"},
			wantCode: "UNABLE_TO_LOCK_ROW", wantClass: ClassTransient,
			hintHas: []string{"next run sends the operation again"},
		},
		{
			name:     "salesforce daily budget",
			target:   accounts,
			err:      &salesforce.Error{Op: "query", Status: 403, Code: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."},
			wantCode: "REQUEST_LIMIT_EXCEEDED", wantClass: ClassQuota,
			hintHas: []string{"daily API budget"},
		},
		{
			name:     "clarizen error retried each run",
			target:   users,
			err:      &clarizen.Error{Op: "create", Code: "InvalidOperation", Message: "no more email users", HTTPStatus: 500},
			wantCode: "InvalidOperation", wantClass: ClassPermanent,
			hintHas: []string{"Clarizen instance 1", "the next run tries again"},
		},
		{
			name:      "clarizen session refused",
			target:    users,
			err:       &clarizen.Error{Op: "create", Code: clarizen.CodeSessionTimeout, Message: "expired", HTTPStatus: 500},
			wantCode:  clarizen.CodeSessionTimeout,
			wantClass: ClassAuth,
			hintHas:   []string{"Re-authenticate Clarizen instance 1 on the Connections screen"},
		},
		{
			name:      "salesforce login needed",
			target:    accounts,
			err:       fmt.Errorf("get token: %w", oauth.ErrNeedsReauth),
			wantClass: ClassAuth,
			hintHas:   []string{"Re-authenticate Salesforce on the Connections screen"},
		},
		{
			name:      "context ended",
			target:    accounts,
			err:       fmt.Errorf("create: %w", context.DeadlineExceeded),
			wantClass: ClassTransient,
			hintHas:   []string{"did not answer in time"},
		},
		{
			name:      "other error sends to the registry",
			target:    accounts,
			err:       errors.New("something broke"),
			wantClass: ClassPermanent,
			hintHas:   []string{"Check Account (mapping \"Accounts\") in Salesforce", "retry the row from the registry"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.target, tt.err)
			if got.Code != tt.wantCode {
				t.Errorf("Code = %q, want %q", got.Code, tt.wantCode)
			}
			if got.Class != tt.wantClass {
				t.Errorf("Class = %q, want %q", got.Class, tt.wantClass)
			}
			if !slices.Equal(got.Fields, tt.wantFields) {
				t.Errorf("Fields = %v, want %v", got.Fields, tt.wantFields)
			}
			if got.Message == "" {
				t.Error("Message is empty")
			}
			for _, phrase := range tt.hintHas {
				if !strings.Contains(got.Hint, phrase) {
					t.Errorf("Hint = %q, want it to contain %q", got.Hint, phrase)
				}
			}
		})
	}
}

func TestClassify_RedactsMessage(t *testing.T) {
	const token = "00D000000000001!AQ0AQFakeSessionTokenForTheRedactionTest"
	tests := []struct {
		name string
		err  error
	}{
		{"plain error", fmt.Errorf("post to https://example.invalid failed: Authorization: Bearer %s", token)},
		{"salesforce message", &salesforce.Error{Op: "create", Status: 400, Code: "X", Message: "session " + token + " rejected"}},
		{"clarizen message", &clarizen.Error{Op: "create", Code: "General", Message: "token=" + token}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(Target{System: "salesforce", Object: "FeedItem"}, tt.err)
			if strings.Contains(got.Message, token) {
				t.Errorf("Message %q contains the token", got.Message)
			}
			if strings.Contains(got.Hint, token) {
				t.Errorf("Hint %q contains the token", got.Hint)
			}
		})
	}
}
