from tests.portal.conftest import _fast_settings, _fresh_cache, client_for, world

__all__ = ["_fast_settings", "_fresh_cache", "client_for", "world"]
