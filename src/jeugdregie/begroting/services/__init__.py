"""Write-side (``vaststellen``) and the read-side computations of budget control (R-V3/R-V4)."""
