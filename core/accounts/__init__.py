"""Accounts: realm-aware users, authentication, tokens and the dj-rest-auth/allauth flows."""
