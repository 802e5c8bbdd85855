"""GatherHub: events, tasks, voting and live updates (contract: shared/specs/gatherhub.md)."""
