"""SafetyZone: a Smart Safety Zone platform for Thai provinces, municipalities and police."""

__version__ = "0.1.0"
