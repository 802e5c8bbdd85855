"""Health probes: liveness, readiness (database, cache, channel layer) and a status dashboard."""
