package czsim

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// jsonObject is a decoded JSON object whose keys are looked up without regard
// to case, because the real service accepts camelCase and PascalCase keys
// alike. Numbers are json.Number.
type jsonObject map[string]any

func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, errorf(codeInvalidArgument, "invalid JSON body: %v", err)
	}
	if dec.More() {
		return nil, errorf(codeInvalidArgument, "invalid JSON body: more than one value")
	}
	return v, nil
}

// decodeObject decodes a request body that must be a JSON object. An empty
// body is an empty object.
func decodeObject(data []byte) (jsonObject, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return jsonObject{}, nil
	}
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errorf(codeInvalidArgument, "invalid JSON body: expected an object")
	}
	return jsonObject(m), nil
}

// queryObject turns query-string parameters into a jsonObject, so that GET
// variants of POST endpoints share one handler. "paging.from" and
// "paging.limit" become a nested paging object.
func queryObject(values url.Values) jsonObject {
	obj := jsonObject{}
	paging := jsonObject{}
	for key, vals := range values {
		if len(vals) == 0 {
			continue
		}
		val := strings.Join(vals, ",")
		lower := strings.ToLower(key)
		if rest, ok := strings.CutPrefix(lower, "paging."); ok {
			paging[rest] = json.Number(val)
			continue
		}
		obj[key] = val
	}
	if len(paging) > 0 {
		obj["paging"] = map[string]any(paging)
	}
	return obj
}

// get returns the value of key, matched exactly first and then without
// regard to case.
func (o jsonObject) get(key string) (any, bool) {
	if v, ok := o[key]; ok {
		return v, true
	}
	for k, v := range o {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

func (o jsonObject) has(key string) bool {
	v, ok := o.get(key)
	return ok && v != nil
}

func (o jsonObject) str(key string) (string, error) {
	v, ok := o.get(key)
	if !ok || v == nil {
		return "", nil
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	}
	return "", errorf(codeInvalidArgument, "%s must be a string", key)
}

// strs reads a list of strings given as a JSON array or as one
// comma-separated string (the form query strings use).
func (o jsonObject) strs(key string) ([]string, error) {
	v, ok := o.get(key)
	if !ok || v == nil {
		return nil, nil
	}
	switch v := v.(type) {
	case string:
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, errorf(codeInvalidArgument, "%s must be a list of strings", key)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, errorf(codeInvalidArgument, "%s must be a list of strings", key)
}

func (o jsonObject) obj(key string) (jsonObject, error) {
	v, ok := o.get(key)
	if !ok || v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errorf(codeInvalidArgument, "%s must be an object", key)
	}
	return jsonObject(m), nil
}

func (o jsonObject) list(key string) ([]any, error) {
	v, ok := o.get(key)
	if !ok || v == nil {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, errorf(codeInvalidArgument, "%s must be a list", key)
	}
	return l, nil
}

func (o jsonObject) boolean(key string) (bool, error) {
	v, ok := o.get(key)
	if !ok || v == nil {
		return false, nil
	}
	switch v := v.(type) {
	case bool:
		return v, nil
	case string:
		b, err := strconv.ParseBool(v)
		if err == nil {
			return b, nil
		}
	}
	return false, errorf(codeInvalidArgument, "%s must be true or false", key)
}

// integer reads a whole number. ok is false when the key is absent.
func (o jsonObject) integer(key string) (n int, ok bool, err error) {
	v, present := o.get(key)
	if !present || v == nil {
		return 0, false, nil
	}
	f, isNum := toFloat(v)
	if !isNum || f != float64(int(f)) {
		return 0, false, errorf(codeInvalidArgument, "%s must be a whole number", key)
	}
	return int(f), true, nil
}

// toFloat converts a JSON or Go number, or a numeric string, to float64.
func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case int32:
		return float64(v), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}
