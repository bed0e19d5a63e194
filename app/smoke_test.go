package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// EnvDesktopSmoke enables TestDesktop_Smoke, which builds the real binary
// and runs it under Xvfb. It needs Xvfb, ImageMagick's import, Node.js and
// the GTK and WebKitGTK development packages.
const EnvDesktopSmoke = "LIAISON_SMOKE"

// Deadlines of the smoke test. They bound how long a hung build or window
// can block CI; none of them is a measurement.
const (
	smokeBuildTimeout = 10 * time.Minute
	smokeReadyTimeout = 2 * time.Minute
	smokePaintTimeout = 30 * time.Second
	smokeStopTimeout  = 15 * time.Second
)

// TestDesktop_Smoke builds the desktop binary (Vite build and go build with
// the production tags), opens its window on a private Xvfb display, waits
// until the frontend calls Ready, and saves a screenshot of the window to
// test-output/desktop-smoke.png. It fails when the frontend reports an
// error or the screenshot is a single colour.
func TestDesktop_Smoke(t *testing.T) {
	if os.Getenv(EnvDesktopSmoke) == "" {
		t.Skipf("set %s=1 to build the binary and open its window under Xvfb", EnvDesktopSmoke)
	}
	root := repoRoot(t)
	outDir := testOutputDir(t, root)

	binary := buildSmokeBinary(t, root)
	display := startXvfb(t)

	tmp := t.TempDir()
	report := filepath.Join(tmp, "ui-report.jsonl")
	appLog := filepath.Join(outDir, "desktop-smoke.log")
	stop := startDesktop(t, binary, display, filepath.Join(tmp, "data"), report, appLog)
	defer stop()

	waitForReady(t, report, appLog)

	shot := filepath.Join(outDir, "desktop-smoke.png")
	colours := screenshotUntilPainted(t, display, shot)
	t.Logf("screenshot %s has %d colours", shot, colours)

	if errs := reportLines(t, report, "error"); len(errs) > 0 {
		t.Errorf("frontend reported %d error(s), first: %s", len(errs), errs[0])
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatalf("find repository root: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "wails.json")); err != nil {
		t.Fatalf("repository root %s has no wails.json: %v", root, err)
	}
	return root
}

// testOutputDir returns the folder for screenshots and logs: the
// LIAISON_TEST_OUTPUT variable, or test-output/ at the repository root.
func testOutputDir(t *testing.T, root string) string {
	t.Helper()
	dir := os.Getenv("LIAISON_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join(root, "test-output")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("create test output folder: %v", err)
	}
	return dir
}

// buildSmokeBinary runs build/scripts/build.sh; npm ci runs only when
// frontend/node_modules is missing.
func buildSmokeBinary(t *testing.T, root string) string {
	t.Helper()
	binary := filepath.Join(t.TempDir(), "liaison")
	args := []string{filepath.Join(root, "build", "scripts", "build.sh"), "-o", binary}
	if _, err := os.Stat(filepath.Join(root, "frontend", "node_modules")); err == nil {
		args = append(args, "--no-npm-ci")
	}

	ctx, cancel := context.WithTimeout(context.Background(), smokeBuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("build the desktop binary: %v\n%s", err, out)
	}
	return binary
}

// startXvfb starts a private X server on a free display number and returns
// the display name, such as ":99".
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatalf("Xvfb is not installed (Debian package xvfb): %v", err)
	}
	readEnd, writeEnd, err := os.Pipe()
	if err != nil {
		t.Fatalf("create pipe for Xvfb: %v", err)
	}
	defer readEnd.Close()

	// -displayfd makes Xvfb pick a free display and write its number to fd 3.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{writeEnd}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	writeEnd.Close()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})

	line, err := bufio.NewReader(readEnd).ReadString('\n')
	if err != nil {
		t.Fatalf("read display number from Xvfb: %v\n%s", err, stderr.String())
	}
	number, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("invalid display number %q from Xvfb", line)
	}
	return ":" + strconv.Itoa(number)
}

