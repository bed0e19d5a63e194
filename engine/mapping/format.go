package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The export file format. FORMAT.md describes it field by field.
const (
	FormatName    = "liaison-mappings"
	FormatVersion = 1
)

// File is the content of an export file.
type File struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Mappings []Mapping `json:"mappings"`
	Events   []Event   `json:"events"`
}

// ErrUnsupportedVersion is wrapped by Import for a file written by a newer
// Liaison, or with a version this one never wrote.
var ErrUnsupportedVersion = errors.New("unsupported export file version")

// Export writes mappings and events as an export file: indented JSON with
// the format name and version first. It holds definitions only; connection
// settings and credentials are not part of the model, so no file can carry
// them.
func Export(mappings []Mapping, events []Event) ([]byte, error) {
	f := File{Format: FormatName, Version: FormatVersion, Mappings: mappings, Events: events}
	if f.Mappings == nil {
		f.Mappings = []Mapping{}
	}
	if f.Events == nil {
		f.Events = []Event{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode export file: %w", err)
	}
	return buf.Bytes(), nil
}

// Import reads an export file. It rejects another format, a version other
// than FormatVersion (wrapping ErrUnsupportedVersion), unknown keys, data
// after the top-level object, and duplicate or missing ids. It does not
// check the definitions against describes; ValidateMapping and
// ValidateEvent do that before enabling.
func Import(data []byte) ([]Mapping, []Event, error) {
	var head struct {
		Format  string `json:"format"`
		Version *int   `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("import mappings: the file is not valid JSON: %w", err)
	}
	if head.Format != FormatName {
		return nil, nil, fmt.Errorf("import mappings: the file's format is %q, expected %q; pick a file exported by Liaison", head.Format, FormatName)
	}
	if head.Version == nil {
		return nil, nil, fmt.Errorf("import mappings: the file has no version: %w", ErrUnsupportedVersion)
	}
	if *head.Version != FormatVersion {
		return nil, nil, fmt.Errorf("import mappings: version %d, this Liaison reads version %d (update Liaison to read newer files): %w",
			*head.Version, FormatVersion, ErrUnsupportedVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("import mappings: %w", err)
	}
	if err := checkIDs(f); err != nil {
		return nil, nil, fmt.Errorf("import mappings: %w", err)
	}
	return f.Mappings, f.Events, nil
}

// checkIDs rejects missing and duplicate ids, which would make one
// definition overwrite another on save.
func checkIDs(f File) error {
	seen := map[string]string{}
	claim := func(kind, id, name string) error {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("%s %q has no id", kind, name)
		}
		if other, ok := seen[id]; ok {
			return fmt.Errorf("%s %q has the id %s, already used by %s", kind, name, id, other)
		}
		seen[id] = fmt.Sprintf("%s %q", kind, name)
		return nil
	}
	for _, m := range f.Mappings {
		if err := claim("mapping", m.ID, m.Name); err != nil {
			return err
		}
	}
	for _, e := range f.Events {
		if err := claim("event", e.ID, e.Name); err != nil {
			return err
		}
	}
	return nil
}
