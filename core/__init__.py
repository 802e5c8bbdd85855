"""The shared framework every product stands on: accounts, auth, envelopes, health, docs, real-time."""
