"""Ressourcefy's writes: one module per area."""
