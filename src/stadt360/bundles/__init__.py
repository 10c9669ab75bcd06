"""Bundles: the 360° engine (engine/, pure) and its Django side. May import every domain app."""
