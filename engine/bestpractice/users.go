package bestpractice

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/liaison-sync/liaison/engine/clarizen"
	"github.com/liaison-sync/liaison/engine/clarizen/czql"
	"github.com/liaison-sync/liaison/engine/failure"
	"github.com/liaison-sync/liaison/engine/logging"
	"github.com/liaison-sync/liaison/engine/mapping"
	"github.com/liaison-sync/liaison/engine/plan"
	"github.com/liaison-sync/liaison/engine/salesforce"
	"github.com/liaison-sync/liaison/engine/schema"
	"github.com/liaison-sync/liaison/engine/store"
	"github.com/liaison-sync/liaison/engine/syncer"
	"github.com/liaison-sync/liaison/engine/workspace/definition"
)

// Licences the package gives users it creates. They are fixed: the
// mapping's field maps cannot change them.
const (
	// ChatterFreeProfile is the Salesforce profile of the Chatter Free
	// licence, which every org has.
	ChatterFreeProfile = "Chatter Free User"
	// EmailOnlyLicense is the LicenseType of a Clarizen Email Only user.
	EmailOnlyLicense = "Email"
)

// UserResult counts what MatchUsers did for one user mapping.
type UserResult struct {
	MappingID   string `json:"mappingId"`
	MappingName string `json:"mappingName"`
	// Linked counts pairs that were linked before; Matched the pairs found
	// by e-mail now.
	Linked  int `json:"linked"`
	Matched int `json:"matched"`
	// CreatedInClarizen counts Email Only users created for Salesforce
	// users, CreatedInSalesforce Chatter Free users created for Clarizen
	// users.
	CreatedInClarizen   int `json:"createdInClarizen"`
	CreatedInSalesforce int `json:"createdInSalesforce"`
	Failed              int `json:"failed"`
	// Warnings name users left alone, such as two users with one e-mail.
	Warnings []string `json:"warnings,omitempty"`
}

// IsUserMapping reports whether m pairs Salesforce users with Clarizen
// users, which MatchUsers works on.
func IsUserMapping(m mapping.Mapping) bool {
	return strings.EqualFold(m.SalesforceObject, "User") && strings.EqualFold(m.ClarizenEntity, "User")
}

// MatchAllUsers runs MatchUsers for every enabled user mapping. The sync
// and the social sync resolve user references through the links it
// makes, so it runs before them. LastUserResults returns its outcome
// afterwards.
func (in *Installer) MatchAllUsers(ctx context.Context) ([]UserResult, error) {
	return in.MatchAllUsersInRun(ctx, 0)
}

// MatchAllUsersInRun is MatchAllUsers inside sync run runID: the registry
// rows of the users it creates carry the run's id, so that the registry
// and the run's summary show them with the run.
func (in *Installer) MatchAllUsersInRun(ctx context.Context, runID int64) ([]UserResult, error) {
	out, err := in.matchAllUsers(ctx, runID)
	in.lastMu.Lock()
	in.lastUsers, in.lastErr = out, err
	in.lastMu.Unlock()
	return out, err
}

// LastUserResults returns what the latest MatchAllUsers returned, for a
// caller that did not run it itself (Engine.Sync pairs users before each
// run); nil and nil before the first.
func (in *Installer) LastUserResults() ([]UserResult, error) {
	in.lastMu.Lock()
	defer in.lastMu.Unlock()
	return slices.Clone(in.lastUsers), in.lastErr
}

func (in *Installer) matchAllUsers(ctx context.Context, runID int64) ([]UserResult, error) {
	defs, err := in.db.Mappings(ctx)
	if err != nil {
		return nil, err
	}
	var userMappings []mapping.Mapping
	for _, d := range defs {
		m, err := definition.DecodeMapping(d)
		if err != nil {
			return nil, err
		}
		if m.Enabled && d.State == store.MappingOK && IsUserMapping(m) {
			userMappings = append(userMappings, m)
		}
	}
	out := make([]UserResult, len(userMappings))
	// A Salesforce user created for one Clarizen instance is new to the
	// user mappings of the other instance, so a second pass pairs it.
	for pass := 0; pass < 2; pass++ {
		createdInSalesforce := 0
		for i, m := range userMappings {
			res, err := in.matchUsers(ctx, m, runID)
			out[i] = addUserResults(out[i], res, pass == 0)
			if err != nil {
				return out, err
			}
			createdInSalesforce += res.CreatedInSalesforce
		}
		if createdInSalesforce == 0 || len(userMappings) < 2 {
			break
		}
	}
	return out, nil
}

