package salesforce

import "time"

// ServerTime returns the org's clock as the newest Date header of a
// response, in UTC and in whole seconds, and false before any response
// carried one. A watermark compared with SystemModstamp or
// LastModifiedDate should come from here, because the local clock may run
// ahead of the org's or behind it.
func (c *Client) ServerTime() (time.Time, bool) { return c.clock.Now() }
