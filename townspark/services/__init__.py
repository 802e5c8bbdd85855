"""TownSpark's writes: typed, keyword-only `<entity>_<action>` functions, atomic where they write."""
