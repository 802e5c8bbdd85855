"""TownSpark: civic issue reporting (contract: shared/specs/townspark.md)."""
