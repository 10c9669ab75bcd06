"""Shapes only the API's routers use (search, situations, write responses).

Each offer kind's read and write shapes live in its own app (``stadt360.jobs.schemas`` …),
on the shared bases in ``stadt360.offers.schemas``; the registry hands them to the routers.
"""
