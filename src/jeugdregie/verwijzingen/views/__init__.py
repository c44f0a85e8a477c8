"""Pages of the referral. Thin: scoping and audit from PaginaMixin, rules from services."""
