package sfsim

import (
	"fmt"
	"maps"
	"math"
	"strings"
)

// Server-side behaviour of standard objects: derived fields, roll-ups and
// the integrity checks a real org runs on save.

// runHooks derives fields before a write. old is nil on insert; vals is the
// record as it will be stored and may be changed in place.
func (s *Server) runHooks(obj *Object, old, vals map[string]any, userID string) *recordError {
	changed := func(k string) bool { return old == nil || fmt.Sprint(old[k]) != fmt.Sprint(vals[k]) }
	switch obj.Name {
	case "Opportunity":
		return s.opportunityHook(old, vals, changed)
	case "OpportunityLineItem":
		return s.lineItemHook(old, vals)
	case "PricebookEntry":
		return s.pricebookEntryHook(old, vals)
	case "Case":
		if old == nil {
			s.autoNums["Case"]++
			vals["CaseNumber"] = fmt.Sprintf("%08d", 1000+s.autoNums["Case"])
		}
		closed := vals["Status"] == "Closed"
		vals["IsClosed"] = closed
		if closed && (old == nil || old["IsClosed"] != true) {
			vals["ClosedDate"] = formatDateTime(s.now())
		} else if !closed {
			vals["ClosedDate"] = nil
		}
	case "Contact":
		vals["Name"] = joinName(vals["FirstName"], vals["LastName"])
	case "User":
		return s.userHook(old, vals)
	case "FeedItem":
		return s.feedItemHook(old, vals)
	case "FeedComment":
		if old == nil {
			item := s.data.byID[vals["FeedItemId"].(string)]
			vals["ParentId"] = item.vals["ParentId"]
			vals["CommentType"] = "TextComment"
		}
	case "Idea":
		if old == nil {
			if u, ok := s.data.get(userID); ok {
				vals["CreatorName"] = u.vals["Name"]
			}
			vals["NumComments"], vals["VoteTotal"], vals["VoteScore"] = 0.0, 0.0, 0.0
		}
	}
	return nil
}

