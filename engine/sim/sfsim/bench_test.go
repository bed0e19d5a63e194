package sfsim

import (
	"net/http"
	"testing"
)

// BenchmarkQuery_LargeOrg measures a SystemModstamp-window query over an org
// of 20,000 accounts and 80,000 opportunities, paged in batches of 2,000.
func BenchmarkQuery_LargeOrg(b *testing.B) {
	s := mustServer(b, Options{Seed: 1})
	if err := s.GenerateLargeOrg(20000, 80000); err != nil {
		b.Fatal(err)
	}
	c := &apiClient{tb: b, base: s.URL(), token: s.IssueTokens().AccessToken}
	soqlText := "SELECT Id, Name, Amount, StageName, Account.Name, SystemModstamp FROM Opportunity WHERE Probability >= 70 ORDER BY SystemModstamp, Id"
	b.ResetTimer()
	for b.Loop() {
		var page queryBody
		c.query(soqlText).decode(b, &page)
		rows := len(page.Records)
		for !page.Done {
			next := page.NextRecordsURL
			page = queryBody{}
			c.do(http.MethodGet, next, nil).decode(b, &page)
			rows += len(page.Records)
		}
		if rows != page.TotalSize {
			b.Fatalf("read %d rows of %d", rows, page.TotalSize)
		}
	}
}

// BenchmarkGenerateLargeOrg measures seeding 100,000 records.
func BenchmarkGenerateLargeOrg(b *testing.B) {
	for b.Loop() {
		s, err := New(Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.GenerateLargeOrg(20000, 80000); err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}
