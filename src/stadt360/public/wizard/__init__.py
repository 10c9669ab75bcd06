"""The life-situation wizard "Neu in Gera": steps, bundle results, compare and map.

Presentation only: it turns query strings into a ``BundleQuery``, calls
``bundles.services.search_bundles`` and ``situations.selectors.plan_for``, and
renders. It imports domain apps, never the other way round.
"""
