package sfsim

import (
	"bytes"
	"encoding/json"
)

// orderedMap is a JSON object that keeps its keys in insertion order, so
// that records list attributes first and then the fields in select-list or
// describe order, as a real org sends them.
type orderedMap struct {
	keys []string
	vals map[string]any
}

func newOrderedMap() *orderedMap { return &orderedMap{vals: map[string]any{}} }

// set adds or replaces a key; a replaced key keeps its position.
func (m *orderedMap) set(key string, v any) {
	if _, ok := m.vals[key]; !ok {
		m.keys = append(m.keys, key)
	}
	m.vals[key] = v
}

func (m *orderedMap) get(key string) (any, bool) {
	v, ok := m.vals[key]
	return v, ok
}

// MarshalJSON writes the keys in insertion order.
func (m *orderedMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range m.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		var val bytes.Buffer
		enc := json.NewEncoder(&val)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(m.vals[k]); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(val.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
