package servertime

import (
	"net/http"
	"testing"
	"time"
)

func TestClock_Observe(t *testing.T) {
	at := func(s string) http.Header { return http.Header{"Date": []string{s}} }
	tests := []struct {
		name    string
		headers []http.Header
		want    time.Time
		ok      bool
	}{
		{name: "nothing seen", ok: false},
		{name: "missing header", headers: []http.Header{{}}, ok: false},
		{name: "unparsable header", headers: []http.Header{at("yesterday")}, ok: false},
		{name: "one date", headers: []http.Header{at("Fri, 04 Dec 2026 23:20:07 GMT")},
			want: time.Date(2026, 12, 4, 23, 20, 7, 0, time.UTC), ok: true},
		{name: "an older date later keeps the newest", headers: []http.Header{
			at("Fri, 04 Dec 2026 23:20:07 GMT"), at("Fri, 04 Dec 2026 23:19:00 GMT")},
			want: time.Date(2026, 12, 4, 23, 20, 7, 0, time.UTC), ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Clock
			for _, h := range tt.headers {
				c.Observe(h)
			}
			got, ok := c.Now()
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("Now() = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
			if ok && got.Location() != time.UTC {
				t.Errorf("Now() zone = %v, want UTC", got.Location())
			}
		})
	}
}
