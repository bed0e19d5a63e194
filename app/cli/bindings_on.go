//go:build bindings

package cli

// bindingsBuild is true in the binary the Wails CLI builds to write the
// frontend bindings: it opens no window, so it needs no display.
const bindingsBuild = true
