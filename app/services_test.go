package app

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine"
	"github.com/liaison-sync/liaison/engine/connect"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/oauth"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/sim/sfsim"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

// fakeShell is a Shell without a window: it records events and returns
// the paths a test sets from its file dialogs.
type fakeShell struct {
	mu       sync.Mutex
	emitted  []emitted
	opened   []string
	savePath string
	openPath string
}

type emitted struct {
	name string
	data any
}

func (s *fakeShell) Emit(name string, data any) {
	s.mu.Lock()
	s.emitted = append(s.emitted, emitted{name, data})
	s.mu.Unlock()
}

func (s *fakeShell) events() []emitted {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]emitted(nil), s.emitted...)
}

func (s *fakeShell) OpenURL(_ context.Context, address string) error {
	s.mu.Lock()
	s.opened = append(s.opened, address)
	s.mu.Unlock()
	return nil
}

func (s *fakeShell) ChooseDirectory(context.Context, string, string) (string, error) { return "", nil }
func (s *fakeShell) SaveFile(context.Context, string, string, FileFilter) (string, error) {
	return s.savePath, nil
}
func (s *fakeShell) OpenFile(context.Context, string, FileFilter) (string, error) {
	return s.openPath, nil
}
func (s *fakeShell) ShowWindow()     {}
func (s *fakeShell) Quit()           {}
func (s *fakeShell) HasWindow() bool { return false }

// startDemo starts the demo workspace in a temporary folder with an
// in-memory keychain. With walkthrough nothing is connected; otherwise the
// demo connects, installs the package and enables its event.
func startDemo(t *testing.T, walkthrough bool, browser oauth.Opener) *demo.Workspace {
	t.Helper()
	ws, err := demo.Start(context.Background(), demo.Options{
		DataDir:     filepath.Join(t.TempDir(), "data"),
		Secrets:     secretstest.NewMemory(),
		Walkthrough: walkthrough,
		Browser:     browser,
	})
	if err != nil {
		t.Fatalf("start demo workspace: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// newServices builds the services over the workspace's engine with a fake
// shell and forwards events until the test ends.
func newServices(t *testing.T, ws *demo.Workspace) (*Services, *fakeShell) {
	t.Helper()
	shell := &fakeShell{}
	s := NewServices(Config{Engine: ws.Engine, Demo: &DemoInfo{Salesforce: DemoLogin{Username: ws.Logins.SalesforceUser}}}, shell)
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	t.Cleanup(func() {
		s.Stop()
		cancel()
	})
	return s, shell
}

// payload returns the ErrorPayload the window would receive for err.
func payload(t *testing.T, err error) ErrorPayload {
	t.Helper()
	p, ok := FormatError(err).(ErrorPayload)
	if !ok {
		t.Fatalf("FormatError(%v) is not an ErrorPayload", err)
	}
	return p
}

func TestServices_NoEngine(t *testing.T) {
	s := NewServices(Config{}, &fakeShell{})
	calls := map[string]func() error{
		"Connections.View":    func() error { _, err := s.Connections.View(); return err },
		"Definitions.List":    func() error { _, err := s.Definitions.List(); return err },
		"Schema.Describe":     func() error { _, err := s.Schema.DescribeSalesforce("Account"); return err },
		"Runs.SyncNow":        func() error { return s.Runs.SyncNow(nil) },
		"Runs.Preview":        func() error { _, err := s.Runs.Preview(nil); return err },
		"Registry.Rows":       func() error { _, err := s.Registry.Rows(RegistryQuery{}); return err },
		"Projects.Linked":     func() error { _, err := s.Projects.LinkedProjects(); return err },
		"Settings.Get":        func() error { _, err := s.Settings.Get(); return err },
		"Package.Status":      func() error { _, err := s.Package.Status(1); return err },
		"Events.Since":        func() error { _, err := s.Events.Since(0); return err },
		"Definitions.Export":  func() error { _, err := s.Definitions.Export(); return err },
		"Runs.ConfirmDeletes": func() error { return s.Runs.ConfirmDeletes("m1", 3) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := call()
			if got := payload(t, err).Code; got != CodeNoEngine {
				t.Errorf("code = %q, want %q (err %v)", got, CodeNoEngine, err)
			}
		})
	}
}

func TestConnectionsService_Connect(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, shell := newServices(t, ws)

	view, err := s.Connections.View()
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	if len(view.Connections) != 3 {
		t.Fatalf("connections = %d, want salesforce, clarizen1 and clarizen2", len(view.Connections))
	}
	for _, c := range view.Connections {
		if c.State != connect.StateDisconnected {
			t.Errorf("%s state before any login = %q, want disconnected", c.ID, c.State)
		}
	}
	if view.Demo == nil || view.Demo.Salesforce.Username != ws.Logins.SalesforceUser {
		t.Errorf("view.Demo = %+v, want the demo's Salesforce user", view.Demo)
	}

	id, err := s.Connections.ConnectSalesforce(connect.SalesforceLogin{Environment: connect.EnvProduction})
	if err != nil {
		t.Fatalf("ConnectSalesforce: %v", err)
	}
	if id.OrgID != ws.Salesforce.OrgID() || id.IsSandbox {
		t.Errorf("identity = %+v, want org %s, not a sandbox", id, ws.Salesforce.OrgID())
	}
	first, err := s.Connections.ConnectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1,
		Environment: connect.EnvProduction, UserName: ws.Logins.ClarizenUser["clarizen1"],
		Password: ws.Logins.ClarizenPassword["clarizen1"]})
	if err != nil {
		t.Fatalf("ConnectClarizen 1: %v", err)
	}
	if first.DataCenter == "" || first.AuthMethod != connect.AuthPassword {
		t.Errorf("clarizen1 identity = %+v, want a data centre and the password method", first)
	}
	second, err := s.Connections.ConnectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen2,
		Environment: connect.EnvSandbox, APIKey: ws.Logins.ClarizenAPIKey["clarizen2"]})
	if err != nil {
		t.Fatalf("ConnectClarizen 2: %v", err)
	}
	if second.AuthMethod != connect.AuthAPIKey {
		t.Errorf("clarizen2 auth method = %q, want apikey", second.AuthMethod)
	}

	view, err = s.Connections.Check()
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	for _, c := range view.Connections {
		if c.State != connect.StateConnected {
			t.Errorf("%s state after login = %q (%s), want connected", c.ID, c.State, c.StateDetail)
		}
	}
	if sf := view.Connections[0]; sf.APIMax == 0 || sf.APIRemaining <= 0 {
		t.Errorf("salesforce API budget = %d of %d, want the budget read from the org", sf.APIRemaining, sf.APIMax)
	}
	if !eventually(func() bool { return hasEvent(shell, string(events.ConnectionChange)) }) {
		t.Error("no connection.changed event reached the window")
	}

	if err := s.Connections.Disconnect(connect.Clarizen2); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}
	view, err = s.Connections.View()
	if err != nil {
		t.Fatal(err)
	}
	if got := view.Connections[2].State; got != connect.StateDisconnected {
		t.Errorf("clarizen2 state after Disconnect = %q, want disconnected", got)
	}
}

