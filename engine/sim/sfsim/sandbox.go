package sfsim

import "strings"

// RefreshSandbox simulates a sandbox refresh: the org gets a new
// organization id, every access token, refresh token, authorization code
// and query cursor becomes void, and every record keeps its data under a
// new id (references follow).
func (s *Server) RefreshSandbox() {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.pod
	for s.pod == old {
		s.pod = s.newPod()
	}
	rekey := func(id string) string {
		if len(id) != 18 {
			return id
		}
		return formatIDBody(id[:3], s.pod, id[5:15])
	}

	s.orgID = rekey(s.orgID)
	s.adminID = rekey(s.adminID)
	for _, st := range []*store{s.data, s.toolData} {
		fresh := newStore()
		fresh.seq = st.seq
		for _, list := range st.byObject {
			for _, r := range list {
				for _, f := range r.obj.Fields {
					if v, ok := r.vals[f.Name].(string); ok && (f.Type == "id" || f.Type == "reference") {
						r.vals[f.Name] = rekey(v)
					}
				}
				if t, ok := r.vals["TableEnumOrId"].(string); ok && strings.HasPrefix(t, "01I") {
					r.vals["TableEnumOrId"] = rekey(t[:15] + idSuffix(t[:15]))[:15]
				}
				key := strings.ToLower(r.obj.Name)
				fresh.byObject[key] = append(fresh.byObject[key], r)
				fresh.byID[r.id()] = r
			}
		}
		*st = *fresh
	}

	for _, o := range s.org.objects {
		if o.ToolingID != "" {
			o.ToolingID = rekey(o.ToolingID)
		}
	}
	s.auth.init()
	s.cursors = map[string]*cursor{}
	s.log.Info("sfsim sandbox refreshed", "org_id", s.orgID)
}

// formatIDBody builds an 18-character id from a prefix, a pod and the
// remaining ten characters of a 15-character id.
func formatIDBody(prefix, pod, rest string) string {
	id15 := prefix + pod + rest
	return id15 + idSuffix(id15)
}
