"""Providers: organisations that offer jobs, flats, care places, school places and services.

May import core.
"""