func TestConnectionsService_WrongClarizenPassword(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, _ := newServices(t, ws)
	_, err := s.Connections.ConnectClarizen(connect.ClarizenLogin{ConnectionID: connect.Clarizen1,
		Environment: connect.EnvProduction, UserName: ws.Logins.ClarizenUser["clarizen1"], Password: "not-the-password"})
	p := payload(t, err)
	if p.Code != connect.CodeLoginFailed {
		t.Errorf("code = %q, want %q (%v)", p.Code, connect.CodeLoginFailed, err)
	}
	if !strings.Contains(p.Hint, "If this is a sandbox instance, choose Sandbox.") {
		t.Errorf("hint = %q, want the suggestion to try Sandbox", p.Hint)
	}
	if !strings.HasPrefix(p.Message, "connect Clarizen instance 1: ") {
		t.Errorf("message = %q, want it to name Clarizen instance 1", p.Message)
	}
	if strings.Contains(p.Message, "not-the-password") {
		t.Errorf("the message shows the password: %s", p.Message)
	}
}

// parkedBrowser is a browser that shows the login page and never comes
// back, as when the user walks away.
type parkedBrowser struct{ urls chan string }

func (b parkedBrowser) OpenURL(_ context.Context, url string) error {
	b.urls <- url
	return nil
}

