package secrets

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/liaison-sync/liaison/engine/logging"
)

// keychainForTest returns the real OS keychain under a service name of its
// own. Where no Secret Service runs it skips, unless LIAISON_REQUIRE_KEYCHAIN
// is set (CI sets it and starts GNOME Keyring), in which case it fails.
func keychainForTest(t *testing.T) Keychain {
	t.Helper()
	k := Keychain{Service: "Liaison test " + t.Name()}
	if err := k.Probe(context.Background()); err != nil {
		if os.Getenv("LIAISON_REQUIRE_KEYCHAIN") != "" {
			t.Fatalf("keychain probe: %v", err)
		}
		t.Skipf("no keychain here (%v); set LIAISON_REQUIRE_KEYCHAIN=1 to make this a failure", err)
	}
	return k
}

func TestKeychain_SetGetDelete(t *testing.T) {
	ctx := context.Background()
	k := keychainForTest(t)
	const value = "00D5e000000Abcd!AQ0AQHtestrefresh0001"
	if err := k.Set(ctx, "salesforce", RefreshToken, value); err != nil {
		t.Fatal(err)
	}
	got, err := k.Get(ctx, "salesforce", RefreshToken)
	if err != nil || got != value {
		t.Fatalf("Get = %q, %v; want the stored value", got, err)
	}
	if err := k.Set(ctx, "salesforce", RefreshToken, value+"2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := k.Get(ctx, "salesforce", RefreshToken); got != value+"2" {
		t.Errorf("Get after replace = %q", got)
	}
	if err := DeleteConnection(ctx, k, "salesforce"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(ctx, "salesforce", RefreshToken); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after delete: err = %v, want ErrNotFound", err)
	}
	if strings.Contains(logging.Redact("leak "+value), value) {
		t.Error("a stored secret was not registered for redaction")
	}
}

func TestKeychain_UnavailableRefusesToStore(t *testing.T) {
	// go-keyring keeps one session-bus connection per process, so the check
	// runs in a child process whose bus address points nowhere.
	if os.Getenv("LIAISON_KEYCHAIN_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKeychain_UnavailableRefusesToStore$", "-test.v")
		cmd.Env = append(os.Environ(), "LIAISON_KEYCHAIN_CHILD=1",
			"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/liaison-test-bus")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child process failed: %v\n%s", err, out)
		}
		if strings.Contains(string(out), "SKIP") {
			t.Skipf("child skipped:\n%s", out)
		}
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("only Linux reaches its keychain over D-Bus")
	}
	k := Keychain{Service: "Liaison test unavailable"}
	err := k.Set(context.Background(), "clarizen1", Password, "p4ssw0rd-never-stored")
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set without a keychain: err = %v, want ErrUnavailable", err)
	}
	if strings.Contains(err.Error(), "p4ssw0rd-never-stored") {
		t.Errorf("error message contains the secret: %v", err)
	}
}

func TestKeychain_NoSessionBusStartsNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux reaches its keychain over D-Bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // holds no bus socket
	k := Keychain{Service: "Liaison test no bus"}
	err := k.Set(context.Background(), "salesforce", RefreshToken, "never-stored-refresh-token")
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set without a session bus: err = %v, want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "DBUS_SESSION_BUS_ADDRESS") {
		t.Errorf("error %q does not say what is missing", err)
	}
	if err := k.Probe(context.Background()); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Probe without a session bus: err = %v, want ErrUnavailable", err)
	}
}
