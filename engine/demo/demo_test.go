package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/liaison-sync/liaison/engine/bestpractice"
	"github.com/liaison-sync/liaison/engine/demo"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/secrets/secretstest"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
)

func startDemo(t *testing.T, opts demo.Options) *demo.Workspace {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	if opts.Secrets == nil {
		opts.Secrets = secretstest.NewMemory()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	ws, err := demo.Start(ctx, opts)
	if err != nil {
		t.Fatalf("start the demo: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// syncOnce runs one full demo sync and fails the test on an error or a
// failed record.
func syncOnce(t *testing.T, ws *demo.Workspace) demo.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := ws.Sync(ctx)
	if err != nil {
		t.Fatalf("demo sync: %v", err)
	}
	if rep.Failed() > 0 {
		var buf bytes.Buffer
		rep.WriteText(&buf)
		t.Errorf("the sync had %d failed records:\n%s", rep.Failed(), buf.String())
		rows, _, _ := ws.Engine.DB.Registry(ctx, store.RegistryFilter{State: store.Failed, Limit: 5})
		for _, row := range rows {
			t.Logf("failed row %d: %s %s%s %s: %s", row.ID, row.Operation, row.SFObject, row.CZType, row.ErrorCode, row.ErrorMessage)
		}
	}
	return rep
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		s, _ := x["id"].(string)
		return s
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// byField groups records by the text of a field.
func byField(records []map[string]any, field string) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for _, r := range records {
		out[str(r[field])] = append(out[str(r[field])], r)
	}
	return out
}

func sortedNames(records []map[string]any) []string {
	var out []string
	for _, r := range records {
		out = append(out, str(r["Name"]))
	}
	sort.Strings(out)
	return out
}

// probability returns an opportunity's probability; the simulator derives
// it from the stage.
func probability(o map[string]any) float64 {
	p, _ := o["Probability"].(float64)
	return p
}

func TestWorkspace_FullSync(t *testing.T) {
	logs := &lockedBuffer{}
	ws := startDemo(t, demo.Options{Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	ctx := context.Background()
	sf, cz := ws.Salesforce, ws.Clarizen["clarizen1"]

	matching := map[string]map[string]any{}
	for _, o := range sf.All("Opportunity") {
		if probability(o) >= 70 {
			matching[str(o["Id"])] = o
		}
	}
	if ws.Enabled.Matching != len(matching) || len(matching) == 0 {
		t.Fatalf("the event was enabled for %d opportunities, want the %d at 70 or more", ws.Enabled.Matching, len(matching))
	}
	first := syncOnce(t, ws)

	records := byField(sf.All("Clarizen_Project__c"), "Opportunity__c")
	projects := byField(cz.All("Project"), "SfExternalId")
	children := byField(cz.All("Project"), "Parent")
	accounts := byField(sf.All("Account"), "Id")

	t.Run("a project for exactly each opportunity at 70 or more", func(t *testing.T) {
		if len(records) != len(matching) {
			t.Errorf("Clarizen_Project__c records for %d opportunities, want %d", len(records), len(matching))
		}
		for id, o := range matching {
			recs := records[id]
			if len(recs) != 1 {
				t.Errorf("opportunity %s (%v, %v%%) has %d Clarizen_Project__c records, want 1", id, o["Name"], o["Probability"], len(recs))
				continue
			}
			if got := projects[str(recs[0]["Id"])]; len(got) != 1 || got[0]["Name"] != o["Name"] {
				t.Errorf("Clarizen projects of record %v = %v, want one named %v", recs[0]["Id"], sortedNames(got), o["Name"])
			}
		}
	})
	t.Run("products are sub-projects", func(t *testing.T) {
		items := byField(sf.All("OpportunityLineItem"), "OpportunityId")
		checked := 0
		for id := range matching {
			recs := records[id]
			if len(recs) != 1 || len(projects[str(recs[0]["Id"])]) != 1 {
				continue
			}
			project := projects[str(recs[0]["Id"])][0]
			want, got := sortedNames(items[id]), sortedNames(children[str(project["id"])])
			if strings.Join(want, "|") != strings.Join(got, "|") {
				t.Errorf("sub-projects of %v = %q, want the products %q", project["Name"], got, want)
			}
			checked += len(want)
		}
		if checked == 0 {
			t.Error("no opportunity at 70 or more has products")
		}
	})
	t.Run("the customer is the account's", func(t *testing.T) {
		links := byField(cz.All("CustomerLink"), "Entity")
		customers := byField(cz.All("Customer"), "id")
		for id, o := range matching {
			recs := records[id]
			if len(recs) != 1 || len(projects[str(recs[0]["Id"])]) != 1 {
				continue
			}
			project := projects[str(recs[0]["Id"])][0]
			account := accounts[str(o["AccountId"])]
			l := links[str(project["id"])]
			if len(l) != 1 || len(account) != 1 {
				t.Errorf("project %v has %d customer links, want 1", project["Name"], len(l))
				continue
			}
			customer := customers[str(l[0]["Customer"])]
			if len(customer) != 1 || customer[0]["Name"] != account[0]["Name"] {
				t.Errorf("project %v links customer %v, want the account %v", project["Name"], sortedNames(customer), account[0]["Name"])
			}
		}
	})
	t.Run("the template follows the rules", func(t *testing.T) {
		milestones := byField(cz.All("Milestone"), "Parent")
		for id, o := range matching {
			recs := records[id]
			if len(recs) != 1 || len(projects[str(recs[0]["Id"])]) != 1 {
				continue
			}
			project := projects[str(recs[0]["Id"])][0]
			amount, hasAmount := o["Amount"].(float64)
			quick := (hasAmount && amount < 10000) || o["Type"] == "Existing Customer - Upgrade"
			got := len(milestones[str(project["id"])])
			if quick && got != 0 || !quick && got == 0 {
				t.Errorf("project %v (amount %v, type %v) has %d milestones; want Quick start: %v", project["Name"],
					o["Amount"], o["Type"], got, quick)
			}
		}
	})
	t.Run("the project manager is the owner's counterpart", func(t *testing.T) {
		links, err := ws.Engine.DB.Links(ctx, bestpractice.UsersMapping)
		if err != nil {
			t.Fatal(err)
		}
		counterpart := map[string]string{}
		for _, l := range links {
			counterpart[l.SFID] = strings.ToLower(l.CZID)
		}
		for id, o := range matching {
			recs := records[id]
			if len(recs) != 1 || len(projects[str(recs[0]["Id"])]) != 1 {
				continue
			}
			project := projects[str(recs[0]["Id"])][0]
			want := counterpart[str(o["OwnerId"])]
			if want == "" || strings.ToLower(str(project["ProjectManager"])) != want {
				t.Errorf("project %v is managed by %v, want %q, the counterpart of owner %v", project["Name"],
					project["ProjectManager"], want, o["OwnerId"])
			}
		}
	})
	t.Run("the support instance has an issue per high-priority case", func(t *testing.T) {
		support := ws.Clarizen["clarizen2"]
		issues := byField(support.All("Issue"), "SfExternalId")
		delete(issues, "") // issues of the seeded instance, not from Salesforce
		high := 0
		for _, c := range sf.All("Case") {
			if c["Priority"] != "High" {
				continue
			}
			high++
			if got := issues[str(c["Id"])]; len(got) != 1 || got[0]["Title"] != c["Subject"] {
				t.Errorf("issues for case %v = %d, want one titled %v", c["Id"], len(got), c["Subject"])
			}
		}
		if high == 0 || len(issues) != high {
			t.Errorf("issues = %d, want one per high-priority case (%d)", len(issues), high)
		}
	})

	t.Run("a preview right after the sync plans no write", func(t *testing.T) {
		p, err := ws.Engine.Plan(ctx, syncer.RunOptions{Trigger: "test"})
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range p.Operations {
			t.Errorf("planned %s of %s %q under %q: %s", op.Kind, op.Object, op.Label, op.MappingName, op.Reason)
		}
		if first.Runs < 2 || first.Runs > demo.MaxSyncRuns {
			t.Errorf("the sync made %d runs, want 2 to %d: one for the projects, one for their milestones and values",
				first.Runs, demo.MaxSyncRuns)
		}
	})
	t.Run("milestones and project values come back in the same sync", func(t *testing.T) {
		back := byField(sf.All("Clarizen_Milestone__c"), "Clarizen_Project__c")
		milestones := byField(cz.All("Milestone"), "Parent")
		total := 0
		for _, recs := range records {
			project := projects[str(recs[0]["Id"])]
			if len(project) != 1 {
				continue
			}
			want, got := sortedNames(milestones[str(project[0]["id"])]), sortedNames(back[str(recs[0]["Id"])])
			if strings.Join(want, "|") != strings.Join(got, "|") {
				t.Errorf("Clarizen milestone records of %v = %q, want %q", recs[0]["Name"], got, want)
			}
			total += len(want)
		}
		if total == 0 {
			t.Error("no project has milestones")
		}
		for _, r := range sf.All("Clarizen_Project__c") {
			if str(r["Status__c"]) == "" || r["Start_Date__c"] == nil {
				t.Errorf("record %v has status %v and start %v, want both from Clarizen", r["Name"], r["Status__c"], r["Start_Date__c"])
				break
			}
		}
	})
	t.Run("the report shows the users the first sync paired", func(t *testing.T) {
		changed := 0
		for _, u := range first.Users {
			changed += u.Matched + u.CreatedInClarizen + u.CreatedInSalesforce
		}
		if len(first.Users) == 0 || changed == 0 {
			t.Errorf("first report users = %+v, want the users it matched or created", first.Users)
		}
	})
	t.Run("a further sync writes nothing", func(t *testing.T) {
		logs.take()
		rep := syncOnce(t, ws)
		if rep.Writes() != 0 {
			var buf bytes.Buffer
			rep.WriteText(&buf)
			t.Errorf("writes = %d, want 0:\n%s", rep.Writes(), buf.String())
		}
		// Engine.Sync pairs before the run and Engine.SyncSocial before the
		// posts, each under the engine's lock; the demo adds no pairing of
		// its own.
		if got, want := pairings(logs.take()), 2*len(rep.Users); got != want {
			t.Errorf("the sync paired users %d times, want twice per user mapping (%d)", got, want)
		}
	})
	t.Run("one more opportunity at 70 makes one project", func(t *testing.T) {
		var raised map[string]any
		for _, o := range sf.All("Opportunity") {
			if p := probability(o); p > 0 && p < 70 {
				raised = o
				break
			}
		}
		if raised == nil {
			t.Fatal("no opportunity under 70")
		}
		id := str(raised["Id"])
		if err := sf.Update("Opportunity", id, map[string]any{"StageName": "Perception Analysis"}); err != nil {
			t.Fatal(err)
		}
		if o, _ := sf.Get("Opportunity", id); probability(o) != 70 {
			t.Fatalf("probability after the stage change = %v, want exactly 70", o["Probability"])
		}
		recordsBefore, projectsBefore := len(sf.All("Clarizen_Project__c")), len(cz.All("Project"))
		syncOnce(t, ws)
		after := byField(sf.All("Clarizen_Project__c"), "Opportunity__c")
		if len(sf.All("Clarizen_Project__c")) != recordsBefore+1 || len(after[id]) != 1 {
			t.Errorf("records went from %d to %d with %d for the raised opportunity, want exactly one more",
				recordsBefore, len(sf.All("Clarizen_Project__c")), len(after[id]))
		}
		items := byField(sf.All("OpportunityLineItem"), "OpportunityId")
		if got := len(cz.All("Project")); got != projectsBefore+1+len(items[id]) {
			t.Errorf("projects went from %d to %d, want one more and %d sub-projects", projectsBefore, got, len(items[id]))
		}
	})
	t.Run("renaming an account renames its customer", func(t *testing.T) {
		links, err := ws.Engine.DB.Links(ctx, bestpractice.AccountsMapping)
		if err != nil || len(links) == 0 {
			t.Fatalf("account links = %d, %v", len(links), err)
		}
		l := links[0]
		if err := sf.Update("Account", l.SFID, map[string]any{"Name": "Renamed Account Ltd"}); err != nil {
			t.Fatal(err)
		}
		syncOnce(t, ws)
		if c, ok := cz.Get(l.CZID); !ok || c["Name"] != "Renamed Account Ltd" {
			t.Errorf("customer %s = %v, want it renamed", l.CZID, c["Name"])
		}
	})
}

// Every JSON log line of the demo carries each key once: most JSON readers
// keep only the last of two "component" values.
func TestStart_LogKeysOnce(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	startDemo(t, demo.Options{Walkthrough: true, Logger: logger})
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 3 {
		t.Fatalf("the demo logged %d lines, want one per simulator at least:\n%s", len(lines), buf.String())
	}
	for _, line := range lines {
		if key, ok := repeatedKey(line); ok {
			t.Errorf("key %q appears twice in %s", key, line)
		}
	}
}

// repeatedKey returns a top-level key that a JSON object line repeats.
func repeatedKey(line string) (string, bool) {
	dec := json.NewDecoder(strings.NewReader(line))
	if _, err := dec.Token(); err != nil {
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := tok.(string)
		if seen[key] {
			return key, true
		}
		seen[key] = true
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return "", false
		}
	}
	return "", false
}

func TestStart_UsedDataDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, store.FileName), []byte("an earlier demo"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := demo.Start(context.Background(), demo.Options{DataDir: dir, Secrets: secretstest.NewMemory()})
	if err == nil || !strings.Contains(err.Error(), "earlier demo") {
		t.Errorf("start error = %v, want the folder rejected", err)
	}
}

func TestStart_KeychainOrNotice(t *testing.T) {
	var out bytes.Buffer
	ws, err := demo.Start(context.Background(), demo.Options{DataDir: t.TempDir(), Walkthrough: true, Out: &out,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	noticed := strings.Contains(out.String(), demo.MemoryNotice)
	if noticed == ws.InKeychain {
		t.Errorf("in keychain %v, notice printed %v; want the notice exactly when the secrets stay in memory:\n%s",
			ws.InKeychain, noticed, out.String())
	}
}

// recordingSecrets keeps every value ever stored, including those later
// replaced, for the leak scan.
type recordingSecrets struct {
	*secretstest.Memory
	values []string
	kinds  map[string]bool // connection/kind
}

func (r *recordingSecrets) Set(ctx context.Context, connection, kind, value string) error {
	r.values = append(r.values, value)
	r.kinds[connection+"/"+kind] = true
	return r.Memory.Set(ctx, connection, kind, value)
}

func TestWorkspace_LeakScan(t *testing.T) {
	dir := t.TempDir()
	logger, closer, err := logging.New(logging.Options{Dir: dir, Level: slog.LevelDebug})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	keys := &recordingSecrets{Memory: secretstest.NewMemory(), kinds: map[string]bool{}}
	ws := startDemo(t, demo.Options{DataDir: dir, Secrets: keys, Logger: logger})
	syncOnce(t, ws)

	secretValues := append(append([]string(nil), keys.values...), ws.Logins.Values()...)
	// Clarizen 2 logs in with an API key, which needs no session.
	for _, want := range []string{"salesforce/access_token", "salesforce/refresh_token", "clarizen1/password",
		"clarizen1/session_id", "clarizen2/api_key"} {
		if !keys.kinds[want] {
			t.Errorf("the demo stored no %s, so the scan would not look for it (stored: %v)", want, keys.kinds)
		}
	}
	files := []string{store.FileName, store.FileName + "-wal", store.FileName + "-shm", logging.FileName}
	scan := func(t *testing.T) {
		scanned := 0
		for _, name := range files {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			scanned++
			for i, secret := range secretValues {
				if len(secret) >= 8 && bytes.Contains(data, []byte(secret)) {
					t.Errorf("%s contains secret %d (%d characters)", name, i, len(secret))
				}
			}
		}
		if scanned < 2 {
			t.Errorf("scanned %d files, want the database and the log at least", scanned)
		}
	}
	t.Run("while running", scan)
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	closer.Close()
	t.Run("after closing", scan)
	if info, err := os.Stat(filepath.Join(dir, logging.FileName)); err != nil || info.Size() == 0 {
		t.Errorf("log file %v, %v; want a non-empty log to scan", info, err)
	}
}