func TestConnectionsService_CancelLogin(t *testing.T) {
	browser := parkedBrowser{urls: make(chan string, 1)}
	ws := startDemo(t, true, browser)
	s, _ := newServices(t, ws)

	done := make(chan error, 1)
	go func() {
		_, err := s.Connections.ConnectSalesforce(connect.SalesforceLogin{Environment: connect.EnvProduction})
		done <- err
	}()
	select {
	case <-browser.urls:
	case <-time.After(30 * time.Second):
		t.Fatal("the login page was never opened")
	}
	if err := s.Connections.CancelLogin(); err != nil {
		t.Fatalf("CancelLogin: %v", err)
	}
	select {
	case err := <-done:
		if got := payload(t, err).Code; got != CodeCancelled {
			t.Errorf("code = %q, want %q (%v)", got, CodeCancelled, err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ConnectSalesforce did not return after CancelLogin")
	}
}

func TestConnectionsService_PortBusyPaste(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	browser := parkedBrowser{urls: make(chan string, 4)}
	ws := startDemo(t, true, browser)
	// A second engine over the demo's simulators, whose callback port is
	// taken by another program.
	eng := reopenWithCallback(t, ws, busy.Addr().String(), browser)
	shell := &fakeShell{}
	s := NewServices(Config{Engine: eng}, shell)

	_, err = s.Connections.ConnectSalesforce(connect.SalesforceLogin{Environment: connect.EnvProduction})
	p := payload(t, err)
	if p.Code != connect.CodeCallbackPortBusy {
		t.Fatalf("code = %q, want %q (%v)", p.Code, connect.CodeCallbackPortBusy, err)
	}
	authURL := p.Details["authUrl"]
	if !strings.HasPrefix(authURL, ws.Salesforce.LoginURL()) {
		t.Fatalf("details.authUrl = %q, want the simulator's login page", authURL)
	}

	callback, err := ws.Salesforce.BrowserLogin(context.Background(), authURL, ws.Logins.SalesforceUser, ws.Logins.SalesforcePassword)
	if err != nil {
		t.Fatalf("log in on the page: %v", err)
	}
	id, err := s.Connections.CompletePasted(callback)
	if err != nil {
		t.Fatalf("CompletePasted: %v", err)
	}
	if id.OrgID != ws.Salesforce.OrgID() {
		t.Errorf("org id = %q, want %q", id.OrgID, ws.Salesforce.OrgID())
	}
}

func TestForwarder_ThrottlesProgress(t *testing.T) {
	var mu sync.Mutex
	var got []WindowEvent
	f := newForwarder(func(name string, data any) {
		mu.Lock()
		defer mu.Unlock()
		ev := data.(WindowEvent)
		if ev.Type != name {
			t.Errorf("event %d sent as %q, want its type %q", ev.Seq, name, ev.Type)
		}
		got = append(got, ev)
	})
	f.interval = time.Hour // only the first report goes out at once

	bus := events.NewBus(0)
	unsub := bus.Subscribe(f)
	defer unsub()
	for i := range 50 {
		bus.Emit(events.RunProgress, map[string]int{"done": i})
	}
	bus.Emit(events.RunFinished, map[string]string{"status": "succeeded"})
	bus.Emit(events.RunProgress, map[string]int{"done": 99})
	f.stop()
	bus.Emit(events.RegistryChanged, nil)

	mu.Lock()
	defer mu.Unlock()
	var seqs []uint64
	for _, e := range got {
		seqs = append(seqs, e.Seq)
	}
	want := []uint64{1, 50, 51, 52}
	if len(seqs) != len(want) {
		t.Fatalf("sent seqs = %v, want %v: the first report, the newest before run.finished, run.finished, the last report", seqs, want)
	}
	for i := range want {
		if seqs[i] != want[i] {
			t.Errorf("sent seqs = %v, want %v", seqs, want)
			break
		}
	}
}

func TestEventsService_Since(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, _ := newServices(t, ws)
	first := ws.Engine.Bus.Emit(events.Notification, map[string]string{"text": "one"})
	ws.Engine.Bus.Emit(events.Notification, map[string]string{"text": "two"})

	batch, err := s.Events.Since(first.Seq)
	if err != nil {
		t.Fatalf("Since: %v", err)
	}
	if len(batch.Events) != 1 || batch.Events[0].Seq != first.Seq+1 {
		t.Fatalf("events = %+v, want only the one after seq %d", batch.Events, first.Seq)
	}
	if !batch.Complete || batch.LastSeq != first.Seq+1 {
		t.Errorf("complete = %v, lastSeq = %d, want true and %d", batch.Complete, batch.LastSeq, first.Seq+1)
	}
	if _, err := time.Parse(time.RFC3339Nano, batch.Events[0].Time); err != nil {
		t.Errorf("event time %q is not RFC 3339: %v", batch.Events[0].Time, err)
	}
}

func TestDefinitionsService_Workflow(t *testing.T) {
	ws := startDemo(t, false, nil)
	s, shell := newServices(t, ws)

	rows, err := s.Definitions.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var event *DefinitionRow
	mappings := 0
	for i, r := range rows {
		switch r.Kind {
		case KindMapping:
			mappings++
			if event != nil {
				t.Errorf("mapping %q listed after an event", r.Name)
			}
		case KindEvent:
			if event == nil && r.SalesforceObject == "Opportunity" {
				event = &rows[i]
			}
		}
	}
	if mappings < 4 || event == nil {
		t.Fatalf("list has %d mappings and event %v, want the package's mappings and its opportunity event", mappings, event)
	}
	if !event.Enabled || event.ClarizenEntity == "" {
		t.Errorf("package event row = %+v, want enabled with the target's Clarizen entity", *event)
	}

	t.Run("count matching", func(t *testing.T) {
		n, err := s.Definitions.CountMatching(event.ID)
		if err != nil {
			t.Fatalf("CountMatching: %v", err)
		}
		if n == 0 {
			t.Error("no opportunity matches the package event's condition in the demo org")
		}
		if n != ws.Enabled.Matching {
			t.Errorf("count = %d, want %d as when the demo enabled the event", n, ws.Enabled.Matching)
		}
	})

	t.Run("enable refused with problems", func(t *testing.T) {
		m, err := s.Definitions.NewMapping(1)
		if err != nil {
			t.Fatal(err)
		}
		if m.ConflictRule != mapping.NewestWins {
			t.Errorf("new mapping conflict rule = %q, want the settings' default", m.ConflictRule)
		}
		m.Name = "Broken account map"
		m.SalesforceObject, m.ClarizenEntity = "Account", "Customer"
		m.FieldMaps = []mapping.FieldMap{{ID: "f1", Enabled: true, Direction: mapping.ToClarizen,
			SalesforceField: "NoSuchField__c", ClarizenField: "Name", EventType: mapping.CreateAndSync}}
		saved, err := s.Definitions.SaveMapping(m)
		if err != nil {
			t.Fatalf("SaveMapping: %v", err)
		}
		out, err := s.Definitions.EnableMapping(saved.ID)
		if err != nil {
			t.Fatalf("EnableMapping: %v", err)
		}
		if out.Enabled {
			t.Error("a mapping with an unknown field was enabled")
		}
		found := false
		for _, p := range out.Problems {
			found = found || (p.FieldMapID == "f1" && p.Code == mapping.CodeUnknownField)
		}
		if !found {
			t.Errorf("problems = %+v, want unknown_field on field map f1", out.Problems)
		}
		stored, err := s.Definitions.Mapping(saved.ID)
		if err != nil || stored.Enabled {
			t.Errorf("stored mapping enabled = %v (err %v), want false", stored.Enabled, err)
		}
		if err := s.Definitions.Delete(KindMapping, saved.ID); err != nil {
			t.Errorf("Delete: %v", err)
		}
	})

	t.Run("delete a mapping in use", func(t *testing.T) {
		err := s.Definitions.Delete(KindMapping, targetOf(t, s, event.ID))
		if got := payload(t, err).Code; got != CodeInUse {
			t.Errorf("code = %q, want %q (%v)", got, CodeInUse, err)
		}
	})

	t.Run("export and import", func(t *testing.T) {
		shell.savePath = filepath.Join(t.TempDir(), "definitions.json")
		exported, err := s.Definitions.Export()
		if err != nil {
			t.Fatalf("Export: %v", err)
		}
		if exported.Path != shell.savePath || exported.Mappings != mappings {
			t.Errorf("export = %+v, want %d mappings in %s", exported, mappings, shell.savePath)
		}
		data, err := os.ReadFile(shell.savePath)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range ws.Logins.Values() {
			if strings.Contains(string(data), secret) {
				t.Error("the export file holds a secret of a connection")
			}
		}

		shell.openPath = shell.savePath
		_, err = s.Definitions.Import(false)
		if got := payload(t, err).Code; got != CodeImportConflict {
			t.Errorf("import without replace: code = %q, want %q (%v)", got, CodeImportConflict, err)
		}
		imported, err := s.Definitions.Import(true)
		if err != nil {
			t.Fatalf("Import with replace: %v", err)
		}
		if imported.Mappings != mappings {
			t.Errorf("imported mappings = %d, want %d", imported.Mappings, mappings)
		}
		after, err := s.Definitions.Event(event.ID)
		if err != nil || after.Enabled {
			t.Errorf("imported event enabled = %v (err %v), want disabled", after.Enabled, err)
		}
	})

	t.Run("dialog cancelled", func(t *testing.T) {
		shell.savePath = ""
		got, err := s.Definitions.Export()
		if err != nil || got.Path != "" {
			t.Errorf("Export after a cancelled dialog = %+v, %v; want nothing written", got, err)
		}
	})
}

func targetOf(t *testing.T, s *Services, eventID string) string {
	t.Helper()
	e, err := s.Definitions.Event(eventID)
	if err != nil {
		t.Fatal(err)
	}
	return eventTargetMapping(e)
}

func TestSchemaService_Condition(t *testing.T) {
	ws := startDemo(t, false, nil)
	s, _ := newServices(t, ws)

	cases := []struct {
		name       string
		text       string
		wantColumn int
		wantField  string
		wantNone   bool
	}{
		{"valid", "Probability >= 70 AND StageName != 'Closed Lost'", 0, "", true},
		{"empty", "  ", 0, "", true},
		{"syntax", "Probability >= ", 16, "", false},
		{"unknown field", "Probabilty >= 70", 0, "Probabilty", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems, err := s.Schema.ValidateCondition("salesforce", 1, "Opportunity", c.text)
			if err != nil {
				t.Fatalf("ValidateCondition: %v", err)
			}
			if c.wantNone {
				if len(problems) != 0 {
					t.Errorf("problems = %+v, want none", problems)
				}
				return
			}
			if len(problems) == 0 {
				t.Fatal("no problem found")
			}
			if problems[0].Column != c.wantColumn || problems[0].Field != c.wantField {
				t.Errorf("problem = %+v, want column %d field %q", problems[0], c.wantColumn, c.wantField)
			}
			if problems[0].Fix == "" {
				t.Errorf("problem %+v has no fix", problems[0])
			}
		})
	}

	ops := s.Schema.ConditionOperators()
	if len(ops["percent"]) == 0 || ops["percent"][0] == "" || len(ops["boolean"]) >= len(ops["percent"]) {
		t.Errorf("operators = %v, want more for percent than for boolean", ops)
	}
	found := false
	for _, c := range s.Schema.FieldCompatibility() {
		found = found || (c.From == "currency" && c.To == "currency")
	}
	if !found {
		t.Error("the compatibility table has no currency to currency pair")
	}
	opp, err := s.Schema.DescribeSalesforce("Opportunity")
	if err != nil || len(opp.Fields) == 0 {
		t.Fatalf("DescribeSalesforce = %d fields, %v", len(opp.Fields), err)
	}
	templates, err := s.Schema.ClarizenTemplates(1, "Project")
	if err != nil || len(templates) == 0 {
		t.Errorf("ClarizenTemplates = %v, %v; want the instance's project templates", templates, err)
	}
	children, err := s.Schema.SalesforceChildRelationships("Opportunity")
	if err != nil {
		t.Fatalf("SalesforceChildRelationships: %v", err)
	}
	hasLineItems := false
	for _, r := range children {
		hasLineItems = hasLineItems || r.Object == "OpportunityLineItem"
	}
	if !hasLineItems {
		t.Errorf("child relationships = %+v, want OpportunityLineItem", children)
	}
}

func TestRunService_PreviewApply(t *testing.T) {
	ws := startDemo(t, false, nil)
	s, shell := newServices(t, ws)

	plan, err := s.Runs.Preview(nil)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	creates := 0
	for _, op := range plan.Operations {
		if op.Kind == "create" {
			creates++
		}
		if op.RecordName == "" {
			t.Errorf("operation %d has no record name", op.ID)
		}
	}
	if creates == 0 || plan.APICalls["salesforce"]+plan.APICalls["clarizen1"] == 0 {
		t.Fatalf("plan has %d creates and API calls %v, want the first run's creates", creates, plan.APICalls)
	}
	if runs, _ := ws.Engine.DB.Runs(context.Background(), 5); len(runs) != 0 {
		t.Errorf("the preview recorded %d runs, want none", len(runs))
	}

	out, err := s.Runs.Apply(plan.ID)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if out.Replanned {
		t.Errorf("a fresh preview was planned again: %s", out.Reason)
	}
	created := 0
	for _, m := range out.Summary.Mappings {
		created += m.Created
	}
	if created == 0 || out.Summary.Status != "succeeded" {
		t.Errorf("summary = %+v, want a succeeded run that created records", out.Summary)
	}
	if _, err := time.Parse(time.RFC3339, out.Summary.FinishedAt); err != nil {
		t.Errorf("finishedAt %q is not RFC 3339", out.Summary.FinishedAt)
	}
	if runs, err := ws.Engine.DB.Runs(context.Background(), 1); err != nil || len(runs) != 1 || runs[0].Trigger != "preview" {
		t.Errorf("stored runs = %+v, %v; want the applied preview with trigger preview", runs, err)
	}
	if _, err := s.Runs.Apply(plan.ID); payload(t, err).Code != CodePlanGone {
		t.Errorf("second Apply: %v, want plan_gone", err)
	}
	if !eventually(func() bool {
		return hasEvent(shell, string(events.RunFinished)) && hasEvent(shell, string(events.RunProgress))
	}) {
		t.Error("run.progress and run.finished did not reach the window")
	}

	history, err := s.Runs.History(5)
	if err != nil || len(history) == 0 || history[0].RunID != out.Summary.RunID {
		t.Errorf("History = %+v, %v; want the applied run first", history, err)
	}

	t.Run("registry", func(t *testing.T) {
		page, err := s.Registry.Rows(RegistryQuery{})
		if err != nil {
			t.Fatalf("Rows: %v", err)
		}
		if len(page.Rows) == 0 || page.Total != len(page.Rows) {
			t.Fatalf("rows = %d of %d, want every row of the run", len(page.Rows), page.Total)
		}
		detail, err := s.Registry.Row(page.Rows[0].ID)
		if err != nil {
			t.Fatalf("Row: %v", err)
		}
		if detail.Row.ID != page.Rows[0].ID || detail.Row.Mapping == "" {
			t.Errorf("detail = %+v, want the row with its mapping's name", detail.Row)
		}
		success, err := s.Registry.Rows(RegistryQuery{States: []string{store.Success}, Text: page.Rows[0].RecordID})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range success.Rows {
			if r.State != store.Success {
				t.Errorf("row %s state %s under a Success filter", r.ID, r.State)
			}
		}
		shell.savePath = filepath.Join(t.TempDir(), "registry.csv")
		exported, err := s.Registry.ExportCSV(RegistryQuery{})
		if err != nil {
			t.Fatalf("ExportCSV: %v", err)
		}
		if exported.Rows != page.Total {
			t.Errorf("exported rows = %d, want %d", exported.Rows, page.Total)
		}
		n, err := s.Registry.Retry([]string{page.Rows[0].ID})
		if err != nil || (page.Rows[0].State == store.Success && n != 0) {
			t.Errorf("Retry of a row in state %s = %d, %v; want 0 requeued", page.Rows[0].State, n, err)
		}
	})

	t.Run("project preview", func(t *testing.T) {
		projects, err := s.Projects.LinkedProjects()
		if err != nil {
			t.Fatalf("LinkedProjects: %v", err)
		}
		if len(projects) == 0 {
			t.Fatal("no linked project after the first run")
		}
		p := projects[0]
		if p.Name == p.ProjectID {
			t.Errorf("project %s has no name", p.ProjectID)
		}
		listed := map[string]bool{}
		for _, lp := range projects {
			listed[lp.ProjectID] = true
		}
		subProjects := 0
		for _, lp := range projects {
			if lp.ParentID == "" {
				continue
			}
			subProjects++
			if !listed[lp.ParentID] {
				t.Errorf("sub-project %s has parent %q, want a listed project's id", lp.ProjectID, lp.ParentID)
			}
		}
		if subProjects == 0 || subProjects == len(projects) {
			t.Errorf("%d of %d linked projects have a parent, want the sub-projects of opportunity products only", subProjects, len(projects))
		}
		plan, err := s.Projects.Plan(p.Connection, p.ProjectID, p.SalesforceObject, p.SalesforceID)
		if err != nil {
			t.Fatalf("Plan: %v", err)
		}
		if len(plan.Items) == 0 || plan.ClarizenURL == "" || plan.SalesforceURL == "" {
			t.Errorf("plan = %d items, urls %q and %q; want work items and both addresses", len(plan.Items), plan.ClarizenURL, plan.SalesforceURL)
		}
		if plan.Items[0].Kind != "project" || len(plan.Items) < 2 {
			t.Errorf("items = %+v, want the project first, then its work items from the template", plan.Items)
		}
		parents := 0
		for _, it := range plan.Items[1:] {
			if it.ParentID != "" {
				parents++
			}
		}
		if parents != len(plan.Items)-1 {
			t.Errorf("%d of %d work items have a parent", parents, len(plan.Items)-1)
		}
	})
}

func TestSettingsService_Save(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, _ := newServices(t, ws)
	st, err := s.Settings.Get()
	if err != nil {
		t.Fatal(err)
	}
	if st.DataDir != ws.DataDir() {
		t.Errorf("data folder = %q, want %q", st.DataDir, ws.DataDir())
	}
	st.BudgetReservePercent = 25
	st.DailyTimes = []string{"06:30", "18:00"}
	st.ClientID = "3MVG9own.connected.app"
	saved, err := s.Settings.Save(st)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	if saved.BudgetReservePercent != 25 || strings.Join(saved.DailyTimes, ",") != "06:30,18:00" {
		t.Errorf("saved = %+v", saved)
	}
	// The demo fixes the consumer key of its simulated org, so Settings
	// shows that key as fixed and a saved one does not replace it.
	again, err := s.Settings.Get()
	if err != nil {
		t.Fatal(err)
	}
	if !again.ClientIDFixed {
		t.Error("clientIdFixed = false in the demo, want true")
	}
	if again.ClientID != sfsim.DefaultClientID {
		t.Errorf("clientId after save = %q, want the demo's fixed key %q", again.ClientID, sfsim.DefaultClientID)
	}
	schedule, err := s.Runs.Schedule()
	if err != nil || strings.Join(schedule.DailyTimes, ",") != "06:30,18:00" {
		t.Errorf("Schedule = %+v, %v; want the saved times", schedule, err)
	}

	st.BudgetReservePercent = 95
	_, err = s.Settings.Save(st)
	if p := payload(t, err); p.Code != CodeInvalidInput || !strings.Contains(p.Message, "reserve") {
		t.Errorf("Save with 95 %% reserve: %+v, want invalid_input about the reserve", p)
	}
	if _, err := s.Runs.SaveSchedule([]string{"07:00", "12:00", "19:00"}); payload(t, err).Code != CodeInvalidInput {
		t.Errorf("three daily times: %v, want invalid_input", err)
	}
}

func TestFormatError_EngineSentinels(t *testing.T) {
	cases := []struct {
		err  error
		code string
	}{
		{store.ErrNotFound, CodeNotFound},
		{errors.Join(errors.New("x"), context.Canceled), CodeCancelled},
		{&codedError{code: "custom", msg: "m", details: map[string]string{"k": "v"}}, "custom"},
		{errors.New("plain"), CodeInternal},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			p := payload(t, c.err)
			if p.Code != c.code {
				t.Errorf("code = %q, want %q", p.Code, c.code)
			}
			data, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if c.code != "custom" && strings.Contains(string(data), "details") {
				t.Errorf("payload %s has details without any", data)
			}
		})
	}
}

