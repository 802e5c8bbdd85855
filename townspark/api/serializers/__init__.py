"""TownSpark's serializers: the documented JSON shapes, one module per area."""
