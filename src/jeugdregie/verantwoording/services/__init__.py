"""Services of verantwoording: the only place its state changes (see README.md)."""
