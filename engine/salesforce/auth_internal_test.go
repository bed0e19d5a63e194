package salesforce

import "testing"

func TestSessionExpired(t *testing.T) {
	tests := []struct {
		name string
		body string
		want bool
	}{
		{"expired session", `[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]`, true},
		{"empty body", ``, true},
		{"not valid for the REST API", `[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]`, false},
		{"agent app", `[{"message":"Connected app is not attached to Agent","errorCode":"INVALID_SESSION_ID"}]`, false},
		{"other 401", `[{"message":"no","errorCode":"INVALID_AUTH_HEADER"}]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sessionExpired([]byte(tt.body)); got != tt.want {
				t.Errorf("sessionExpired(%s) = %v, want %v", tt.body, got, tt.want)
			}
		})
	}
}
