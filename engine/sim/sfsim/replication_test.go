package sfsim

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestReplication_UpdatedAndDeleted(t *testing.T) {
	now := time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)
	s := mustServer(t, Options{Seed: 1, Clock: func() time.Time { return now }})
	c := newAPIClient(t, s)
	window := func(kind string, start, end time.Time) apiResult {
		q := url.Values{"start": {start.Format(time.RFC3339)}, "end": {end.Format(time.RFC3339)}}
		return c.do(http.MethodGet, "/sobjects/Account/"+kind+"/?"+q.Encode(), nil)
	}
	t0 := now
	a, _ := s.Insert("Account", map[string]any{"Name": "A"})
	now = now.Add(10 * time.Minute)
	b, _ := s.Insert("Account", map[string]any{"Name": "B"})
	now = now.Add(10 * time.Minute)
	if err := s.Delete("Account", a); err != nil {
		t.Fatal(err)
	}
	now = now.Add(10*time.Minute + 42*time.Second)

	t.Run("updated", func(t *testing.T) {
		var out struct {
			IDs               []string `json:"ids"`
			LatestDateCovered string   `json:"latestDateCovered"`
		}
		res := window("updated", t0.Add(5*time.Minute), now)
		res.decode(t, &out)
		if res.status != http.StatusOK || len(out.IDs) != 1 || out.IDs[0] != b {
			t.Errorf("updated %d %s", res.status, res.body)
		}
		if out.LatestDateCovered != "2025-05-01T10:30:00.000+0000" {
			t.Errorf("latestDateCovered %s, want the end truncated to the minute", out.LatestDateCovered)
		}
	})
	t.Run("deleted", func(t *testing.T) {
		var out struct {
			DeletedRecords []struct {
				ID          string `json:"id"`
				DeletedDate string `json:"deletedDate"`
			} `json:"deletedRecords"`
			EarliestDateAvailable string `json:"earliestDateAvailable"`
			LatestDateCovered     string `json:"latestDateCovered"`
		}
		window("deleted", t0, now).decode(t, &out)
		if len(out.DeletedRecords) != 1 || out.DeletedRecords[0].ID != a || out.DeletedRecords[0].DeletedDate != "2025-05-01T10:20:00.000+0000" {
			t.Errorf("deleted %+v", out)
		}
		if out.EarliestDateAvailable == "" || out.LatestDateCovered == "" {
			t.Errorf("dates missing: %+v", out)
		}
	})
	limits := []struct {
		name  string
		kind  string
		start time.Time
		end   time.Time
	}{
		{"updated older than 30 days", "updated", now.Add(-31 * 24 * time.Hour), now},
		{"deleted older than 15 days", "deleted", now.Add(-16 * 24 * time.Hour), now},
		{"start after end", "updated", now, now.Add(-time.Hour)},
	}
	for _, tc := range limits {
		t.Run(tc.name, func(t *testing.T) {
			res := window(tc.kind, tc.start, tc.end)
			if res.status != http.StatusBadRequest || errorCode(t, res) != "INVALID_REPLICATION_DATE" {
				t.Errorf("got %d %s", res.status, res.body)
			}
		})
	}
	t.Run("recycle bin purges after 15 days", func(t *testing.T) {
		now = now.Add(16 * 24 * time.Hour)
		c.token = s.IssueTokens().AccessToken
		var out struct {
			DeletedRecords []any `json:"deletedRecords"`
		}
		window("deleted", now.Add(-14*24*time.Hour), now).decode(t, &out)
		if len(out.DeletedRecords) != 0 {
			t.Errorf("purged records still listed: %v", out.DeletedRecords)
		}
	})
}
