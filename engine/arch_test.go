package engine

import (
	"os/exec"
	"strings"
	"testing"
)

// listDeps returns the import paths of every dependency of the packages
// matching pattern.
func listDeps(t *testing.T, pattern string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pattern).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pattern, err)
	}
	return strings.Fields(string(out))
}

func TestEngine_ImportsNoUI(t *testing.T) {
	const module = "github.com/liaison-sync/liaison/"
	for _, dep := range listDeps(t, "github.com/liaison-sync/liaison/engine/...") {
		if strings.HasPrefix(dep, "github.com/wailsapp/") || strings.HasPrefix(dep, module+"app") {
			t.Errorf("engine depends on %s; the engine must not know the UI exists", dep)
		}
	}
}

func TestSimulators_ImportNothingElseFromEngine(t *testing.T) {
	const engine = "github.com/liaison-sync/liaison/engine/"
	for _, sim := range []string{"sfsim", "czsim"} {
		for _, dep := range listDeps(t, engine+"sim/"+sim+"/...") {
			if strings.HasPrefix(dep, engine) && !strings.HasPrefix(dep, engine+"sim/"+sim) {
				t.Errorf("simulator %s imports %s; a simulator must not share code with the clients", sim, dep)
			}
		}
	}
}
