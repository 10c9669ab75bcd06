"""Company profiles: industry (WZ 2008), size, sites, products and services, verification.

Owns ``Company`` (one per provider organisation that is a company), ``Site``, ``Product``
and ``ProductImage``; the directory and "similar"/"supplier" selectors; the public
directory pages (``/unternehmen/``) and the portal pages for the profile.
May import ``core``, ``providers`` and ``jobs`` (open jobs of a company).
"""
