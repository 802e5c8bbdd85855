"""A local Stripe-compatible server for development and tests: localstripe plus Connect, Checkout and webhooks."""
