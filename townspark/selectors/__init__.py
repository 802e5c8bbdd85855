"""TownSpark's reads: querysets annotated and prefetched so that list query counts stay flat."""