// addUserResults adds the counts of a further pass to a mapping's result.
func addUserResults(total, pass UserResult, first bool) UserResult {
	if first {
		return pass
	}
	total.Matched += pass.Matched
	total.CreatedInClarizen += pass.CreatedInClarizen
	total.CreatedInSalesforce += pass.CreatedInSalesforce
	total.Failed += pass.Failed
	for _, w := range pass.Warnings {
		if !slices.Contains(total.Warnings, w) {
			total.Warnings = append(total.Warnings, w)
		}
	}
	return total
}

// userPair is one side's users of a user mapping.
type userSide struct {
	byEmail map[string][]userRecord
	byID    map[string]userRecord
	order   []string
}

type userRecord struct {
	id     string
	email  string
	values map[string]any
}

// MatchUsers pairs the active users of both sides of user mapping m by
// e-mail address (case-insensitive) and links each pair. When m's create
// policy is create, a user without a counterpart is created on the other
// side with the values of m's create field maps: a Chatter Free user in
// Salesforce or an Email Only user in Clarizen. Users already linked are
// left alone. A rerun after an interruption finds the users it created
// (Clarizen by the ExternalID derived from the Salesforce id, Salesforce
// by user name) instead of creating them twice.
func (in *Installer) MatchUsers(ctx context.Context, m mapping.Mapping) (UserResult, error) {
	return in.matchUsers(ctx, m, 0)
}

// matchUsers is MatchUsers with the id of the sync run it belongs to, 0
// for none.
func (in *Installer) matchUsers(ctx context.Context, m mapping.Mapping, runID int64) (UserResult, error) {
	res := UserResult{MappingID: m.ID, MappingName: m.Name}
	if !IsUserMapping(m) {
		return res, fmt.Errorf("match users of mapping %s: it maps %s to %s, not users", m.ID, m.SalesforceObject, m.ClarizenEntity)
	}
	sf, err := in.conns.SalesforceClient(ctx)
	if err != nil {
		return res, fmt.Errorf("match users of mapping %s: %w", m.ID, err)
	}
	cz, err := in.conns.ClarizenClient(ctx, m.ClarizenConnection())
	if err != nil {
		return res, fmt.Errorf("match users of mapping %s: %w", m.ID, err)
	}
	sfUsers, err := readSalesforceUsers(ctx, sf, m)
	if err != nil {
		return res, err
	}
	czUsers, err := readClarizenUsers(ctx, cz, m)
	if err != nil {
		return res, err
	}
	links, err := in.db.Links(ctx, m.ID)
	if err != nil {
		return res, err
	}
	linkedSF, linkedCZ := map[string]bool{}, map[string]bool{}
	for _, l := range links {
		linkedSF[l.SFID], linkedCZ[strings.ToLower(l.CZID)] = true, true
	}
	res.Linked = len(links)

	u := userMatcher{in: in, m: m, sf: sf, cz: cz, res: &res, runID: runID}
	for _, id := range sfUsers.order {
		s := sfUsers.byID[id]
		if linkedSF[s.id] {
			continue
		}
		candidates := unlinked(czUsers.byEmail[s.email], linkedCZ)
		switch {
		case s.email == "":
			res.Warnings = append(res.Warnings, fmt.Sprintf("Salesforce user %s has no e-mail address and cannot be matched", s.id))
		case len(candidates) > 1:
			res.Warnings = append(res.Warnings, fmt.Sprintf("%d Clarizen users have the e-mail address of Salesforce user %s; link one by hand", len(candidates), s.id))
		case len(sfUsers.byEmail[s.email]) > 1:
			res.Warnings = append(res.Warnings, fmt.Sprintf("%d Salesforce users share the e-mail address of user %s; link one by hand", len(sfUsers.byEmail[s.email]), s.id))
		case len(candidates) == 1:
			if err := u.link(ctx, s, candidates[0]); err != nil {
				return res, err
			}
			linkedSF[s.id], linkedCZ[strings.ToLower(candidates[0].id)] = true, true
			res.Matched++
		case m.CreatePolicy == mapping.CreateMissing:
			c, err := u.createInClarizen(ctx, s)
			if err != nil {
				return res, err
			}
			if c.id != "" {
				linkedSF[s.id], linkedCZ[strings.ToLower(c.id)] = true, true
			}
		}
	}
	if m.CreatePolicy != mapping.CreateMissing {
		return res, nil
	}
	for _, id := range czUsers.order {
		c := czUsers.byID[id]
		if linkedCZ[strings.ToLower(c.id)] || c.email == "" || len(czUsers.byEmail[c.email]) > 1 {
			continue
		}
		if len(sfUsers.byEmail[c.email]) > 0 {
			// A Salesforce user has the address but could not be paired,
			// for the reason a warning above gives, so a second user
			// would not help.
			continue
		}
		if err := u.createInSalesforce(ctx, c); err != nil {
			return res, err
		}
	}
	in.log.Info("users matched", logging.KeyMapping, m.ID, "matched", res.Matched, "created_in_clarizen", res.CreatedInClarizen,
		"created_in_salesforce", res.CreatedInSalesforce, "failed", res.Failed)
	return res, nil
}

