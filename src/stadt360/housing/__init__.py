"""Housing: flats to rent. May import core, providers, offers."""
