package sfsim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/liaison-sync/liaison/engine/sim/sfsim"
)

// Example starts a seeded demo org, takes a token without the browser steps
// and runs a SOQL query over HTTP, as any REST client would.
func Example() {
	s, err := sfsim.New(sfsim.Options{Seed: 1, Demo: true})
	if err != nil {
		panic(err)
	}
	defer s.Close()

	tok := s.IssueTokens()
	q := url.QueryEscape("SELECT COUNT() FROM Opportunity WHERE Probability >= 70")
	req, _ := http.NewRequest(http.MethodGet, tok.InstanceURL+"/services/data/v59.0/query?q="+q, nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()

	var result struct {
		TotalSize int `json:"totalSize"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&result); err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode, result.TotalSize > 50)
	// Output: 200 true
}
