package salesforce

import "testing"

func TestChunkItems(t *testing.T) {
	same := func(n int) []collectionItem {
		items := make([]collectionItem, n)
		for i := range items {
			items[i] = collectionItem{object: "Account"}
		}
		return items
	}
	alternating := func(n int) []collectionItem {
		items := make([]collectionItem, n)
		for i := range items {
			items[i] = collectionItem{object: []string{"Account", "Contact"}[i%2]}
		}
		return items
	}
	tests := []struct {
		name  string
		items []collectionItem
		sizes []int
	}{
		{"empty", nil, nil},
		{"one", same(1), []int{1}},
		{"exactly 200", same(200), []int{200}},
		{"450 records", same(450), []int{200, 200, 50}},
		{"eleven type runs", alternating(11), []int{10, 1}},
		{"25 type runs", alternating(25), []int{10, 10, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := chunkItems(tt.items)
			if len(chunks) != len(tt.sizes) {
				t.Fatalf("got %d chunks, want %d", len(chunks), len(tt.sizes))
			}
			for i, c := range chunks {
				if len(c) != tt.sizes[i] {
					t.Errorf("chunk %d has %d records, want %d", i, len(c), tt.sizes[i])
				}
			}
		})
	}
}
