// Command liaison is the Liaison desktop app and its headless commands.
//
// With no arguments it opens the desktop window; `liaison sync`, `liaison
// demo` and `liaison version` run without one. The dispatch lives in
// app/cli so that this file only embeds the built frontend.
package main

import (
	"embed"
	"io/fs"
	"os"

	"github.com/liaison-sync/liaison/app/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder exists
	}
	os.Exit(cli.Main(os.Args[1:], dist))
}
