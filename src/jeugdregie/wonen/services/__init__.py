"""Write-side of Wonen/Verblijf: the zorgtoewijzing and its intensity (``toewijzen``), matching
and the verblijfsbed (``plaatsing``)."""
