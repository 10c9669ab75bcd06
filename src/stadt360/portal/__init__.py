"""Provider portal (presentation): the clerk's dashboard, offer forms, members, audit log.

Views translate HTTP to services: offer writes go through each offer app's services
(``offers.services``), memberships through ``providers.membership``. Every queryset is
scoped to the signed-in person's organisations (``portal.access``). May import the
domain apps, ``providers``, ``accounts`` and ``core``.
"""
