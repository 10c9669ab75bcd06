"""The JSON API under /api/v1/ (presentation only)."""
