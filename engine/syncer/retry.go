package syncer

import (
	"context"
	"fmt"
	"slices"

	"github.com/liaison-sync/liaison/engine/events"
	"github.com/liaison-sync/liaison/engine/store"
)

// Retry sets failed registry rows back to Pending, so that the next run
// reads their source records again and plans them anew. A row that an
// event led to lets its record fire that event again. Rows in another
// state are left as they are. It returns how many rows were requeued.
func (r *Runner) Retry(ctx context.Context, rowIDs []int64) (int, error) {
	if !r.mu.TryLock() {
		return 0, ErrRunInProgress
	}
	defer r.mu.Unlock()
	_, n, err := r.requeue(ctx, rowIDs)
	return n, err
}

// RetryNow requeues failed rows and runs the mappings they belong to at
// once: the registry's "Sync Now" for selected rows.
func (r *Runner) RetryNow(ctx context.Context, rowIDs []int64, trigger string) (Summary, error) {
	if !r.mu.TryLock() {
		return Summary{}, ErrRunInProgress
	}
	mappings, _, err := r.requeue(ctx, rowIDs)
	r.mu.Unlock()
	if err != nil {
		return Summary{}, err
	}
	if len(mappings) == 0 {
		return Summary{}, fmt.Errorf("retry registry rows %v: none of them names a mapping to run", rowIDs)
	}
	return r.Run(ctx, RunOptions{Trigger: trigger, MappingIDs: mappings})
}

// requeue requeues the failed rows among rowIDs and returns the mappings
// of all the rows given.
func (r *Runner) requeue(ctx context.Context, rowIDs []int64) ([]string, int, error) {
	var mappings []string
	var failed []int64
	for _, id := range rowIDs {
		row, err := r.db.RegistryRow(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		if row.MappingID != "" && !slices.Contains(mappings, row.MappingID) {
			mappings = append(mappings, row.MappingID)
		}
		if row.State != store.Failed {
			continue
		}
		failed = append(failed, id)
		if row.EventID == "" {
			continue
		}
		src, ok, err := r.db.RegistrySourceOf(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			if err := r.db.ForgetFiring(ctx, row.EventID, src.RecordID); err != nil {
				return nil, 0, err
			}
		}
	}
	n, err := r.db.RequeueRows(ctx, failed)
	if err != nil {
		return nil, 0, err
	}
	if n > 0 {
		r.events.Emit(events.RegistryChanged, map[string]any{"requeued": n})
		r.log.Info("registry rows requeued", "rows", n)
	}
	return mappings, n, nil
}
