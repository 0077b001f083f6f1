"""The package's version, in a module of its own so that any stage can name it (the geocoder's
user agent) without importing the package root, whose API reaches every stage."""

__version__ = "0.1.0"
