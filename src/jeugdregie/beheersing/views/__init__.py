"""Pages of the control system: norms (R-K2) and provider scorecards (R-K3). Thin: the figures
come from ``services.scorekaart`` and ``services.normen``."""
