"""Ressourcefy: a resource library with subscriptions (contract: shared/specs/ressourcefy.md)."""
