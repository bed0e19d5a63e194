package app

import (
	"context"
	"errors"

	"github.com/liaison-sync/liaison/engine/connect"
)

// ConnectionsView is what the Connections screen shows: the health of the
// Salesforce org and both Clarizen instances, a pending org change, and
// the demo logins when the demo workspace runs.
type ConnectionsView struct {
	// Connections are salesforce, clarizen1 and clarizen2, in this order.
	Connections []connect.Status `json:"connections"`
	// OrgChange is set while a re-authentication that reached another
	// Salesforce org waits for the re-match or reset decision.
	OrgChange *connect.OrgChange `json:"orgChange,omitempty"`
	Demo      *DemoInfo          `json:"demo,omitempty"`
}

// ConnectionsService backs the Connections screen.
type ConnectionsService struct {
	svc    *service
	logins loginTracker
}

// View returns the stored health of every connection without calling the
// services.
func (s *ConnectionsService) View() (ConnectionsView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ConnectionsView{Demo: s.svc.demo}, err
	}
	ctx := s.svc.context()
	health, err := eng.Connections.Health(ctx)
	if err != nil {
		return ConnectionsView{}, err
	}
	view := ConnectionsView{Connections: health, Demo: s.svc.demo}
	change, ok, err := eng.Connections.PendingOrgChange(ctx)
	if err != nil {
		return view, err
	}
	if ok {
		view.OrgChange = &change
	}
	return view, nil
}

// Check probes every connection with one cheap call and returns the view
// with the states found.
func (s *ConnectionsService) Check() (ConnectionsView, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return ConnectionsView{}, err
	}
	if _, err := eng.Connections.Check(s.svc.context()); err != nil {
		return ConnectionsView{}, err
	}
	return s.View()
}

// ConnectSalesforce opens the Salesforce login page in the system browser
// and waits until the browser comes back to Liaison, CancelLogin is called
// or the window closes. When the callback port is busy it fails with code
// callback_port_busy and the login page's address in details.authUrl;
// CompletePasted then finishes the same login.
//
// It blocks its caller for as long as the user takes, and through the
// Wails dev server every later call of the same page waits behind it, so
// a window uses StartSalesforceLogin.
func (s *ConnectionsService) ConnectSalesforce(login connect.SalesforceLogin) (connect.SalesforceIdentity, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return connect.SalesforceIdentity{}, err
	}
	_, results := s.logins.start(s.svc.context(), s.svc.shell.Emit, func(ctx context.Context) (connect.SalesforceIdentity, error) {
		return eng.Connections.ConnectSalesforce(ctx, login)
	})
	res := <-results
	return res.identity, res.err
}

// ReauthenticateSalesforce logs in again with the stored login host,
// which replaces the tokens; a sandbox refresh requires it. Like
// ConnectSalesforce it waits for the user, so a window uses
// StartReauthentication.
func (s *ConnectionsService) ReauthenticateSalesforce() (connect.SalesforceIdentity, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return connect.SalesforceIdentity{}, err
	}
	_, results := s.logins.start(s.svc.context(), s.svc.shell.Emit, eng.Connections.ReauthenticateSalesforce)
	res := <-results
	return res.identity, res.err
}

// CompletePasted finishes a login left waiting because the callback port
// was busy: pasted is the address the browser ended on, or its code.
func (s *ConnectionsService) CompletePasted(pasted string) (connect.SalesforceIdentity, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return connect.SalesforceIdentity{}, err
	}
	id, err := eng.Connections.CompletePasted(s.svc.context(), pasted)
	return id, loginError(err)
}

// CancelLogin stops a Salesforce login that waits for the browser or for a
// pasted code. The stopped login ends with code "cancelled", in its event
// and in a blocking call that waits for it.
func (s *ConnectionsService) CancelLogin() error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	s.logins.cancelNewest()
	eng.Connections.CancelLogin()
	return nil
}

// ResolveOrgChange carries out the decision on a pending org change:
// "rematch" finds each link's record again by the mappings' key fields,
// "reset" drops every link.
func (s *ConnectionsService) ResolveOrgChange(decision string) (connect.RematchResult, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return connect.RematchResult{}, err
	}
	return eng.Connections.ResolveOrgChange(s.svc.context(), connect.Decision(decision))
}

// ConnectClarizen logs in to a Clarizen instance with a user name and
// password or an API key, found through the environment's discovery.
func (s *ConnectionsService) ConnectClarizen(login connect.ClarizenLogin) (connect.ClarizenIdentity, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return connect.ClarizenIdentity{}, err
	}
	return eng.Connections.ConnectClarizen(s.svc.context(), login)
}

// Disconnect revokes or logs out the connection and deletes its secrets.
func (s *ConnectionsService) Disconnect(id string) error {
	eng, err := s.svc.engine()
	if err != nil {
		return err
	}
	return eng.Connections.Disconnect(s.svc.context(), id)
}

// Dependent is a mapping or event that uses a connection, listed in the
// confirmation before a disconnect.
type Dependent struct {
	// Kind is "mapping" or "event".
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Enabled bool   `json:"enabled"`
}

// Dependents lists the mappings and then the events that use connection
// id: all of them for salesforce, those of the instance for clarizen1 and
// clarizen2. While the connection is disconnected, the enabled ones do not
// run: its mappings are paused and runs skip its events.
func (s *ConnectionsService) Dependents(id string) ([]Dependent, error) {
	eng, err := s.svc.engine()
	if err != nil {
		return nil, err
	}
	deps, err := eng.Connections.Dependents(s.svc.context(), id)
	if err != nil {
		return nil, err
	}
	out := make([]Dependent, 0, len(deps))
	for _, d := range deps {
		out = append(out, Dependent{Kind: d.Kind, ID: d.ID, Name: d.Name, Enabled: d.Enabled})
	}
	return out, nil
}

// loginError gives a cancelled login its own code and passes the login
// page's address of a busy callback port on to the window.
func loginError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return &codedError{code: CodeCancelled, msg: "the Salesforce login was cancelled", err: err}
	}
	var busy *connect.PortBusyError
	if errors.As(err, &busy) {
		var coder errorCoder
		code := connect.CodeCallbackPortBusy
		if errors.As(err, &coder) {
			code = coder.ErrorCode()
		}
		var hinter errorHinter
		hint := ""
		if errors.As(err, &hinter) {
			hint = hinter.ErrorHint()
		}
		return &codedError{code: code, msg: err.Error(), hint: hint, err: err,
			details: map[string]string{"authUrl": busy.AuthURL}}
	}
	return err
}
