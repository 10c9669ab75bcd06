"""Back office for city staff (presentation only): for now the list of barrier reports.

Access is Django's ``is_staff`` until the roles issue replaces it with ``rules``
predicates. May import ``public`` (the barrier-report model) and ``core``.
"""
