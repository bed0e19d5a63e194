package oauth

import (
	"testing"
	"time"
)

func TestParseIdentityURL(t *testing.T) {
	tests := []struct {
		name, in  string
		org, user string
		wantErr   bool
	}{
		{name: "login host", in: "https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA",
			org: "00D000000000001AAA", user: "005000000000001AAA"},
		{name: "loopback", in: "http://127.0.0.1:4000/id/00Dx/005x", org: "00Dx", user: "005x"},
		{name: "no id segment", in: "https://login.salesforce.com/x/00D/005", wantErr: true},
		{name: "too short", in: "https://login.salesforce.com/id/00D", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, user, err := ParseIdentityURL(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseIdentityURL(%q) = %q, %q; want an error", tt.in, org, user)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if org != tt.org || user != tt.user {
				t.Errorf("ParseIdentityURL = %q, %q; want %q, %q", org, user, tt.org, tt.user)
			}
		})
	}
}

func TestParseIssuedAt(t *testing.T) {
	want := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"milliseconds", "1704164645000", want},
		{"seconds", "1704164645", want},
		{"empty", "", time.Time{}},
		{"garbage", "x", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseIssuedAt(tt.in); !got.Equal(tt.want) {
				t.Errorf("parseIssuedAt(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLoginHost_BaseURL(t *testing.T) {
	tests := []struct {
		name    string
		host    LoginHost
		want    string
		wantErr bool
	}{
		{name: "production", host: LoginHost{Kind: HostProduction}, want: ProductionLoginURL},
		{name: "sandbox", host: LoginHost{Kind: HostSandbox}, want: SandboxLoginURL},
		{name: "my domain", host: LoginHost{Kind: HostCustom, URL: "https://acme.my.salesforce.com/"}, want: "https://acme.my.salesforce.com"},
		{name: "loopback http", host: LoginHost{Kind: HostCustom, URL: "http://127.0.0.1:4321"}, want: "http://127.0.0.1:4321"},
		{name: "remote http", host: LoginHost{Kind: HostCustom, URL: "http://acme.my.salesforce.com"}, wantErr: true},
		{name: "path", host: LoginHost{Kind: HostCustom, URL: "https://acme.my.salesforce.com/secur"}, wantErr: true},
		{name: "no host", host: LoginHost{Kind: HostCustom, URL: "acme"}, wantErr: true},
		{name: "unknown kind", host: LoginHost{Kind: "prod"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.host.BaseURL()
			if tt.wantErr {
				if err == nil {
					t.Fatalf("BaseURL = %q, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("BaseURL = %q, want %q", got, tt.want)
			}
		})
	}
}
