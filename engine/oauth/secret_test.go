package oauth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

const (
	testAccess  = "00Dxx!AQ4AQFakeAccessTokenValue"
	testRefresh = "5Aep861FakeRefreshTokenValue"
)

func testToken() Token {
	return Token{
		AccessToken:  testAccess,
		RefreshToken: testRefresh,
		InstanceURL:  "https://example.my.salesforce.com",
		OrgID:        "00D000000000001AAA",
		UserID:       "005000000000001AAA",
	}
}

func TestToken_redaction(t *testing.T) {
	tok := testToken()
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("token", "token", tok, "access", tok.AccessToken, "refresh", tok.RefreshToken)
	textLogs := new(bytes.Buffer)
	slog.New(slog.NewTextHandler(textLogs, nil)).Info("token", "token", tok, "secret", tok.RefreshToken)
	jsonBody, err := json.Marshal(struct{ T Token }{tok})
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{
		"%v":          fmt.Sprintf("%v", tok),
		"%+v":         fmt.Sprintf("%+v", tok),
		"%#v":         fmt.Sprintf("%#v", tok),
		"%s secret":   fmt.Sprintf("%s", tok.AccessToken),
		"%#v secret":  fmt.Sprintf("%#v", tok.RefreshToken),
		"%q secret":   fmt.Sprintf("%q", tok.RefreshToken),
		"pointer":     fmt.Sprintf("%v", &tok),
		"error":       fmt.Errorf("use %v: %w", tok, ErrNeedsReauth).Error(),
		"json":        string(jsonBody),
		"slog json":   logs.String(),
		"slog text":   textLogs.String(),
		"struct with": fmt.Sprintf("%+v", struct{ S Secret }{tok.AccessToken}),
	}
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			if strings.Contains(out, testAccess) || strings.Contains(out, testRefresh) {
				t.Errorf("output leaks a token: %s", out)
			}
		})
	}
	if !strings.Contains(logs.String(), tok.OrgID) {
		t.Errorf("log lost the org id: %s", logs.String())
	}
}

func TestEncodeToken_roundTrip(t *testing.T) {
	tok := testToken()
	tok.IssuedAt = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	data, err := EncodeToken(tok)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(testRefresh)) {
		t.Fatal("EncodeToken dropped the refresh token")
	}
	back, err := DecodeToken(data)
	if err != nil {
		t.Fatal(err)
	}
	if back != tok {
		t.Errorf("round trip = %v, want %v", back, tok)
	}
	_, err = DecodeToken([]byte(`{"refresh_token":"` + testRefresh + `"`))
	if err == nil || strings.Contains(err.Error(), testRefresh) {
		t.Errorf("DecodeToken of broken JSON: err = %v", err)
	}
}