func unlinked(users []userRecord, linked map[string]bool) []userRecord {
	var out []userRecord
	for _, u := range users {
		if !linked[strings.ToLower(u.id)] {
			out = append(out, u)
		}
	}
	return out
}

// userFields returns the fields of a side that m's field maps read or
// write, plus the key and e-mail fields.
func userFields(m mapping.Mapping, side schema.Side, base ...string) []string {
	seen := map[string]bool{}
	var out []string
	addField := func(f string) {
		if f != "" && !seen[strings.ToLower(f)] {
			seen[strings.ToLower(f)] = true
			out = append(out, f)
		}
	}
	for _, f := range base {
		addField(f)
	}
	for _, fm := range m.FieldMaps {
		if side == schema.Salesforce {
			addField(fm.SalesforceField)
		} else {
			addField(fm.ClarizenField)
		}
	}
	return out
}

func readSalesforceUsers(ctx context.Context, sf *salesforce.Client, m mapping.Mapping) (userSide, error) {
	side := userSide{byEmail: map[string][]userRecord{}, byID: map[string]userRecord{}}
	fields := userFields(m, schema.Salesforce, "Id", "Email", "Username", "FirstName", "LastName")
	// Active people only: Standard and Chatter Free (CsnOnly) users, not
	// portal, guest or automated users.
	soql, err := salesforce.SOQL{Fields: fields, From: "User", Where: salesforce.And(
		salesforce.Compare("IsActive", "=", true), salesforce.In("UserType", []string{"Standard", "CsnOnly"})),
		OrderBy: []string{"CreatedDate"}}.Build()
	if err != nil {
		return side, err
	}
	records, err := sf.QueryRecords(ctx, soql, salesforce.QueryOptions{})
	if err != nil {
		return side, fmt.Errorf("read salesforce users: %w", err)
	}
	for _, r := range records {
		email, _ := r.String("Email")
		u := userRecord{id: r.ID(), email: normEmail(email), values: r.Fields}
		side.add(u)
	}
	return side, nil
}

func readClarizenUsers(ctx context.Context, cz *clarizen.Client, m mapping.Mapping) (userSide, error) {
	side := userSide{byEmail: map[string][]userRecord{}, byID: map[string]userRecord{}}
	fields := userFields(m, schema.Clarizen, "Email", "UserName", "FirstName", "LastName", "State")
	statement, err := czql.Select(fields...).From("User").Build()
	if err != nil {
		return side, err
	}
	entities, err := cz.QueryAll(ctx, statement)
	if err != nil {
		return side, fmt.Errorf("read clarizen users of %s: %w", m.ClarizenConnection(), err)
	}
	for _, e := range entities {
		if state := e.Picklist("State"); state != "" && !strings.EqualFold(state, "Active") {
			continue
		}
		values, err := entityValues(e)
		if err != nil {
			return side, err
		}
		side.add(userRecord{id: string(e.ID), email: normEmail(e.Text("Email")), values: values})
	}
	return side, nil
}

