"""The editorial pages on Wagtail: the innovation centre's homepage, its news with feeds,
and the legal pages (docs/adr/0012).

Staff edit them at /cms/. May import core and the domain apps it shows (events); never
presentation (``tests/test_layering.py``). The page types render ``public/base.html`` so they
look like the rest of the site; the legal pages are shown by ``public.views`` (which keep
their URL names and add what is computed: storage periods, the barrier form).
"""
