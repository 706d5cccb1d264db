"""Reproducible briefing on forced displacement, refugee hosting and international migrants."""

__version__ = "0.1.0"
