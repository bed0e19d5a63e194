package sfsim

import (
	"fmt"
	"time"
)

// GenerateLargeOrg adds accounts and opportunities in bulk for benchmarks:
// opportunities are spread over the accounts and over all stages. Records go
// through the normal write path, so derived fields are set as for API
// writes. It returns the first error.
func (s *Server) GenerateLargeOrg(accounts, opportunities int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	acctObj, oppObj := mustObject(s.org, "Account"), mustObject(s.org, "Opportunity")
	ids := make([]string, 0, accounts)
	for i := 0; i < accounts; i++ {
		rec, rerr := s.insertRecord(acctObj, map[string]any{
			"Name": fmt.Sprintf("Bulk Account %06d", i), "Industry": industries[i%len(industries)],
			"Type": accountTypes[i%len(accountTypes)], "NumberOfEmployees": float64(10 + s.rng.Intn(5000)),
		}, s.adminID)
		if rerr != nil {
			return fmt.Errorf("generate account %d: %w", i, rerr)
		}
		ids = append(ids, rec.id())
	}
	if len(ids) == 0 && opportunities > 0 {
		return fmt.Errorf("generate opportunities: no accounts to attach them to")
	}
	day := s.created.Truncate(24 * time.Hour)
	stages := stageNames()
	for i := 0; i < opportunities; i++ {
		_, rerr := s.insertRecord(oppObj, map[string]any{
			"Name": fmt.Sprintf("Bulk Opportunity %07d", i), "AccountId": ids[i%len(ids)],
			"StageName": stages[i%len(stages)], "Amount": float64(1000 + s.rng.Intn(500000)),
			"CloseDate": day.AddDate(0, 0, s.rng.Intn(365)-180).Format(dateLayout),
		}, s.adminID)
		if rerr != nil {
			return fmt.Errorf("generate opportunity %d: %w", i, rerr)
		}
	}
	return nil
}
