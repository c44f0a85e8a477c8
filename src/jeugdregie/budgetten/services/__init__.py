"""Write-side of the budget ledger (R-B5, R-B7): the only place a ledger changes, besides the
declaration intake's approved lines (declaraties/services/intake.py, on the locked rows)."""
