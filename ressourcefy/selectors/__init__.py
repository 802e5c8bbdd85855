"""Ressourcefy's reads: one module per area."""
