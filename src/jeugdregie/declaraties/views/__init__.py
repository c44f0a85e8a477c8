"""Pages of the declarations (issue 4): list and worklist, detail with lines and exports, upload
with the template, and the R-B5 budget overview. Thin adapters over services and querysets."""
