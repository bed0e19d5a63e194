package czsim

import (
	"strings"
	"time"
)

// lifecycleStates maps data/lifecycle operations to the state they reach.
var lifecycleStates = map[string]string{
	"activate": "Active", "reactivate": "Active", "resume": "Active",
	"complete": "Completed", "cancel": "Cancelled",
	"hold": "On Hold", "onhold": "On Hold", "putonhold": "On Hold", "suspend": "On Hold",
	"submit": "Submitted", "open": "Opened", "assign": "Assigned", "resolve": "Resolved",
	"close": "Closed", "reject": "Rejected", "defer": "Deferred", "reopen": "Reopened",
}

func handleChangeState(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	ids, err := in.strs("ids")
	if err != nil {
		return reply{}, err
	}
	state, err := in.str("state")
	if err != nil {
		return reply{}, err
	}
	if _, id, isID := parseEntityID(state); isID {
		state = id
	}
	return s.changeStates(ids, state, c.user)
}

func handleLifecycle(s *Server, c *call) (reply, error) {
	in, err := c.input()
	if err != nil {
		return reply{}, err
	}
	ids, err := in.strs("ids")
	if err != nil {
		return reply{}, err
	}
	op, err := in.str("operation")
	if err != nil {
		return reply{}, err
	}
	state, ok := lifecycleStates[strings.ToLower(strings.ReplaceAll(op, " ", ""))]
	if !ok {
		return reply{}, errorf(codeInvalidArgument, "unknown lifecycle operation %q", op)
	}
	return s.changeStates(ids, state, c.user)
}

// changeStates moves every listed entity to state, or none of them when one
// id or the state is invalid for its type.
func (s *Server) changeStates(ids []string, state string, actor *record) (reply, error) {
	if len(ids) == 0 {
		return reply{}, errorf(codeMissingArgument, "ids is required")
	}
	if state == "" {
		return reply{}, errorf(codeMissingArgument, "state is required")
	}
	recs := make([]*record, 0, len(ids))
	states := make([]string, 0, len(ids))
	for _, id := range ids {
		rec, err := s.lookupID(id)
		if err != nil {
			return reply{}, err
		}
		valid, ok := rec.typ.validState(state)
		if !ok {
			return reply{}, errorf(codeInvalidArgument, "%q is not a valid state of %s; valid states are %s",
				state, rec.typ.Name, strings.Join(rec.typ.ValidStates, ", "))
		}
		recs = append(recs, rec)
		states = append(states, valid)
	}
	now := s.stamp()
	for i, rec := range recs {
		s.setState(rec, states[i], actor, now)
	}
	return okReply(map[string]any{})
}

// setState changes State and the fields the real service derives from it.
func (s *Server) setState(rec *record, state string, actor *record, now time.Time) {
	s.st.touch(rec)
	f, _ := rec.typ.field("State")
	rec.fields["State"] = entityRef{Type: f.Refs[0], ID: state}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	setOnce := func(field string, v any) {
		if _, has := rec.typ.field(field); has && rec.fields[field] == nil {
			rec.fields[field] = v
		}
	}
	switch state {
	case "Active":
		if rec.typ.isA("WorkItem") {
			setOnce("ActualStartDate", day)
		}
	case "Completed":
		if rec.typ.isA("WorkItem") {
			rec.fields["PercentCompleted"] = 100.0
			setOnce("ActualEndDate", day)
		}
	case "Submitted":
		setOnce("SubmissionDate", now)
		if actor != nil {
			setOnce("SubmittedBy", actor.ref())
		}
	case "Resolved":
		rec.fields["ResolvedDate"] = now
	case "Closed":
		rec.fields["ClosureDate"] = now
		rec.fields["PercentCompleted"] = 100.0
	}
	rec.fields["LastUpdatedOn"], rec.fields["LastUpdatedBySystemOn"] = now, now
	if actor != nil {
		rec.fields["LastUpdatedBy"] = actor.ref()
	}
}
