"""Payments shared by the products: the Stripe gateway, webhooks and a local Stripe server for development."""
