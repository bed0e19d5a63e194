package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// ErrNoClients is returned by validation when the workspace was built
// without clients.
var ErrNoClients = errors.New("workspace has no connections to describe objects with")

// ValidateMapping checks m against the live describes of both systems and
// the other saved mappings. Problems of severity error block enabling. The
// error is for a failure to describe (a connection that is down), not for
// problems of m.
func (w *Workspace) ValidateMapping(ctx context.Context, m mapping.Mapping) ([]mapping.Problem, error) {
	all, err := w.definedMappings(ctx, m)
	if err != nil {
		return nil, err
	}
	d := w.describer(ctx)
	problems := mapping.ValidateMapping(m, d, all)
	return problems, d.failure()
}

// ValidateEvent checks e against the live describes and the saved
// mappings.
func (w *Workspace) ValidateEvent(ctx context.Context, e mapping.Event) ([]mapping.Problem, error) {
	all, err := w.definedMappings(ctx, mapping.Mapping{})
	if err != nil {
		return nil, err
	}
	d := w.describer(ctx)
	problems := mapping.ValidateEvent(e, d, all)
	return problems, d.failure()
}

// checkMapping validates m and returns a *ProblemsError when an error
// blocks it.
func (w *Workspace) checkMapping(ctx context.Context, m mapping.Mapping) ([]mapping.Problem, error) {
	problems, err := w.ValidateMapping(ctx, m)
	if err != nil {
		return problems, err
	}
	if mapping.HasErrors(problems) {
		return problems, &ProblemsError{Owner: "mapping", ID: m.ID, Name: m.Name, Problems: problems}
	}
	return problems, nil
}

func (w *Workspace) checkEvent(ctx context.Context, e mapping.Event) ([]mapping.Problem, error) {
	problems, err := w.ValidateEvent(ctx, e)
	if err != nil {
		return problems, err
	}
	if mapping.HasErrors(problems) {
		return problems, &ProblemsError{Owner: "event", ID: e.ID, Name: e.Name, Problems: problems}
	}
	return problems, nil
}

// definedMappings returns the saved mappings with m in place of its saved
// version (or added, when new).
func (w *Workspace) definedMappings(ctx context.Context, m mapping.Mapping) ([]mapping.Mapping, error) {
	infos, err := w.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]mapping.Mapping, 0, len(infos)+1)
	replaced := false
	for _, info := range infos {
		if m.ID != "" && info.Mapping.ID == m.ID {
			out = append(out, m)
			replaced = true
			continue
		}
		out = append(out, info.Mapping)
	}
	if m.ID != "" && !replaced {
		out = append(out, m)
	}
	return out, nil
}

// liveDescriber implements mapping.Describer with the connected clients,
// describing each object once. An object the API does not know is reported as missing;
// a failure to reach the API is kept and returned by failure, so that
// validation does not report objects as missing when a connection is down.
type liveDescriber struct {
	ctx     context.Context
	clients syncer.Clients
	sfObjs  map[string]*schema.Object
	czObjs  map[string]*schema.Object
	errs    []error
}

func (w *Workspace) describer(ctx context.Context) *liveDescriber {
	return &liveDescriber{ctx: ctx, clients: w.clients, sfObjs: map[string]*schema.Object{}, czObjs: map[string]*schema.Object{}}
}

// DescribeSalesforce returns the live describe of a Salesforce object.
func (d *liveDescriber) DescribeSalesforce(object string) (schema.Object, bool) {
	key := strings.ToLower(object)
	if o, ok := d.sfObjs[key]; ok {
		return deref(o)
	}
	if d.clients == nil {
		d.fail(ErrNoClients)
		return schema.Object{}, false
	}
	var found *schema.Object
	sf, err := d.clients.Salesforce(d.ctx)
	if err == nil {
		var o schema.Object
		o, err = sf.Object(d.ctx, object)
		if err == nil {
			found = &o
		} else if isUnknownObject(err) {
			err = nil
		}
	}
	if err != nil {
		d.fail(fmt.Errorf("describe salesforce %s: %w", object, err))
	}
	d.sfObjs[key] = found
	return deref(found)
}

// DescribeClarizen returns the live describe of an entity of a Clarizen
// instance.
func (d *liveDescriber) DescribeClarizen(instance int, entity string) (schema.Object, bool) {
	conn := mapping.ConnectionID(instance)
	key := conn + "/" + strings.ToLower(entity)
	if o, ok := d.czObjs[key]; ok {
		return deref(o)
	}
	if d.clients == nil {
		d.fail(ErrNoClients)
		return schema.Object{}, false
	}
	var found *schema.Object
	cz, err := d.clients.Clarizen(d.ctx, conn)
	if err == nil {
		var o schema.Object
		o, err = cz.Object(d.ctx, entity)
		if err == nil {
			found = &o
		} else if isUnknownObject(err) {
			err = nil
		}
	}
	if err != nil {
		d.fail(fmt.Errorf("describe clarizen %s %s: %w", conn, entity, err))
	}
	d.czObjs[key] = found
	return deref(found)
}

func deref(o *schema.Object) (schema.Object, bool) {
	if o == nil {
		return schema.Object{}, false
	}
	return *o, true
}

func (d *liveDescriber) fail(err error) {
	for _, e := range d.errs {
		if e.Error() == err.Error() {
			return
		}
	}
	d.errs = append(d.errs, err)
}

// failure returns the describe failures, nil when every describe got a
// response.
func (d *liveDescriber) failure() error {
	if len(d.errs) == 0 {
		return nil
	}
	return fmt.Errorf("validate against live describes: %w", errors.Join(d.errs...))
}

// isUnknownObject reports an API's response that an object or entity type
// does not exist, as opposed to a failed request.
func isUnknownObject(err error) bool {
	var sfErr *salesforce.Error
	if errors.As(err, &sfErr) {
		return sfErr.Class() == salesforce.Permanent
	}
	var czErr *clarizen.Error
	if errors.As(err, &czErr) {
		return czErr.Class() == clarizen.Permanent
	}
	return false
}
