"""Ressourcefy's API views: one module per area."""
