package sfsim

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// seedFS holds the demo catalogue and accounts taken from public Trailhead
// sample apps; seeddata/SOURCE.txt names the origin of each file.
//
//go:embed seeddata/*.json
var seedFS embed.FS

type seedProduct struct {
	Name     string  `json:"name"`
	Family   string  `json:"family"`
	MSRP     float64 `json:"msrp"`
	Category string  `json:"category"`
	Level    string  `json:"level"`
	Material string  `json:"material"`
}

type seedOpportunity struct {
	Account   string  `json:"account"`
	Name      string  `json:"Name"`
	Amount    float64 `json:"Amount"`
	CloseDate string  `json:"CloseDate"`
	StageName string  `json:"StageName"`
}

func readSeed(name string, v any) error {
	b, err := seedFS.ReadFile("seeddata/" + name)
	if err != nil {
		return fmt.Errorf("read seed file %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode seed file %s: %w", name, err)
	}
	return nil
}

// Numbers of generated demo records.
const (
	demoOpportunities = 200
	demoCases         = 15
	demoIdeas         = 5
	demoPosts         = 60
)

// seeder inserts demo records through the normal write path, so every rule
// and derived field applies. Errors stop the seeding.
type seeder struct {
	s   *Server
	err error
}

func (sd *seeder) insert(object string, vals map[string]any, userID string) string {
	if sd.err != nil {
		return ""
	}
	rec, rerr := sd.s.insertRecord(mustObject(sd.s.org, object), vals, userID)
	if rerr != nil {
		sd.err = fmt.Errorf("insert demo %s: %w", object, rerr)
		return ""
	}
	return rec.id()
}

func (sd *seeder) pick(n int) int { return sd.s.rng.Intn(n) }

// seedDemo fills the org with the demo data set. The same seed gives the
// same records, ids and values; dates are relative to the org's creation.
// The caller holds s.mu.
func (s *Server) seedDemo() error {
	sd := &seeder{s: s}
	users := sd.users()
	sales := users[:6]
	products := sd.products()
	accounts := sd.accounts(sales)
	opps := sd.opportunities(accounts, sales, products)
	sd.cases(accounts, users)
	sd.ideas(users)
	sd.chatter(opps, accounts, users)
	return sd.err
}

func (sd *seeder) users() []string {
	var ids []string
	standard, chatter := sd.s.profileID("Standard User"), sd.s.profileID("Chatter Free User")
	for _, u := range DemoUsers() {
		profile := standard
		if u.ChatterOnly {
			profile = chatter
		}
		alias := strings.ToLower(u.FirstName[:1] + u.LastName)
		if len(alias) > 8 {
			alias = alias[:8]
		}
		ids = append(ids, sd.insert("User", map[string]any{
			"Username": u.Email, "FirstName": u.FirstName, "LastName": u.LastName, "Email": u.Email,
			"Alias": alias, "CommunityNickname": strings.ToLower(u.FirstName + "." + u.LastName),
			"TimeZoneSidKey": timeZones[sd.pick(len(timeZones))], "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8",
			"LanguageLocaleKey": "en_US", "ProfileId": profile, "Title": u.Title, "Department": u.Department,
			"CompanyName": "Liaison Demo",
		}, sd.s.adminID))
	}
	return ids
}

type demoProduct struct {
	id, entry, name string
	price           float64
}

func (sd *seeder) products() []demoProduct {
	var file struct{ Products []seedProduct }
	if err := readSeed("products.json", &file); err != nil {
		sd.err = err
		return nil
	}
	file.Products = append(file.Products,
		seedProduct{Name: "Fleet Setup Service", Family: "Services", MSRP: 1500},
		seedProduct{Name: "Rider Training", Family: "Services", MSRP: 400})
	book := sd.s.standardPricebookID()
	var out []demoProduct
	for _, p := range file.Products {
		desc := strings.TrimSpace(strings.Join([]string{p.Category, p.Level, p.Material}, " "))
		id := sd.insert("Product2", map[string]any{
			"Name": p.Name, "ProductCode": "EB-" + strings.ToUpper(strings.ReplaceAll(p.Name, " ", "-")),
			"Family": p.Family, "Description": nilIfEmpty(desc), "IsActive": true,
		}, sd.s.adminID)
		entry := sd.insert("PricebookEntry", map[string]any{"Pricebook2Id": book, "Product2Id": id, "UnitPrice": p.MSRP, "IsActive": true}, sd.s.adminID)
		out = append(out, demoProduct{id: id, entry: entry, name: p.Name, price: p.MSRP})
	}
	return out
}

type demoAccount struct{ id, ref, name string }

func (sd *seeder) accounts(owners []string) []demoAccount {
	var file struct{ Accounts []map[string]any }
	if err := readSeed("accounts.json", &file); err != nil {
		sd.err = err
		return nil
	}
	var out []demoAccount
	for _, a := range file.Accounts {
		ref, _ := a["ref"].(string)
		delete(a, "ref")
		if a["Type"] == nil {
			a["Type"] = accountTypes[sd.pick(len(accountTypes))]
		}
		a["Industry"] = industries[sd.pick(len(industries))]
		a["AccountSource"] = leadSources[sd.pick(len(leadSources))]
		a["OwnerId"] = owners[sd.pick(len(owners))]
		for k, v := range a {
			if v == nil {
				delete(a, k)
			}
		}
		id := sd.insert("Account", a, sd.s.adminID)
		out = append(out, demoAccount{id: id, ref: ref, name: fmt.Sprint(a["Name"])})
	}
	return out
}

