"""Life situations as data: needs, steps with deadlines and offices, dependencies.

May import core; never presentation apps.
"""
