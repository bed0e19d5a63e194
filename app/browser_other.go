//go:build !linux

package app

import "github.com/pkg/browser"

// systemOpen opens address in the default browser.
func systemOpen(address string) error {
	return browser.OpenURL(address)
}
