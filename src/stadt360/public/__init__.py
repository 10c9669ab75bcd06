"""The public site "Gera 360°" (presentation): start page, search, legal pages, barrier feedback.

It may import domain apps (jobs, housing, childcare, schools, providers) and core;
no domain app imports it. The only model here is the barrier-feedback report, which
belongs to the site itself rather than to any domain.
"""
