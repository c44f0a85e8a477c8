"""REST API of verantwoording (thin adapters over the services, scoped like the pages)."""
