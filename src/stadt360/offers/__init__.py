"""Offer kinds and their writes: the registry every kind joins, and the write services.

Each offer kind (jobs, flats, Kitas, schools, and every later kind that is listed, searched
and published) declares itself in its own app's ``offer_kind.py`` (autodiscovered when the
apps are ready): model, selector, FilterSet, schemas, portal form, refresh task, labels.
Portal, public pages, the read and write API loop over :data:`registry.registry`.
``services`` holds the writes and their rules (the publish rule included).
``schemas`` and ``forms`` hold what every kind's API shapes and portal form share.
May import core and providers; never a presentation app or a kind's app.
"""
