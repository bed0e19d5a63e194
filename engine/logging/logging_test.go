package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each kind of secret Liaison handles, in the shapes it takes on the wire.
var secretCases = []struct {
	name   string
	secret string // the value that must not appear
	line   string // a log message containing it
}{
	{"salesforce access token", "00D5e000000Abcd!AQ0AQHs8ZpW.v1k2w3e4r5t6y7u8i9o0",
		"GET /services/data failed with Authorization: Bearer 00D5e000000Abcd!AQ0AQHs8ZpW.v1k2w3e4r5t6y7u8i9o0"},
	{"refresh token in a form body", "5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrqjfs",
		"POST /services/oauth2/token grant_type=refresh_token&refresh_token=5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrqjfs&client_id=x"},
	{"access token in JSON", "tok_9f8e7d6c5b4a39281706",
		`token response {"access_token":"tok_9f8e7d6c5b4a39281706","instance_url":"http://127.0.0.1:1"}`},
	{"password", "Tr0ub4dor&3xyz",
		`POST authentication/login {"userName":"admin","password":"Tr0ub4dor&3xyz"}`},
	{"clarizen api key", "k3y-7f2c91d0a8b64e55",
		"request sent with Authorization: ApiKey k3y-7f2c91d0a8b64e55"},
	{"clarizen session id", "ee9b086e-6aba-4938-9b8a-34a36434f08a_25446405",
		"session ee9b086e-6aba-4938-9b8a-34a36434f08a_25446405 timed out"},
	{"client secret", "s3cr3tValue123",
		"exchange failed: client_secret=s3cr3tValue123"},
	{"authorization code", "aPrx4sgoM2Nd1zWeFVlOWveD0HhYmiDiLmlLnXEBgX01tpVOQMWVSUuafFPHu3kCSjzk4CU",
		"callback http://127.0.0.1:1717/oauth/callback?code=aPrx4sgoM2Nd1zWeFVlOWveD0HhYmiDiLmlLnXEBgX01tpVOQMWVSUuafFPHu3kCSjzk4CU&state=abc"},
	{"frontdoor session id", "Xq7TmP2vL9wR4kZs",
		"open http://127.0.0.1:5/secur/frontdoor.jsp?sid=Xq7TmP2vL9wR4kZs&retURL=%2F006 in the system browser"},
	{"oauth_token alias", "tok-oauth-8c1d2e3f4a5b",
		"open http://127.0.0.1:5/apex/page?oauth_token=tok-oauth-8c1d2e3f4a5b failed"},
	{"PKCE verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
		"code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"},
}

func newTestLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(NewRedactingHandler(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
}

func TestRedactingHandler_EachKindOfSecret(t *testing.T) {
	for _, c := range secretCases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			log := newTestLogger(&buf)
			log.Info(c.line)
			log.Info("as attribute", "detail", c.line)
			log.Info("as error", "err", fmt.Errorf("call failed: %w", errors.New(c.line)))
			log.Info("in group", slog.Group("request", "body", c.line))
			log.With("context", c.line).Info("with attrs")
			out := buf.String()
			if strings.Contains(out, c.secret) {
				t.Errorf("log output contains the secret:\n%s", out)
			}
			if !strings.Contains(out, Mask) {
				t.Errorf("log output has no %s marker, so the secret was dropped or the line lost:\n%s", Mask, out)
			}
		})
	}
}

func TestRedactingHandler_SecretKeys(t *testing.T) {
	var buf bytes.Buffer
	log := newTestLogger(&buf)
	log.Info("login", "password", "plain", "refresh_token", "abc", "apiKey", "k", "user", "alice")
	out := buf.String()
	for _, leaked := range []string{`"plain"`, `"abc"`, `"k"`} {
		if strings.Contains(out, leaked) {
			t.Errorf("value %s of a secret-named key was logged: %s", leaked, out)
		}
	}
	if !strings.Contains(out, `"user":"alice"`) {
		t.Errorf("ordinary attribute lost: %s", out)
	}
}

