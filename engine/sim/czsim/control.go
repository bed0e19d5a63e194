package czsim

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// controlHandler serves one test control under /__sim/. segs is the path
// after /__sim/.
type controlHandler func(s *Server, r *http.Request, segs []string) (any, error)

// serveControl serves the test controls under the reserved /__sim/ prefix,
// for the standalone command and for tests in other languages:
//
//	GET    /__sim/info                      urls, organization id, API call count
//	POST   /__sim/faults                    {"kind", "times", "path", "method", "errorCode", "message"}
//	DELETE /__sim/faults                    clear faults and latency
//	POST   /__sim/latency                   {"milliseconds": n}
//	POST   /__sim/expire-sessions           end every session
//	GET    /__sim/objects/<Type>            every entity of the type
//	POST   /__sim/objects/<Type>            create an entity; returns {"id"}
//	GET    /__sim/objects/<Type>/<id>       one entity
//	PATCH  /__sim/objects/<Type>/<id>       update fields
//	DELETE /__sim/objects/<Type>/<id>       delete
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	segs := splitPath(r.URL.Path)[1:]
	h, apiErr := controlRoute(r.Method, segs)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	body, err := h(s, r, segs)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

func readControlBody(r *http.Request) (jsonObject, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, errorf(codeInvalidArgument, "read request body: %v", err)
	}
	return decodeObject(data)
}

func controlInfo(s *Server, r *http.Request, segs []string) (any, error) {
	return map[string]any{
		"organizationId": s.orgID,
		"url":            s.URL(),
		"discoveryUrl":   s.DiscoveryURL(),
		"serverLocation": s.ServerLocation(),
		"appUrl":         s.AppURL(),
		"apiCalls":       s.APICalls(),
		"pendingFaults":  s.faults.Pending(),
	}, nil
}

func controlAddFault(s *Server, r *http.Request, segs []string) (any, error) {
	in, err := readControlBody(r)
	if err != nil {
		return nil, err
	}
	kindName, err := in.str("kind")
	if err != nil {
		return nil, err
	}
	kind, ok := faultKindNames[strings.ToLower(kindName)]
	if !ok {
		return nil, errorf(codeInvalidArgument, "unknown fault kind %q; use serverError, rateLimit, sessionTimeout or dropAfterWrite", kindName)
	}
	times, _, err := in.integer("times")
	if err != nil {
		return nil, err
	}

	f := Fault{Kind: kind, Times: times}
	if f.Path, err = in.str("path"); err != nil {
		return nil, err
	}
	if f.Method, err = in.str("method"); err != nil {
		return nil, err
	}
	if f.ErrorCode, err = in.str("errorCode"); err != nil {
		return nil, err
	}
	if f.Message, err = in.str("message"); err != nil {
		return nil, err
	}
	s.faults.Add(f)
	return map[string]any{"pendingFaults": s.faults.Pending()}, nil
}

func controlClearFaults(s *Server, r *http.Request, segs []string) (any, error) {
	s.faults.Clear()
	return map[string]any{}, nil
}

func controlLatency(s *Server, r *http.Request, segs []string) (any, error) {
	in, err := readControlBody(r)
	if err != nil {
		return nil, err
	}
	ms, _, err := in.integer("milliseconds")
	if err != nil {
		return nil, err
	}
	s.faults.SetLatency(time.Duration(ms) * time.Millisecond)
	return map[string]any{}, nil
}

func controlExpireSessions(s *Server, r *http.Request, segs []string) (any, error) {
	s.ExpireSessions()
	return map[string]any{}, nil
}

func controlListObjects(s *Server, r *http.Request, segs []string) (any, error) {
	if _, ok := s.cat.lookup(segs[1]); !ok {
		return nil, errorf(codeInvalidType, "unknown entity type %q", segs[1])
	}
	return map[string]any{"entities": s.All(segs[1])}, nil
}

func controlCreateObject(s *Server, r *http.Request, segs []string) (any, error) {
	in, err := readControlBody(r)
	if err != nil {
		return nil, err
	}
	id, err := s.Create(segs[1], in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": id}, nil
}

func controlGetObject(s *Server, r *http.Request, segs []string) (any, error) {
	id := "/" + segs[1] + "/" + segs[2]
	entity, found := s.Get(id)
	if !found {
		return nil, notFound(id)
	}
	return entity, nil
}

func controlUpdateObject(s *Server, r *http.Request, segs []string) (any, error) {
	in, err := readControlBody(r)
	if err != nil {
		return nil, err
	}
	return map[string]any{}, s.Update("/"+segs[1]+"/"+segs[2], in)
}

func controlDeleteObject(s *Server, r *http.Request, segs []string) (any, error) {
	return map[string]any{}, s.Delete("/" + segs[1] + "/" + segs[2])
}