func joinName(first, last any) any {
	f, _ := first.(string)
	l, _ := last.(string)
	if f == "" {
		return nilIfEmpty(l)
	}
	return nilIfEmpty(strings.TrimSpace(f + " " + l))
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func findStage(name any) (int, bool) {
	for i, st := range opportunityStages {
		if st.Name == name {
			return i, true
		}
	}
	return 0, false
}

var forecastCategoryCodes = map[string]string{
	"Omitted": "Omitted", "Pipeline": "Pipeline", "Best Case": "BestCase", "Commit": "Forecast", "Closed": "Closed",
}

// opportunityHook keeps Probability, the forecast category and the closed
// flags in step with StageName, as a real org does when the stage is set on
// create or changes on update.
func (s *Server) opportunityHook(old, vals map[string]any, changed func(string) bool) *recordError {
	if changed("StageName") {
		if i, ok := findStage(vals["StageName"]); ok {
			st := opportunityStages[i]
			if old == nil && vals["Probability"] != nil {
				// an explicit probability on create wins
			} else if old == nil || !changed("Probability") {
				vals["Probability"] = st.Probability
			}
			if old == nil && vals["ForecastCategoryName"] != nil {
				// an explicit forecast category on create wins
			} else if old == nil || !changed("ForecastCategoryName") {
				vals["ForecastCategoryName"] = st.Forecast
			}
			vals["IsClosed"], vals["IsWon"] = st.Closed, st.Won
		}
		if old != nil {
			vals["LastStageChangeDate"] = formatDateTime(s.now())
		}
	}
	if fc, ok := vals["ForecastCategoryName"].(string); ok {
		vals["ForecastCategory"] = forecastCategoryCodes[fc]
	}
	amount, aok := vals["Amount"].(float64)
	prob, pok := vals["Probability"].(float64)
	if aok && pok {
		vals["ExpectedRevenue"] = math.Round(amount*prob) / 100
	} else {
		vals["ExpectedRevenue"] = nil
	}
	if d, ok := vals["CloseDate"].(string); ok {
		if t, err := parseDate(d); err == nil {
			q := (int(t.Month())-1)/3 + 1
			vals["FiscalYear"], vals["FiscalQuarter"] = float64(t.Year()), float64(q)
			vals["Fiscal"] = fmt.Sprintf("%d %d", t.Year(), q)
		}
	}
	return nil
}

func integrity(field, msg string) *recordError {
	return &recordError{Code: "FIELD_INTEGRITY_EXCEPTION", Message: fmt.Sprintf("field integrity exception: %s (%s)", field, msg), Fields: []string{field}}
}

func (s *Server) lineItemHook(old, vals map[string]any) *recordError {
	if old == nil {
		opp := s.data.byID[vals["OpportunityId"].(string)]
		entry, rerr := s.lineItemEntry(opp, vals)
		if rerr != nil {
			return rerr
		}
		if vals["UnitPrice"] != nil && vals["TotalPrice"] != nil {
			return integrity("TotalPrice", "cannot specify both unit price and total price")
		}
		if vals["UnitPrice"] == nil && vals["TotalPrice"] == nil {
			return integrity("unknown", "must specify either TotalPrice or UnitPrice")
		}
		product := s.data.byID[entry.vals["Product2Id"].(string)]
		vals["PricebookEntryId"] = entry.id()
		vals["Product2Id"] = product.id()
		vals["ProductCode"] = product.vals["ProductCode"]
		vals["ListPrice"] = entry.vals["UnitPrice"]
		vals["Name"] = fmt.Sprintf("%v %v", opp.vals["Name"], product.vals["Name"])
		if opp.vals["Pricebook2Id"] == nil {
			s.touch(opp, map[string]any{"Pricebook2Id": entry.vals["Pricebook2Id"]})
		}
	}
	qty, _ := vals["Quantity"].(float64)
	discount, _ := vals["Discount"].(float64)
	factor := 1 - discount/100
	switch {
	case vals["TotalPrice"] != nil && (old == nil || fmt.Sprint(old["TotalPrice"]) != fmt.Sprint(vals["TotalPrice"])) && qty != 0:
		vals["UnitPrice"] = round2(vals["TotalPrice"].(float64) / qty / factor)
	case vals["UnitPrice"] != nil:
		vals["TotalPrice"] = round2(vals["UnitPrice"].(float64) * qty * factor)
	}
	if up, ok := vals["UnitPrice"].(float64); ok {
		vals["Subtotal"] = round2(up * qty)
	}
	return nil
}

// lineItemEntry finds the price book entry a new line item uses.
func (s *Server) lineItemEntry(opp *record, vals map[string]any) (*record, *recordError) {
	book, _ := opp.vals["Pricebook2Id"].(string)
	if id, ok := vals["PricebookEntryId"].(string); ok {
		entry := s.data.byID[id]
		if book != "" && entry.vals["Pricebook2Id"] != book {
			return nil, integrity("PricebookEntryId", "pricebook entry is in a different pricebook than the one assigned to the opportunity")
		}
		if entry.vals["IsActive"] != true {
			return nil, integrity("PricebookEntryId", "pricebook entry is inactive")
		}
		return entry, nil
	}
	product, ok := vals["Product2Id"].(string)
	if !ok {
		return nil, missingFieldsError([]string{"PricebookEntryId"})
	}
	if book == "" {
		book = s.standardPricebookID()
	}
	for _, e := range s.data.rows(mustObject(s.org, "PricebookEntry"), false) {
		if e.vals["Product2Id"] == product && e.vals["Pricebook2Id"] == book && e.vals["IsActive"] == true {
			return e, nil
		}
	}
	return nil, integrity("Product2Id", "no active price book entry for this product in the opportunity's price book")
}

func (s *Server) standardPricebookID() string {
	for _, b := range s.data.rows(mustObject(s.org, "Pricebook2"), false) {
		if b.vals["IsStandard"] == true {
			return b.id()
		}
	}
	return ""
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (s *Server) pricebookEntryHook(old, vals map[string]any) *recordError {
	if old != nil {
		return nil
	}
	product := s.data.byID[vals["Product2Id"].(string)]
	vals["Name"] = product.vals["Name"]
	vals["ProductCode"] = product.vals["ProductCode"]
	standard := s.standardPricebookID()
	hasStandard := false
	for _, e := range s.data.rows(mustObject(s.org, "PricebookEntry"), false) {
		if e.vals["Product2Id"] != product.id() {
			continue
		}
		if e.vals["Pricebook2Id"] == vals["Pricebook2Id"] {
			return &recordError{Code: "DUPLICATE_VALUE", Message: "This price definition already exists in this price book", Fields: []string{}}
		}
		if e.vals["Pricebook2Id"] == standard {
			hasStandard = true
		}
	}
	if vals["Pricebook2Id"] != standard && !hasStandard {
		return &recordError{Code: "STANDARD_PRICE_NOT_DEFINED", Message: "No standard price defined for this product", Fields: []string{}}
	}
	return nil
}

func (s *Server) userHook(old, vals map[string]any) *recordError {
	vals["Name"] = joinName(vals["FirstName"], vals["LastName"])
	if old == nil {
		if vals["CommunityNickname"] == nil {
			if u, ok := vals["Username"].(string); ok {
				nick, _, _ := strings.Cut(u, "@")
				if len(nick) > 32 {
					nick = nick[:32]
				}
				vals["CommunityNickname"] = nick + "." + randomToken(6)
			}
		}
	}
	vals["UserType"] = "Standard"
	if pid, ok := vals["ProfileId"].(string); ok {
		if p, ok := s.data.get(pid); ok {
			if t, ok := p.vals["UserType"].(string); ok {
				vals["UserType"] = t
			}
		}
	}
	return nil
}

func (s *Server) feedItemHook(old, vals map[string]any) *recordError {
	if old != nil {
		return nil
	}
	if vals["Type"] == nil {
		vals["Type"] = "TextPost"
	}
	if vals["Status"] == nil {
		vals["Status"] = "Published"
	}
	vals["CommentCount"], vals["LikeCount"] = 0.0, 0.0
	parent, ok := s.data.get(vals["ParentId"].(string))
	if !ok || parent.deleted || !(parent.obj.FeedEnabled || parent.obj.Name == "User") {
		return &recordError{Code: "INVALID_CROSS_REFERENCE_KEY", Message: "invalid cross reference id", Fields: []string{"ParentId"}}
	}
	if vals["Type"] == "TextPost" && vals["Body"] == nil {
		return missingFieldsError([]string{"Body"})
	}
	return nil
}

// afterWrite updates roll-ups on related records. old is nil for inserts.
func (s *Server) afterWrite(r *record, old map[string]any) {
	switch r.obj.Name {
	case "OpportunityLineItem":
		if opp, ok := s.data.get(r.vals["OpportunityId"].(string)); ok && !opp.deleted {
			s.rollUpLineItems(opp)
		}
	case "FeedComment":
		if item, ok := s.data.get(r.vals["FeedItemId"].(string)); ok && !item.deleted {
			n := 0
			for _, c := range s.data.rows(r.obj, false) {
				if c.vals["FeedItemId"] == item.id() {
					n++
				}
			}
			s.touch(item, map[string]any{"CommentCount": float64(n)})
		}
	}
}

func (s *Server) rollUpLineItems(opp *record) {
	total, qty, n := 0.0, 0.0, 0
	for _, li := range s.data.rows(mustObject(s.org, "OpportunityLineItem"), false) {
		if li.vals["OpportunityId"] != opp.id() {
			continue
		}
		n++
		t, _ := li.vals["TotalPrice"].(float64)
		q, _ := li.vals["Quantity"].(float64)
		total += t
		qty += q
	}
	changes := map[string]any{"HasOpportunityLineItem": n > 0}
	if n > 0 {
		changes["Amount"] = round2(total)
		changes["TotalOpportunityQuantity"] = qty
	}
	vals := maps.Clone(opp.vals)
	maps.Copy(vals, changes)
	_ = s.opportunityHook(opp.vals, vals, func(k string) bool { return fmt.Sprint(opp.vals[k]) != fmt.Sprint(vals[k]) })
	s.touch(opp, vals)
}

// touch writes derived values to a record and moves its modification stamps,
// without validation.
func (s *Server) touch(r *record, changes map[string]any) {
	vals := maps.Clone(r.vals)
	maps.Copy(vals, changes)
	now := formatDateTime(s.now())
	if _, ok := r.obj.Field("SystemModstamp"); ok {
		vals["SystemModstamp"] = now
	}
	if _, ok := r.obj.Field("LastModifiedDate"); ok {
		vals["LastModifiedDate"] = now
	}
	s.setValues(r, vals)
}