var opportunityKinds = []string{"Fleet Order", "Commuter Program", "Dealer Restock", "Service Contract", "Pilot", "Renewal"}

func (sd *seeder) opportunities(accounts []demoAccount, owners []string, products []demoProduct) []string {
	var file struct{ Opportunities []seedOpportunity }
	if err := readSeed("opportunities.json", &file); err != nil {
		sd.err = err
		return nil
	}
	if len(accounts) == 0 || len(products) == 0 {
		return nil
	}
	byRef := map[string]string{}
	for _, a := range accounts {
		byRef[a.ref] = a.id
	}
	var ids []string
	for _, o := range file.Opportunities {
		ids = append(ids, sd.insert("Opportunity", map[string]any{
			"AccountId": byRef[o.Account], "Name": o.Name, "Amount": o.Amount, "CloseDate": o.CloseDate,
			"StageName": o.StageName, "OwnerId": owners[sd.pick(len(owners))],
		}, sd.s.adminID))
	}
	day := sd.s.created.Truncate(24 * time.Hour)
	stages := stageNames()
	for i := len(ids); i < demoOpportunities; i++ {
		acct := accounts[sd.pick(len(accounts))]
		opp := sd.insert("Opportunity", map[string]any{
			"AccountId": acct.id, "Name": acct.name + " - " + opportunityKinds[sd.pick(len(opportunityKinds))],
			"CloseDate": day.AddDate(0, 0, sd.pick(300)-120).Format(dateLayout), "StageName": stages[i%len(stages)],
			"LeadSource": leadSources[sd.pick(len(leadSources))], "OwnerId": owners[sd.pick(len(owners))],
			"Type":        []string{"New Customer", "Existing Customer - Upgrade", "Existing Customer - Replacement"}[sd.pick(3)],
			"Description": "Demo opportunity generated for the Liaison workspace.",
		}, sd.s.adminID)
		for _, k := range sd.s.rng.Perm(len(products))[:1+sd.pick(3)] {
			p := products[k]
			sd.insert("OpportunityLineItem", map[string]any{
				"OpportunityId": opp, "PricebookEntryId": p.entry, "Quantity": float64(1 + sd.pick(20)),
				"UnitPrice": p.price, "Description": "Demo line item",
			}, sd.s.adminID)
		}
		ids = append(ids, opp)
	}
	return ids
}

var caseSubjects = []string{"Battery does not hold charge", "Brake adjustment needed", "Display shows error E21",
	"Charger overheating", "Missing parts in delivery", "Motor noise at high speed", "Invoice question"}

func (sd *seeder) cases(accounts []demoAccount, users []string) {
	if len(accounts) == 0 {
		return
	}
	for i := 0; i < demoCases; i++ {
		sd.insert("Case", map[string]any{
			"AccountId": accounts[sd.pick(len(accounts))].id, "Subject": caseSubjects[sd.pick(len(caseSubjects))],
			"Status": caseStatuses[sd.pick(len(caseStatuses))], "Priority": []string{"High", "Medium", "Low"}[sd.pick(3)],
			"Origin": []string{"Phone", "Email", "Web"}[sd.pick(3)], "OwnerId": users[12+sd.pick(3)],
			"Description": "Reported by the customer; see the Chatter feed for updates.",
		}, sd.s.adminID)
	}
}

func (sd *seeder) ideas(users []string) {
	var zone string
	for _, z := range sd.s.data.rows(mustObject(sd.s.org, "Community"), false) {
		zone = z.id()
	}
	titles := []string{"Show the battery range in the app", "Offer a winter service package", "Publish spare-part prices",
		"Add a fleet dashboard", "Support trade-in of old bikes"}
	for i := 0; i < demoIdeas; i++ {
		sd.insert("Idea", map[string]any{"Title": titles[i], "CommunityId": zone, "Body": "Suggested by the team.",
			"Status": "New", "Categories": "Product"}, users[sd.pick(len(users))])
	}
}

var postTemplates = []string{
	"Kick-off call with the customer went well; next step is a site visit.",
	"Sent the revised quote. They asked about delivery in two batches.",
	"Procurement wants the service terms before signing.",
	"Demo ride scheduled for next week, please bring two sizes.",
	"Customer confirmed the budget for this quarter.",
	"Legal review is done, waiting for the purchase order.",
}

var commentTemplates = []string{"Thanks, I will prepare the material.", "Good news!", "Can we add rider training?",
	"I talked to their CFO as well.", "Noted, updating the project plan."}

func (sd *seeder) chatter(opps []string, accounts []demoAccount, users []string) {
	if len(opps) == 0 || len(users) == 0 {
		return
	}
	for i := 0; i < demoPosts; i++ {
		parent := opps[sd.pick(len(opps))]
		if i%4 == 3 && len(accounts) > 0 {
			parent = accounts[sd.pick(len(accounts))].id
		}
		item := sd.insert("FeedItem", map[string]any{"ParentId": parent, "Body": postTemplates[sd.pick(len(postTemplates))]}, users[sd.pick(len(users))])
		for c := sd.pick(4); c > 0; c-- {
			sd.insert("FeedComment", map[string]any{"FeedItemId": item, "CommentBody": commentTemplates[sd.pick(len(commentTemplates))]}, users[sd.pick(len(users))])
		}
	}
}
