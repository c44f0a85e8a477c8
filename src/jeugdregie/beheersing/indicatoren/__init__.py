"""The indicator registry (R-K1): every indicator of SPEC §11.3 defined once, in one module per
pillar; ``register.REGISTER`` maps code -> Indicator."""
