package clarizen

import "time"

// ServerTime returns the service's clock as the newest Date header of a
// response, in UTC and in whole seconds, and false before any response
// carried one. A watermark compared with LastUpdatedOn should come from
// here or from the newest LastUpdatedOn read, because the local clock may
// run ahead of the service's or behind it.
func (c *Client) ServerTime() (time.Time, bool) { return c.transport.clock.Now() }
