"""Pages of verantwoording (thin: scope and audit from PaginaMixin, rules from services)."""