// startDesktop starts the binary on the display and returns a function that
// stops it. stdout and stderr go to logPath.
func startDesktop(t *testing.T, binary, display, dataDir, report, logPath string) func() {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatalf("create app log: %v", err)
	}

	argv := []string{binary, "--data-dir", dataDir}
	// Without a session bus, WebKitGTK and the keychain start one through
	// dbus-launch that outlives the test, so the app gets a private bus.
	// An existing bus (the test script's, with its keyring) is used as it is;
	// the single-instance lock is keyed by the temporary data folder.
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if busRunner, err := exec.LookPath("dbus-run-session"); err == nil {
			argv = append([]string{busRunner, "--"}, argv...)
		}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(),
		"DISPLAY="+display,
		"GDK_BACKEND=x11",
		EnvUIReportFile+"="+report,
		// WebKitGTK under Xvfb has no GPU; these keep it on software paths.
		"WEBKIT_DISABLE_COMPOSITING_MODE=1",
		"WEBKIT_DISABLE_DMABUF_RENDERER=1",
		"LIBGL_ALWAYS_SOFTWARE=1",
		"NO_AT_BRIDGE=1",
	)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", binary, err)
	}

	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()

	var stopped bool
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		// The whole process group: dbus-run-session, its bus and the app.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(smokeStopTimeout):
			t.Errorf("desktop app did not stop within %s of SIGTERM; killing it", smokeStopTimeout)
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logFile.Close()
	}
	t.Cleanup(stop)
	return stop
}

// waitForReady polls the UI report until the frontend's ready line appears.
func waitForReady(t *testing.T, report, appLog string) {
	t.Helper()
	deadline := time.Now().Add(smokeReadyTimeout)
	for time.Now().Before(deadline) {
		if errs := reportLines(t, report, "error"); len(errs) > 0 {
			t.Fatalf("frontend reported an error before ready: %s\napp log:\n%s", errs[0], tail(appLog))
		}
		if len(reportLines(t, report, "ready")) > 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("frontend did not report ready within %s\napp log:\n%s", smokeReadyTimeout, tail(appLog))
}

// reportLines returns the data of each report line with the given event.
func reportLines(t *testing.T, report, event string) []string {
	t.Helper()
	data, err := os.ReadFile(report)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatalf("read ui report: %v", err)
	}
	var found []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		var entry struct {
			Event string          `json:"event"`
			Data  json.RawMessage `json:"data"`
		}
		if len(line) == 0 || json.Unmarshal(line, &entry) != nil {
			continue
		}
		if entry.Event == event {
			found = append(found, string(entry.Data))
		}
	}
	return found
}

// screenshotUntilPainted saves the display to path until the image has more
// than a few colours, because the web view paints shortly after Ready.
func screenshotUntilPainted(t *testing.T, display, path string) int {
	t.Helper()
	if _, err := exec.LookPath("import"); err != nil {
		t.Fatalf("ImageMagick's import is not installed (Debian package imagemagick): %v", err)
	}
	deadline := time.Now().Add(smokePaintTimeout)
	colours := 0
	for {
		out, err := exec.Command("import", "-display", display, "-window", "root", "png:"+path).CombinedOutput()
		if err != nil {
			t.Fatalf("take screenshot: %v\n%s", err, out)
		}
		colours, err = countColours(path, 64)
		if err != nil {
			t.Fatalf("read screenshot: %v", err)
		}
		if colours >= 8 {
			return colours
		}
		if time.Now().After(deadline) {
			t.Fatalf("screenshot %s is blank: %d colour(s) after %s", path, colours, smokePaintTimeout)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// countColours returns how many distinct colours the PNG has, counting at
// most limit of them.
func countColours(path string, limit int) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return 0, fmt.Errorf("decode %s: %w", path, err)
	}
	return distinctColours(img, limit), nil
}

func distinctColours(img image.Image, limit int) int {
	seen := make(map[[4]uint32]struct{})
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = struct{}{}
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// tail returns the last lines of a log file for a failure message.
func tail(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}