func (s *userSide) add(u userRecord) {
	s.byID[u.id] = u
	s.order = append(s.order, u.id)
	if u.email != "" {
		s.byEmail[u.email] = append(s.byEmail[u.email], u)
	}
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// entityValues decodes an entity's fields as the sync engine does: plain
// JSON values with numbers kept exact.
func entityValues(e clarizen.Entity) (map[string]any, error) {
	out := make(map[string]any, len(e.Fields))
	for name, raw := range e.Fields {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("decode field %s of %s: %w", name, e.ID, err)
		}
		out[name] = v
	}
	return out, nil
}

// userMatcher links and creates the users of one mapping.
type userMatcher struct {
	in  *Installer
	m   mapping.Mapping
	sf  *salesforce.Client
	cz  *clarizen.Client
	res *UserResult
	// runID is the sync run the registry rows belong to, 0 for none.
	runID int64
}

// link stores the link of a pair with its base, so that the first sync of
// the pair finds no change.
func (u *userMatcher) link(ctx context.Context, s, c userRecord) error {
	l, err := u.newLink(s, c)
	if err != nil {
		return err
	}
	if _, err := u.in.db.SaveLink(ctx, l); err != nil {
		return fmt.Errorf("link salesforce user %s to clarizen user %s: %w", s.id, c.id, err)
	}
	return nil
}

func (u *userMatcher) newLink(s, c userRecord) (store.Link, error) {
	base, err := plan.NewBase(u.m, plan.Record{ID: s.id, Values: s.values}, plan.Record{ID: c.id, Values: c.values}).Encode()
	if err != nil {
		return store.Link{}, err
	}
	return store.Link{MappingID: u.m.ID, SFObject: "User", SFID: s.id, CZConnection: u.m.ClarizenConnection(),
		CZType: "User", CZID: c.id, Base: base}, nil
}

// createValues returns the values m's create field maps in direction dir
// copy from a source user. User fields are text, so values pass as read.
func createValues(m mapping.Mapping, dir mapping.Direction, source map[string]any) map[string]any {
	out := map[string]any{}
	for _, fm := range m.FieldMaps {
		if fm.Direction != dir || !fm.AppliesOnCreate() {
			continue
		}
		if v, ok := plan.Lookup(source, fm.SourceField()); ok && v != nil {
			out[fm.TargetField()] = v
		}
	}
	return out
}

// createInClarizen creates an Email Only Clarizen user for a Salesforce
// user and links them. Its ExternalID derives from the Salesforce id, so
// a retry finds the user instead of creating a second one.
func (u *userMatcher) createInClarizen(ctx context.Context, s userRecord) (userRecord, error) {
	values := createValues(u.m, mapping.ToClarizen, s.values)
	values["LicenseType"] = EmailOnlyLicense
	if _, ok := values["Email"]; !ok {
		values["Email"] = s.email
	}
	if _, ok := values["UserName"]; !ok {
		values["UserName"] = s.email
	}
	if _, ok := values["LastName"]; !ok {
		values["LastName"] = s.email
	}
	key := "lzu-" + syncer.SanitizeKeyPart(s.id)

	row := store.RegistryRow{RunID: u.runID, Label: userLabel(s), MappingID: u.m.ID, Operation: "create", Target: "clarizen", SFObject: "User", SFID: s.id,
		CZConnection: u.m.ClarizenConnection(), CZType: "User", IdempotencyKey: "user:" + u.m.ID + ":" + s.id,
		Fields: fieldChanges(values)}
	rowID, err := u.in.db.PendingOnce(ctx, row)
	if err != nil {
		return userRecord{}, err
	}
	created, err := u.cz.Create(ctx, "User", key, clarizen.Values(values))
	if err != nil {
		u.res.Failed++
		return userRecord{}, u.fail(ctx, row, rowID, err)
	}

	c := userRecord{id: string(created.ID), email: s.email, values: values}
	l, err := u.newLink(s, c)
	if err != nil {
		return userRecord{}, err
	}
	result := store.Result{ID: rowID, State: store.Success, CZID: c.id}
	if err := u.in.db.CommitBatch(ctx, []store.Result{result}, []store.Link{l}, nil, nil); err != nil {
		return userRecord{}, err
	}
	u.res.CreatedInClarizen++
	return c, nil
}

