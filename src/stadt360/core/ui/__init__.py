"""Presentation pieces shared by every page-serving app (public, portal, backoffice, accounts).

``forms``: the KERN form kit and the filter-form helper; ``maps``: the Leaflet map
settings; ``lists``: paging of a browse list. Their templates live under
``core/templates/core/`` (``forms/``, ``maps/``, ``lists/``, ``messages.html``).
"""