func hasEvent(shell *fakeShell, name string) bool {
	for _, e := range shell.events() {
		if e.name == name {
			return true
		}
	}
	return false
}

// eventually polls cond until it holds or 10 seconds pass; events reach the
// shell from other goroutines.
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// reopenWithCallback opens a second engine on the demo's simulators whose
// Salesforce login listens for its callback on addr.
func reopenWithCallback(t *testing.T, ws *demo.Workspace, addr string, browser oauth.Opener) *engine.Engine {
	t.Helper()
	eng, err := engine.Open(context.Background(), engine.Config{
		DataDir: t.TempDir(), Secrets: secretstest.NewMemory(), ClientID: sfsim.DefaultClientID,
		Browser: browser, CallbackAddr: addr,
		SalesforceLogin: connect.EnvironmentURLs{Production: ws.Salesforce.LoginURL(), Sandbox: ws.Salesforce.SandboxLoginURL()},
		ClarizenDiscovery: connect.EnvironmentURLs{Production: ws.Clarizen["clarizen1"].DiscoveryURL(),
			Sandbox: ws.Clarizen["clarizen2"].DiscoveryURL()},
	})
	if err != nil {
		t.Fatalf("open engine: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

func TestSchemaService_ConditionTree(t *testing.T) {
	s := NewServices(Config{}, &fakeShell{})
	cases := []struct {
		name string
		text string
		want string
	}{
		{"empty", "", `{"type":"group","join":"AND"}`},
		{"one rule", "Probability >= 70", `{"type":"group","join":"AND","children":[{"type":"rule","field":"Probability","op":"\u003e=","value":"70"}]}`},
		{"or inside and", "StageName = 'Won' AND (Amount > 5 OR Name LIKE 'A%')",
			`{"type":"group","join":"AND","children":[{"type":"rule","field":"StageName","op":"=","value":"Won"},` +
				`{"type":"group","join":"OR","children":[{"type":"rule","field":"Amount","op":"\u003e","value":"5"},` +
				`{"type":"rule","field":"Name","op":"LIKE","value":"A%"}]}]}`},
		{"not and list", "NOT (Type IN ('A', 'B'))",
			`{"type":"group","join":"AND","negated":true,"children":[{"type":"rule","field":"Type","op":"IN","value":"A\nB"}]}`},
		{"null test", "CloseDate IS NULL", `{"type":"group","join":"AND","children":[{"type":"rule","field":"CloseDate","op":"IS NULL"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tree, err := s.Schema.ConditionTree(c.text)
			if err != nil {
				t.Fatalf("ConditionTree: %v", err)
			}
			data, err := json.Marshal(tree)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != c.want {
				t.Errorf("tree = %s\nwant   %s", data, c.want)
			}
		})
	}
	if _, err := s.Schema.ConditionTree("Probability >="); payload(t, err).Code != CodeInvalidInput {
		t.Errorf("invalid text: %v, want invalid_input", err)
	}
}

// recordingTray is a Tray that records the statuses it is given.
type recordingTray struct {
	mu       sync.Mutex
	statuses []TrayStatus
}

func (r *recordingTray) Start(context.Context, TrayActions) error { return nil }
func (r *recordingTray) Close() error                             { return nil }
func (r *recordingTray) SetStatus(s TrayStatus) {
	r.mu.Lock()
	r.statuses = append(r.statuses, s)
	r.mu.Unlock()
}

func (r *recordingTray) last() (TrayStatus, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.statuses) == 0 {
		return TrayStatus{}, 0
	}
	return r.statuses[len(r.statuses)-1], len(r.statuses)
}

func TestServices_StartTray(t *testing.T) {
	ws := startDemo(t, true, nil)
	s, shell := newServices(t, ws)
	tray := &recordingTray{}
	actions, stop := s.StartTray(tray, shell)
	defer stop()

	bus := ws.Engine.Bus
	bus.Emit(events.RunStarted, map[string]any{"runId": 1})
	if st, _ := tray.last(); !st.Syncing {
		t.Errorf("status after run.started = %+v, want syncing", st)
	}
	bus.Emit(events.RunFinished, syncer.Summary{RunID: 1, Mappings: []syncer.MappingSummary{{Failed: 2}, {Failed: 1}}})
	if st, _ := tray.last(); st.Syncing || st.Failed != 3 {
		t.Errorf("status after run.finished = %+v, want idle with 3 failed", st)
	}

	actions.Pause()
	if st, _ := tray.last(); !st.Paused || !ws.Engine.Scheduler.Status().Paused {
		t.Errorf("after Pause: tray %+v, scheduler paused %v; want both paused", st, ws.Engine.Scheduler.Status().Paused)
	}
	actions.Resume()
	if st, _ := tray.last(); st.Paused || ws.Engine.Scheduler.Status().Paused {
		t.Error("Resume left the schedule paused")
	}

	stop()
	_, before := tray.last()
	bus.Emit(events.RunStarted, map[string]any{"runId": 2})
	if _, after := tray.last(); after != before {
		t.Error("the tray still follows runs after stop")
	}
}
