"""Pages of the allocation route. Thin: scoping and audit from PaginaMixin, rules from services."""