func TestRedact_RegisteredSecret(t *testing.T) {
	const odd = "zz-unusual-shape-42"
	if got := Redact("value " + odd); !strings.Contains(got, odd) {
		t.Fatalf("precondition: %q is not secret-shaped, so only registration can mask it", odd)
	}
	RegisterSecret(odd)
	if got := Redact("value " + odd + " end"); got != "value "+Mask+" end" {
		t.Errorf("Redact = %q, want the registered value masked", got)
	}
}

func TestRedact_KeepsOrdinaryText(t *testing.T) {
	for _, s := range []string{
		"created 3 records in Opportunity 006000000000001AAA",
		`{"errorCode":"INVALID_FIELD","message":"No such column 'Foo'"}`,
		"project /Project/4batkam0jt4xn0l3cdx4y8ueg4 updated",
		"get access token: load salesforce tokens: secret not found in the keychain",
		"refresh token: the connected app rejected it",
	} {
		if got := Redact(s); got != s {
			t.Errorf("Redact(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestSecret_NeverPrints(t *testing.T) {
	s := Secret("hunter2-hunter2")
	var buf bytes.Buffer
	newTestLogger(&buf).Info("x", "value", s)
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s", s, s, s, s), buf.String()} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("secret printed: %s", out)
		}
	}
	if s.Reveal() != "hunter2-hunter2" {
		t.Error("Reveal lost the value")
	}
}

func TestNew_WritesRedactedFile(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	log, closer, err := New(Options{Dir: dir, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	log.Info("token call", "detail", secretCases[0].line)
	closer.Close()
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"file": string(data), "stderr": stderr.String()} {
		if !strings.Contains(out, "token call") {
			t.Errorf("%s has no log line: %q", name, out)
		}
		if strings.Contains(out, secretCases[0].secret) {
			t.Errorf("%s contains the secret: %q", name, out)
		}
	}
}

func TestParseLevel(t *testing.T) {
	if l, err := ParseLevel("debug"); err != nil || l != slog.LevelDebug {
		t.Errorf("ParseLevel(debug) = %v, %v", l, err)
	}
	if _, err := ParseLevel("loud"); err == nil {
		t.Error("ParseLevel(loud) succeeded, want an error")
	}
}

// A logger made from a component's logger names one component per line:
// the newest, as the connections manager's Salesforce client does.
func TestRedactingHandler_OneComponent(t *testing.T) {
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want string
	}{
		{"nested loggers", func(l *slog.Logger) {
			l.With(KeyComponent, "connect").With(slog.String(KeyComponent, "salesforce")).Info("token refreshed")
		}, "salesforce"},
		{"one logger", func(l *slog.Logger) {
			l.With(KeyComponent, "syncer", KeyRun, 7).Info("sync run started")
		}, "syncer"},
		{"component on the record", func(l *slog.Logger) {
			l.With(KeyComponent, "connect").Info("login started", KeyComponent, "oauth")
		}, "oauth"},
		{"group after the component", func(l *slog.Logger) {
			l.With(KeyComponent, "connect").WithGroup("request").With(KeyComponent, "inner").Info("sent")
		}, "connect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.log(newTestLogger(&buf))
			line := strings.TrimSpace(buf.String())
			if n := topLevelKeys(t, line, KeyComponent); n != 1 {
				t.Fatalf("line has %d top-level component keys, want 1: %s", n, line)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatal(err)
			}
			if got[KeyComponent] != tt.want {
				t.Errorf("component = %v, want %q: %s", got[KeyComponent], tt.want, line)
			}
		})
	}
}

// topLevelKeys counts the top-level keys named key in a JSON object line;
// json.Unmarshal would keep only the last of two.
func topLevelKeys(t *testing.T, line, key string) int {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	if _, err := dec.Token(); err != nil {
		t.Fatalf("read %s: %v", line, err)
	}
	n := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("read %s: %v", line, err)
		}
		if tok == key {
			n++
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			t.Fatalf("read %s: %v", line, err)
		}
	}
	return n
}
