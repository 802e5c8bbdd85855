"""Ressourcefy's API serializers: one module per area."""
