"""A-List Home Pros: one module per area of the spec (users, pros, payments, messaging, scheduling)."""
