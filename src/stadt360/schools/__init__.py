"""Schools: schools with type, grades and all-day care. May import core, providers, offers."""
