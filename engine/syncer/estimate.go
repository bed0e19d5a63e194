package syncer

// estimateCalls fills Plan.APICalls with the calls applying the plan from
// the preview makes, and Plan.Social with the post and comment copy that
// follows a manual run.
func (p *planner) estimateCalls() {
	for _, wave := range waves(p.plan.Operations) {
		for _, b := range batches(p.plan.Operations, wave) {
			first := b.ops[0]
			switch first.Kind {
			case OpUnlink, OpMatch:
				// Saved in the store alone, without a remote call.
				continue
			case OpUpdate:
				// An applied preview reads the batch's targets again first.
				p.plan.APICalls[first.Connection]++
			}
			p.plan.APICalls[first.Connection]++
		}
	}

	paired := map[string]int{}
	for _, op := range p.plan.Operations {
		if op.Kind == OpCreate || op.Kind == OpMatch {
			paired[op.MappingID]++
		}
	}
	for _, ms := range p.mappings {
		if !ms.active || !ms.m.SocialSync || !ms.loaded {
			continue
		}
		records := len(ms.links) + paired[ms.m.ID]
		if records == 0 {
			continue
		}
		p.plan.Social = append(p.plan.Social, SocialEstimate{MappingID: ms.m.ID, Name: ms.m.Name, Records: records,
			MinCalls: map[string]int{SalesforceConnection: records, ms.conn: records}})
	}
}
