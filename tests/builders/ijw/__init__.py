"""Builders for iJw messages, one module per message family (issue 16 §6)."""