// createInSalesforce creates a Chatter Free Salesforce user for a Clarizen
// user and links them. A user with the same user name that already exists
// (left by an interrupted run) is linked instead.
func (u *userMatcher) createInSalesforce(ctx context.Context, c userRecord) error {
	values := createValues(u.m, mapping.FromClarizen, c.values)
	if _, ok := values["Email"]; !ok {
		values["Email"] = c.email
	}
	if _, ok := values["LastName"]; !ok {
		values["LastName"] = c.email
	}

	username := c.email
	existing, err := u.userByName(ctx, username)
	if err != nil {
		return err
	}
	row := store.RegistryRow{RunID: u.runID, Label: userLabel(c), MappingID: u.m.ID, Operation: "create", Target: "salesforce", SFObject: "User",
		CZConnection: u.m.ClarizenConnection(), CZType: "User", CZID: c.id, IdempotencyKey: "user:" + u.m.ID + ":" + c.id}
	if existing.id != "" {
		if normEmail(fmt.Sprint(existing.values["Email"])) != c.email {
			u.res.Warnings = append(u.res.Warnings, fmt.Sprintf("Salesforce user name %s is taken by a user with another e-mail; Clarizen user %s is not created", username, c.id))
			return nil
		}
		u.res.Matched++
		if err := u.link(ctx, existing, c); err != nil {
			return err
		}
		return u.settleEarlier(ctx, row.IdempotencyKey, existing.id)
	}

	fixed, err := u.chatterFreeDefaults(ctx, c, username)
	if err != nil {
		return err
	}
	for k, v := range fixed {
		values[k] = v
	}
	row.Fields = fieldChanges(values)
	rowID, err := u.in.db.PendingOnce(ctx, row)
	if err != nil {
		return err
	}
	id, err := u.sf.Create(ctx, "User", salesforce.Fields(values))
	if err != nil {
		u.res.Failed++
		return u.fail(ctx, row, rowID, err)
	}

	s := userRecord{id: id, email: c.email, values: values}
	l, err := u.newLink(s, c)
	if err != nil {
		return err
	}
	result := store.Result{ID: rowID, State: store.Success, SFID: id}
	if err := u.in.db.CommitBatch(ctx, []store.Result{result}, []store.Link{l}, nil, nil); err != nil {
		return err
	}
	u.res.CreatedInSalesforce++
	return nil
}

// userLabel names a user in the registry: first and last name, or the
// e-mail address when the names are empty.
func userLabel(r userRecord) string {
	var parts []string
	for _, k := range []string{"FirstName", "LastName"} {
		if v, ok := r.values[k].(string); ok && strings.TrimSpace(v) != "" {
			parts = append(parts, strings.TrimSpace(v))
		}
	}
	if len(parts) == 0 {
		return r.email
	}
	return strings.Join(parts, " ")
}

// settleEarlier marks a row an earlier attempt left Pending or Failed as
// Success once the user it was to create turned up (an interrupted create
// that reached Salesforce after all).
func (u *userMatcher) settleEarlier(ctx context.Context, key, sfID string) error {
	earlier, found, err := u.in.db.PendingByKey(ctx, key)
	if err != nil || !found {
		return err
	}
	result := store.Result{ID: earlier.ID, State: store.Success, SFID: sfID}
	return u.in.db.CommitBatch(ctx, []store.Result{result}, nil, nil, nil)
}

