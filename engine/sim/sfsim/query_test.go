package sfsim

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// queryFixture is a small org with known data and a fixed clock.
type queryFixture struct {
	s        *Server
	c        *apiClient
	accounts map[string]string // name -> id
}

var fixtureNow = time.Date(2025, 6, 18, 15, 30, 0, 0, time.UTC) // a Wednesday

func newQueryFixture(t *testing.T) *queryFixture {
	t.Helper()
	s := mustServer(t, Options{Seed: 9, Clock: func() time.Time { return fixtureNow }})
	f := &queryFixture{s: s, c: newAPIClient(t, s), accounts: map[string]string{}}
	for _, a := range []map[string]any{
		{"Name": "Acme", "Industry": "Energy", "NumberOfEmployees": 100, "Website": "acme.example"},
		{"Name": "Globex", "Industry": "Banking", "NumberOfEmployees": 5000},
		{"Name": "Initech", "NumberOfEmployees": 50},
		{"Name": "Under_score 100%", "Industry": "Media"},
	} {
		id, err := s.Insert("Account", a)
		if err != nil {
			t.Fatal(err)
		}
		f.accounts[a["Name"].(string)] = id
	}
	day := func(d int) string { return fixtureNow.AddDate(0, 0, d).Format(dateLayout) }
	for _, o := range []map[string]any{
		{"Name": "Acme 1", "AccountId": f.accounts["Acme"], "StageName": "Prospecting", "CloseDate": day(0), "Amount": 1000},
		{"Name": "Acme 2", "AccountId": f.accounts["Acme"], "StageName": "Perception Analysis", "CloseDate": day(-1), "Amount": 2000},
		{"Name": "Globex 1", "AccountId": f.accounts["Globex"], "StageName": "Closed Won", "CloseDate": day(-40), "Amount": 3000},
		{"Name": "Globex 2", "AccountId": f.accounts["Globex"], "StageName": "Negotiation/Review", "CloseDate": day(10)},
		{"Name": "Orphan", "StageName": "Closed Lost", "CloseDate": day(-5), "Amount": 500},
	} {
		if _, err := s.Insert("Opportunity", o); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

type queryBody struct {
	TotalSize      int              `json:"totalSize"`
	Done           bool             `json:"done"`
	NextRecordsURL string           `json:"nextRecordsUrl"`
	Records        []map[string]any `json:"records"`
}

func (f *queryFixture) run(t *testing.T, soqlText string) queryBody {
	t.Helper()
	res := f.c.query(soqlText)
	if res.status != http.StatusOK {
		t.Fatalf("%s: status %d %s", soqlText, res.status, res.body)
	}
	var b queryBody
	res.decode(t, &b)
	return b
}

func names(b queryBody) string {
	var out []string
	for _, r := range b.Records {
		out = append(out, fmt.Sprint(r["Name"]))
	}
	return strings.Join(out, ",")
}

func TestQuery_Filters(t *testing.T) {
	f := newQueryFixture(t)
	cases := []struct {
		name, where, want string
	}{
		{"equality ignores case", "Name = 'acme 1'", "Acme 1"},
		{"not equal includes nulls", "Amount != 1000", "Acme 2,Globex 1,Globex 2,Orphan"},
		{"null check", "Amount = null", "Globex 2"},
		{"number range", "Amount > 500 AND Amount <= 2000", "Acme 1,Acme 2"},
		{"like", "Name LIKE 'glob%'", "Globex 1,Globex 2"},
		{"like one character", "Name LIKE 'Acme _'", "Acme 1,Acme 2"},
		{"in", "StageName IN ('Closed Won', 'Closed Lost')", "Globex 1,Orphan"},
		{"not in", "StageName NOT IN ('Closed Won', 'Closed Lost')", "Acme 1,Acme 2,Globex 2"},
		{"probability from stage", "Probability >= 70", "Acme 2,Globex 1,Globex 2"},
		{"boolean", "IsClosed = true", "Globex 1,Orphan"},
		{"not", "NOT (Amount > 1000)", "Acme 1,Globex 2,Orphan"},
		{"or group", "(Name = 'Orphan' OR Name = 'Acme 1') AND Amount > 600", "Acme 1"},
		{"relationship", "Account.Industry = 'Banking'", "Globex 1,Globex 2"},
		{"relationship null", "Account.Name = null", "Orphan"},
		{"date literal today", "CloseDate = TODAY", "Acme 1"},
		{"date literal yesterday", "CloseDate = YESTERDAY", "Acme 2"},
		{"last n days", "CloseDate = LAST_N_DAYS:7", "Acme 1,Acme 2,Orphan"},
		{"before a date", "CloseDate < 2025-06-01", "Globex 1"},
		{"datetime literal", "CreatedDate >= 2025-06-18T15:30:00Z", "Acme 1,Acme 2,Globex 1,Globex 2,Orphan"},
		{"datetime literal with offset", "CreatedDate > 2025-06-18T17:30:00+02:00", ""},
		{"this month", "CloseDate = THIS_MONTH", "Acme 1,Acme 2,Globex 2,Orphan"},
		{"semi-join", "AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy')", "Acme 1,Acme 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := f.run(t, "SELECT Name FROM Opportunity WHERE "+tc.where+" ORDER BY Name")
			if got := names(b); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if b.TotalSize != len(b.Records) || !b.Done {
				t.Errorf("totalSize %d done %v for %d records", b.TotalSize, b.Done, len(b.Records))
			}
		})
	}
	t.Run("like escapes", func(t *testing.T) {
		b := f.run(t, `SELECT Name FROM Account WHERE Name LIKE 'Under\_score 100\%'`)
		if names(b) != "Under_score 100%" {
			t.Errorf("got %q", names(b))
		}
	})
	t.Run("includes on multi-select picklist", func(t *testing.T) {
		zone := f.s.All("Community")[0]["Id"]
		for _, cats := range []string{"Product;Service", "Service", "Reporting"} {
			if _, err := f.s.Insert("Idea", map[string]any{"Title": cats, "CommunityId": zone, "Categories": cats}); err != nil {
				t.Fatal(err)
			}
		}
		b := f.run(t, "SELECT Title FROM Idea WHERE Categories INCLUDES ('Product;Service', 'Reporting') ORDER BY Title")
		var got []string
		for _, r := range b.Records {
			got = append(got, r["Title"].(string))
		}
		if strings.Join(got, ",") != "Product;Service,Reporting" {
			t.Errorf("INCLUDES got %v", got)
		}
		b = f.run(t, "SELECT Title FROM Idea WHERE Categories EXCLUDES ('Service')")
		if len(b.Records) != 1 || b.Records[0]["Title"] != "Reporting" {
			t.Errorf("EXCLUDES got %v", b.Records)
		}
	})
}

func TestQuery_Shape(t *testing.T) {
	f := newQueryFixture(t)
	t.Run("nested relationship records", func(t *testing.T) {
		b := f.run(t, "SELECT Name, Account.Name, Account.Owner.Email FROM Opportunity WHERE Name IN ('Acme 1', 'Orphan') ORDER BY Name")
		acct, ok := b.Records[0]["Account"].(map[string]any)
		if !ok || acct["Name"] != "Acme" {
			t.Fatalf("Account = %v", b.Records[0]["Account"])
		}
		attrs := acct["attributes"].(map[string]any)
		if attrs["type"] != "Account" || !strings.HasSuffix(attrs["url"].(string), "/sobjects/Account/"+f.accounts["Acme"]) {
			t.Errorf("nested attributes %v", attrs)
		}
		owner := acct["Owner"].(map[string]any)
		if owner["Email"] != DefaultUsername {
			t.Errorf("Account.Owner.Email = %v", owner["Email"])
		}
		if v, present := b.Records[1]["Account"]; !present || v != nil {
			t.Errorf("empty lookup renders %v (present %v), want null", v, present)
		}
	})
	t.Run("child subquery", func(t *testing.T) {
		b := f.run(t, "SELECT Name, (SELECT Name FROM Opportunities ORDER BY Name DESC) FROM Account ORDER BY Name")
		kids := b.Records[0]["Opportunities"].(map[string]any)
		if kids["totalSize"].(float64) != 2 || kids["done"] != true {
			t.Errorf("Acme children %v", kids)
		}
		first := kids["records"].([]any)[0].(map[string]any)
		if first["Name"] != "Acme 2" {
			t.Errorf("child order: first %v", first["Name"])
		}
		if b.Records[2]["Opportunities"] != nil {
			t.Errorf("Initech has no opportunities but got %v", b.Records[2]["Opportunities"])
		}
	})
	t.Run("canonical field names and types", func(t *testing.T) {
		b := f.run(t, "SELECT name, numberofemployees, createddate FROM account WHERE name = 'Acme'")
		r := b.Records[0]
		if r["Name"] != "Acme" || r["NumberOfEmployees"] != float64(100) {
			t.Errorf("record %v", r)
		}
		if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$`).MatchString(r["CreatedDate"].(string)) {
			t.Errorf("CreatedDate %v", r["CreatedDate"])
		}
	})
	t.Run("order limit offset", func(t *testing.T) {
		b := f.run(t, "SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS LAST, Name LIMIT 3 OFFSET 1")
		if names(b) != "Acme 2,Acme 1,Orphan" {
			t.Errorf("got %q", names(b))
		}
		b = f.run(t, "SELECT Name FROM Opportunity ORDER BY Amount NULLS FIRST LIMIT 2")
		if names(b) != "Globex 2,Orphan" {
			t.Errorf("nulls first got %q", names(b))
		}
	})
	t.Run("aggregates", func(t *testing.T) {
		res := f.c.query("SELECT COUNT() FROM Opportunity WHERE IsClosed = false")
		var b queryBody
		res.decode(t, &b)
		if b.TotalSize != 3 || len(b.Records) != 0 {
			t.Errorf("COUNT(): totalSize %d records %d", b.TotalSize, len(b.Records))
		}
		b = f.run(t, "SELECT COUNT(Id), SUM(Amount) total FROM Opportunity")
		r := b.Records[0]
		if r["expr0"] != float64(5) || r["total"] != float64(6500) || r["attributes"].(map[string]any)["type"] != "AggregateResult" {
			t.Errorf("aggregate row %v", r)
		}
		b = f.run(t, "SELECT StageName, MAX(Amount) FROM Opportunity WHERE Amount != null GROUP BY StageName HAVING MAX(Amount) > 1500")
		if len(b.Records) != 2 {
			t.Errorf("grouped rows %v", b.Records)
		}
	})
}

func TestQuery_Errors(t *testing.T) {
	f := newQueryFixture(t)
	cases := []struct {
		name, soql, code, contains string
	}{
		{"syntax", "SELECT Id FROM Account WHERE", "MALFORMED_QUERY", "ERROR at Row:1:Column:29\nunexpected token: <EOF>"},
		{"unknown field", "SELECT Id, Nope FROM Account", "INVALID_FIELD", "No such column 'Nope' on entity 'Account'"},
		{"unknown object", "SELECT Id FROM Nope__c", "INVALID_TYPE", "sObject type 'Nope__c' is not supported"},
		{"unknown relationship", "SELECT Nope.Name FROM Opportunity", "INVALID_FIELD", "Didn't understand relationship 'Nope'"},
		{"quoted number", "SELECT Id FROM Opportunity WHERE Amount = '5'", "MALFORMED_QUERY", "must be of type double"},
		{"date literal on datetime ok, date on datetime not", "SELECT Id FROM Account WHERE CreatedDate > 2024-01-01", "MALFORMED_QUERY", "must be of type dateTime"},
		{"offset over 2000", "SELECT Id FROM Account OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "2000"},
		{"long text filter", "SELECT Id FROM Account WHERE Description = 'x'", "INVALID_FIELD", "can not be filtered"},
		{"alias without aggregate", "SELECT Name n FROM Account", "MALFORMED_QUERY", "aggregate"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := f.c.query(tc.soql)
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d %s", res.status, res.body)
			}
			var errs []apiError
			res.decode(t, &errs)
			if errs[0].ErrorCode != tc.code || !strings.Contains(errs[0].Message, tc.contains) {
				t.Errorf("got %s %q, want %s containing %q", errs[0].ErrorCode, errs[0].Message, tc.code, tc.contains)
			}
		})
	}
}

func TestQuery_Paging(t *testing.T) {
	s := mustServer(t, Options{Seed: 2})
	if err := s.GenerateLargeOrg(450, 0); err != nil {
		t.Fatal(err)
	}
	c := newAPIClient(t, s)
	soqlText := "SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk%' ORDER BY Name"

	t.Run("batch size header", func(t *testing.T) {
		res := c.query(soqlText, "Sforce-Query-Options", "batchSize=200")
		var b queryBody
		res.decode(t, &b)
		pages, seen := []int{len(b.Records)}, len(b.Records)
		pattern := regexp.MustCompile(`^/services/data/v59\.0/query/01g\w{15}-200$`)
		if !pattern.MatchString(b.NextRecordsURL) {
			t.Errorf("nextRecordsUrl %q", b.NextRecordsURL)
		}
		for !b.Done {
			next := b.NextRecordsURL
			b = queryBody{}
			c.do(http.MethodGet, next, nil).decode(t, &b)
			pages = append(pages, len(b.Records))
			seen += len(b.Records)
		}
		if fmt.Sprint(pages) != "[200 200 50]" || seen != 450 || b.TotalSize != 450 || b.NextRecordsURL != "" {
			t.Errorf("pages %v seen %d total %d", pages, seen, b.TotalSize)
		}
	})
	t.Run("batch size is clamped to 200..2000", func(t *testing.T) {
		var b queryBody
		c.query(soqlText, "Sforce-Query-Options", "batchSize=10").decode(t, &b)
		if len(b.Records) != 200 {
			t.Errorf("batchSize=10 returned %d records", len(b.Records))
		}
		c.query(soqlText).decode(t, &b)
		if len(b.Records) != 450 || !b.Done {
			t.Errorf("default batch returned %d records", len(b.Records))
		}
	})
	t.Run("other version path and bad locator", func(t *testing.T) {
		var b queryBody
		c.query(soqlText, "Sforce-Query-Options", "batchSize=200").decode(t, &b)
		next := strings.Replace(b.NextRecordsURL, "v59.0", "v63.0", 1)
		if res := c.do(http.MethodGet, next, nil); res.status != http.StatusOK {
			t.Errorf("cursor on another version path: %d", res.status)
		}
		res := c.do(http.MethodGet, "/query/01gXXXXXXXXXXXXXXX-200", nil)
		if res.status != http.StatusBadRequest || errorCode(t, res) != "INVALID_QUERY_LOCATOR" {
			t.Errorf("bad locator: %d %s", res.status, res.body)
		}
	})
}

func TestQueryAll_IncludesDeleted(t *testing.T) {
	s := mustServer(t, Options{Seed: 3})
	c := newAPIClient(t, s)
	id, _ := s.Insert("Account", map[string]any{"Name": "Gone"})
	if err := s.Delete("Account", id); err != nil {
		t.Fatal(err)
	}
	var live, all queryBody
	c.query("SELECT Id FROM Account WHERE Name = 'Gone'").decode(t, &live)
	c.do(http.MethodGet, "/queryAll?q="+url.QueryEscape("SELECT Id, IsDeleted FROM Account WHERE Name = 'Gone'"), nil).decode(t, &all)
	if live.TotalSize != 0 {
		t.Errorf("query sees %d deleted records", live.TotalSize)
	}
	if all.TotalSize != 1 || all.Records[0]["IsDeleted"] != true {
		t.Errorf("queryAll = %+v", all.Records)
	}
}

func TestQuery_KeysetPagingByID(t *testing.T) {
	s := mustServer(t, Options{Seed: 5})
	if err := s.GenerateLargeOrg(150, 0); err != nil {
		t.Fatal(err)
	}
	c := newAPIClient(t, s)
	var all []string
	last := ""
	for {
		where := ""
		if last != "" {
			where = " WHERE Id > '" + last + "'"
		}
		var b queryBody
		c.query("SELECT Id, Name FROM Account"+where+" ORDER BY Id LIMIT 40").decode(t, &b)
		if len(b.Records) == 0 {
			break
		}
		for _, r := range b.Records {
			all = append(all, r["Name"].(string))
		}
		last = b.Records[len(b.Records)-1]["Id"].(string)
	}
	if len(all) != 150 {
		t.Fatalf("keyset paging read %d accounts, want 150", len(all))
	}
	for i, name := range all {
		if want := fmt.Sprintf("Bulk Account %06d", i); name != want {
			t.Fatalf("position %d is %s, want %s (Id order must follow creation order)", i, name, want)
		}
	}
}
