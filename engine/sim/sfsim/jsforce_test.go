package sfsim

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// jsforceResult mirrors the JSON that testdata/jsforce/script.mjs prints.
type jsforceResult struct {
	State string `json:"state"`
	Login struct {
		UserID          string `json:"userId"`
		OrgID           string `json:"orgId"`
		InstanceURL     string `json:"instanceUrl"`
		HasRefreshToken bool   `json:"hasRefreshToken"`
	} `json:"login"`
	Identity struct {
		Username string `json:"username"`
		UserID   string `json:"userId"`
	} `json:"identity"`
	DescribeGlobal struct {
		Count          int  `json:"count"`
		HasOpportunity bool `json:"hasOpportunity"`
	} `json:"describeGlobal"`
	Describe struct {
		Name       string `json:"name"`
		KeyPrefix  string `json:"keyPrefix"`
		NameType   string `json:"nameType"`
		NameLength int    `json:"nameLength"`
	} `json:"describe"`
	CreateMany struct {
		Count      int  `json:"count"`
		AllSuccess bool `json:"allSuccess"`
	} `json:"createMany"`
	Paging struct {
		TotalSize int    `json:"totalSize"`
		Pages     []int  `json:"pages"`
		First     string `json:"first"`
		Last      string `json:"last"`
	} `json:"paging"`
	Single struct {
		Created  bool   `json:"created"`
		Name     string `json:"name"`
		Industry string `json:"industry"`
	} `json:"single"`
	Upsert struct {
		FirstCreated  bool   `json:"firstCreated"`
		SecondCreated bool   `json:"secondCreated"`
		SameID        bool   `json:"sameId"`
		Many          []bool `json:"many"`
	} `json:"upsert"`
	Collections struct {
		Updated bool     `json:"updated"`
		Names   []string `json:"names"`
		Deleted bool     `json:"deleted"`
	} `json:"collections"`
	AfterDelete int `json:"afterDelete"`
	NotFound    struct {
		Name      string `json:"name"`
		ErrorCode string `json:"errorCode"`
	} `json:"notFound"`
	Required struct {
		Success bool     `json:"success"`
		Codes   []string `json:"codes"`
	} `json:"required"`
	Mixed []struct {
		Success bool     `json:"success"`
		Codes   []string `json:"codes"`
	} `json:"mixed"`
	BadQuery struct {
		ErrorCode string `json:"errorCode"`
	} `json:"badQuery"`
}

// requireNodeModules skips the test when the npm packages of dir are not
// installed, except under CI, where it fails.
func requireNodeModules(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		if _, err := exec.LookPath("node"); err == nil {
			return
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s/node_modules or node is missing; run npm ci --prefix %s", dir, dir)
	}
	t.Skipf("%s/node_modules is missing; run npm ci --prefix %s", dir, dir)
}

func TestJSForce_Script(t *testing.T) {
	dir := filepath.Join("testdata", "jsforce")
	requireNodeModules(t, dir)
	s := mustServer(t, Options{Seed: 3})

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "script.mjs", s.LoginURL(), DefaultUsername, DefaultPassword, DefaultClientID)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node script.mjs: %v\n%s", err, stderr)
	}
	var res jsforceResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decode script output %q: %v", out, err)
	}

	t.Run("login", func(t *testing.T) {
		if res.State != "js-state" {
			t.Errorf("state = %q, want js-state", res.State)
		}
		if res.Login.OrgID != s.OrgID() {
			t.Errorf("org id = %q, want %q", res.Login.OrgID, s.OrgID())
		}
		if res.Login.InstanceURL != s.URL() {
			t.Errorf("instance URL = %q, want %q", res.Login.InstanceURL, s.URL())
		}
		if !res.Login.HasRefreshToken {
			t.Error("no refresh token after the code exchange")
		}
		if res.Identity.Username != DefaultUsername || res.Identity.UserID != res.Login.UserID {
			t.Errorf("identity = %+v, login user %s", res.Identity, res.Login.UserID)
		}
	})
	t.Run("describe", func(t *testing.T) {
		if !res.DescribeGlobal.HasOpportunity || res.DescribeGlobal.Count < 12 {
			t.Errorf("describeGlobal = %+v", res.DescribeGlobal)
		}
		if res.Describe.KeyPrefix != "001" || res.Describe.NameLength != 255 || res.Describe.NameType != "string" {
			t.Errorf("describe = %+v", res.Describe)
		}
	})
	t.Run("paging", func(t *testing.T) {
		if res.CreateMany.Count != 450 || !res.CreateMany.AllSuccess {
			t.Errorf("createMany = %+v", res.CreateMany)
		}
		want := []int{200, 200, 50}
		if len(res.Paging.Pages) != len(want) {
			t.Fatalf("pages = %v, want %v", res.Paging.Pages, want)
		}
		for i := range want {
			if res.Paging.Pages[i] != want[i] {
				t.Errorf("page %d has %d records, want %d", i, res.Paging.Pages[i], want[i])
			}
		}
		if res.Paging.TotalSize != 450 || res.Paging.First != "JS Page 000" || res.Paging.Last != "JS Page 449" {
			t.Errorf("paging = %+v", res.Paging)
		}
	})
	t.Run("single record", func(t *testing.T) {
		if !res.Single.Created || res.Single.Name != "JS Single Updated" || res.Single.Industry != "Energy" {
			t.Errorf("single = %+v", res.Single)
		}
	})
	t.Run("upsert", func(t *testing.T) {
		if !res.Upsert.FirstCreated || res.Upsert.SecondCreated || !res.Upsert.SameID {
			t.Errorf("upsert = %+v", res.Upsert)
		}
		if len(res.Upsert.Many) != 2 || res.Upsert.Many[0] || !res.Upsert.Many[1] {
			t.Errorf("collection upsert created flags = %v, want [false true]", res.Upsert.Many)
		}
	})
	t.Run("collections", func(t *testing.T) {
		if !res.Collections.Updated || !res.Collections.Deleted {
			t.Errorf("collections = %+v", res.Collections)
		}
		if len(res.Collections.Names) != 2 || res.Collections.Names[0] != "JS Coll U0" || res.Collections.Names[1] != "JS Coll U1" {
			t.Errorf("retrieved names = %v", res.Collections.Names)
		}
		if res.AfterDelete != 0 {
			t.Errorf("%d records left after delete, want 0", res.AfterDelete)
		}
	})
	t.Run("errors", func(t *testing.T) {
		if res.NotFound.ErrorCode != "NOT_FOUND" {
			t.Errorf("missing record error = %+v", res.NotFound)
		}
		if res.Required.Success || len(res.Required.Codes) != 1 || res.Required.Codes[0] != "REQUIRED_FIELD_MISSING" {
			t.Errorf("required-field error = %+v", res.Required)
		}
		if len(res.Mixed) != 2 || !res.Mixed[0].Success || res.Mixed[1].Success {
			t.Fatalf("mixed collection results = %+v", res.Mixed)
		}
		if len(res.Mixed[1].Codes) != 1 || res.Mixed[1].Codes[0] != "REQUIRED_FIELD_MISSING" {
			t.Errorf("failed collection item codes = %v", res.Mixed[1].Codes)
		}
		if res.BadQuery.ErrorCode != "INVALID_FIELD" {
			t.Errorf("bad query error = %+v", res.BadQuery)
		}
	})
}
