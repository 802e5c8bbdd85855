"""GatherHub's writes: accounts and profiles, events and participation, tasks, votes."""
