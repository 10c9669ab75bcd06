"""Mobility: travel times between places (geometric now, GTFS routing later). May import core."""
