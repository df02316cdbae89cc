"""siksdesk: the village operator's DTKS registry."""

__version__ = "0.1.0"
