"""Stripe payments shared by the products: one gateway, money in minor units, verified idempotent webhooks."""
