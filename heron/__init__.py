"""heron: turn news into political event data."""

__version__ = "0.1.0"
