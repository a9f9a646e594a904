"""Koers: set up, steer and account for the programmes of a Dutch municipality."""

__version__ = "0.1.0"
