"""Shared test builders: helpers and constants that more than one test module uses (issue 16 §6).

One module per app or concept; a test module never imports another test module
(tests/test_testopbouw.py checks that)."""
