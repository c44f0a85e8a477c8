"""Write-side of declarations and the budget ledger: the only place their state changes."""
