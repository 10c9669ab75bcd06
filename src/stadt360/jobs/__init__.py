"""Jobs: job offers and the KldB 2010 occupation classification.

May import core, providers, offers.
"""