// fail records a failed create in the registry with its class, a hint
// and a redacted message. The error stops nothing else: the user is tried
// again on the next run.
func (u *userMatcher) fail(ctx context.Context, row store.RegistryRow, rowID int64, cause error) error {
	target := failure.Target{System: row.Target, Connection: u.m.ClarizenConnection(), Object: "User",
		Mapping: u.m.Name, RetriedEachRun: true}
	f := failure.Classify(target, cause)
	u.in.log.Warn("user create failed", logging.KeyMapping, u.m.ID, "registry_id", rowID, "class", f.Class,
		logging.KeyError, f.Message)
	result := store.Result{ID: rowID, State: store.Failed, ErrorCode: f.Code, ErrorMessage: f.Message,
		ErrorClass: f.Class, Hint: f.Hint}
	return u.in.db.CommitBatch(ctx, []store.Result{result}, nil, nil, nil)
}

func (u *userMatcher) userByName(ctx context.Context, username string) (userRecord, error) {
	soql, err := salesforce.SOQL{Fields: userFields(u.m, schema.Salesforce, "Id", "Email", "Username"), From: "User",
		Where: salesforce.Compare("Username", "=", username), Limit: 1}.Build()
	if err != nil {
		return userRecord{}, err
	}
	records, err := u.sf.QueryRecords(ctx, soql, salesforce.QueryOptions{})
	if err != nil {
		return userRecord{}, fmt.Errorf("find salesforce user %s: %w", username, err)
	}
	if len(records) == 0 {
		return userRecord{}, nil
	}
	return userRecord{id: records[0].ID(), values: records[0].Fields}, nil
}

// chatterFreeDefaults returns the fields Salesforce requires of a new user
// that the mapping does not set: the Chatter Free profile, and time zone,
// locale, e-mail encoding and language copied from the connected user.
func (u *userMatcher) chatterFreeDefaults(ctx context.Context, c userRecord, username string) (map[string]any, error) {
	profiles, err := u.sf.QueryRecords(ctx, "SELECT Id FROM Profile WHERE Name = "+salesforce.QuoteString(ChatterFreeProfile)+" LIMIT 1",
		salesforce.QueryOptions{})
	if err != nil {
		return nil, fmt.Errorf("find the %s profile: %w", ChatterFreeProfile, err)
	}
	if len(profiles) == 0 {
		return nil, fmt.Errorf("find the %s profile: the org has none; Chatter Free users cannot be created", ChatterFreeProfile)
	}
	settings, err := u.sf.QueryRecords(ctx, "SELECT TimeZoneSidKey, LocaleSidKey, EmailEncodingKey, LanguageLocaleKey FROM User "+
		"WHERE IsActive = true AND UserType = 'Standard' ORDER BY CreatedDate LIMIT 1", salesforce.QueryOptions{})
	if err != nil {
		return nil, fmt.Errorf("read user settings to copy: %w", err)
	}
	out := map[string]any{"Username": username, "ProfileId": profiles[0].ID(), "Alias": alias(c),
		"CommunityNickname": nickname(c)}
	defaults := map[string]string{"TimeZoneSidKey": "GMT", "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8", "LanguageLocaleKey": "en_US"}
	for field, def := range defaults {
		out[field] = def
		if len(settings) > 0 {
			if v, ok := settings[0].String(field); ok && v != "" {
				out[field] = v
			}
		}
	}
	return out, nil
}

// alias makes the up to 8 characters Salesforce wants: the first letter
// of the first name and the last name, lower case.
func alias(c userRecord) string {
	first, _ := c.values["FirstName"].(string)
	last, _ := c.values["LastName"].(string)
	a := strings.ToLower(syncer.SanitizeKeyPart(firstRune(first) + last))
	if a == "" {
		a = strings.ToLower(syncer.SanitizeKeyPart(strings.Split(c.email, "@")[0]))
	}
	if len(a) > 8 {
		a = a[:8]
	}
	return a
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// nickname derives a unique nickname from the Clarizen user id.
func nickname(c userRecord) string {
	local := strings.Split(c.email, "@")[0]
	n := syncer.SanitizeKeyPart(local) + "-" + syncer.SanitizeKeyPart(clarizen.EntityID(c.id).Value())
	if len(n) > 40 {
		n = n[:40]
	}
	return n
}

func fieldChanges(values map[string]any) []store.FieldChange {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]store.FieldChange, len(keys))
	for i, k := range keys {
		out[i] = store.FieldChange{Field: k, After: values[k]}
	}
	return out
}
