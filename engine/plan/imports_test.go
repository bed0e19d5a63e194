package plan

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pureImports are the packages condition, mapping and plan may import:
// standard packages without I/O, and the engine packages below them.
var pureImports = map[string]bool{
	"bytes": true, "encoding/json": true, "errors": true, "fmt": true, "math": true, "reflect": true,
	"slices": true, "strconv": true, "strings": true, "time": true, "unicode": true, "unicode/utf8": true,
	"github.com/liaison-sync/liaison/engine/schema":    true,
	"github.com/liaison-sync/liaison/engine/condition": true,
	"github.com/liaison-sync/liaison/engine/mapping":   true,
}

// TestImports_Pure keeps the three packages free of I/O and of later
// layers: condition may not import mapping or plan, and mapping may not
// import plan.
func TestImports_Pure(t *testing.T) {
	forbidden := map[string][]string{
		"condition": {"engine/mapping", "engine/plan"},
		"mapping":   {"engine/plan"},
		"plan":      nil,
	}
	for pkg, later := range forbidden {
		files, err := filepath.Glob(filepath.Join("..", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no files for %s: %v", pkg, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !pureImports[path] {
					t.Errorf("%s imports %s, which is not on the list of pure imports", file, path)
				}
				for _, l := range later {
					if strings.HasSuffix(path, l) {
						t.Errorf("%s imports %s, a later layer", file, path)
					}
				}
			}
		}
	}
}
