package syncer

import (
	"context"
	"fmt"
	"time"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/api"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
)

// SalesforceAPI is the part of *salesforce.Client a run uses.
type SalesforceAPI interface {
	QueryPages(ctx context.Context, soql string, opts salesforce.QueryOptions, fn func(salesforce.Page) error) error
	UpsertMany(ctx context.Context, object, extIDField string, records []salesforce.Fields) ([]salesforce.Result, error)
	CreateMany(ctx context.Context, records []salesforce.NewRecord) ([]salesforce.Result, error)
	UpdateMany(ctx context.Context, records []salesforce.RecordUpdate) ([]salesforce.Result, error)
	DeleteMany(ctx context.Context, ids []string) ([]salesforce.Result, error)
	GetDeleted(ctx context.Context, object string, start, end time.Time) (salesforce.Deleted, error)
	Object(ctx context.Context, name string) (schema.Object, error)
	APIUsage() (salesforce.APIUsage, bool)
	// ServerTime returns the org's clock from its newest response, and
	// false before any response.
	ServerTime() (time.Time, bool)
}

// ClarizenAPI is the part of *clarizen.Client a run uses.
type ClarizenAPI interface {
	Query(ctx context.Context, statement string, fn clarizen.PageFunc) error
	UpdatedSince(ctx context.Context, typeName string, fields []string, since time.Time, fn clarizen.PageFunc) error
	UpdatedSinceWhere(ctx context.Context, typeName string, fields []string, where czql.Condition, since time.Time, fn clarizen.PageFunc) error
	DeletedSince(ctx context.Context, typeName string, fields []string, since time.Time, fn clarizen.PageFunc) error
	RetrieveMultiple(ctx context.Context, ids []clarizen.EntityID, fields []string) ([]clarizen.Entity, error)
	ApplyWrites(ctx context.Context, writes []clarizen.Write, opts clarizen.BulkOptions) ([]clarizen.WriteResult, error)
	CreateFromTemplate(ctx context.Context, t clarizen.TemplateRequest) (clarizen.CreateResult, error)
	Object(ctx context.Context, typeName string) (schema.Object, error)
	DescribeEntityRelations(ctx context.Context, typeNames ...string) ([]api.EntityRelations, error)
	// ServerTime returns the instance's clock from its newest response,
	// and false before any response.
	ServerTime() (time.Time, bool)
}

// Clients hands a run its connected clients. The engine builds them from
// stored connections and the keychain; tests connect them to the
// simulators. An error of class auth from either method pauses the
// mappings of that connection.
type Clients interface {
	Salesforce(ctx context.Context) (SalesforceAPI, error)
	// Clarizen returns the client of a Clarizen connection ("clarizen1",
	// "clarizen2").
	Clarizen(ctx context.Context, connection string) (ClarizenAPI, error)
}

// StaticClients is a Clients over clients that are already connected.
type StaticClients struct {
	SF SalesforceAPI
	CZ map[string]ClarizenAPI
}

// Salesforce returns s.SF.
func (s StaticClients) Salesforce(context.Context) (SalesforceAPI, error) {
	if s.SF == nil {
		return nil, fmt.Errorf("Salesforce is %w: connect it on the Connections screen", ErrNotConnected)
	}
	return s.SF, nil
}

// Clarizen returns the client of connection.
func (s StaticClients) Clarizen(_ context.Context, connection string) (ClarizenAPI, error) {
	c, ok := s.CZ[connection]
	if !ok || c == nil {
		return nil, fmt.Errorf("%s is %w: connect it on the Connections screen, or disable its mappings",
			connectionName(connection), ErrNotConnected)
	}
	return c, nil
}

// SalesforceConnection is the connection id of the Salesforce org in the
// store and in registry rows.
const SalesforceConnection = "salesforce"

// ClientProvider returns connected clients by connection;
// *connect.Manager implements it.
type ClientProvider interface {
	SalesforceClient(ctx context.Context) (*salesforce.Client, error)
	ClarizenClient(ctx context.Context, connection string) (*clarizen.Client, error)
}

// ProviderClients adapts a ClientProvider to Clients.
func ProviderClients(p ClientProvider) Clients { return providerClients{p} }

type providerClients struct{ p ClientProvider }

func (c providerClients) Salesforce(ctx context.Context) (SalesforceAPI, error) {
	sf, err := c.p.SalesforceClient(ctx)
	if err != nil {
		return nil, err
	}
	return sf, nil
}

func (c providerClients) Clarizen(ctx context.Context, connection string) (ClarizenAPI, error) {
	cz, err := c.p.ClarizenClient(ctx, connection)
	if err != nil {
		return nil, err
	}
	return cz, nil
}
