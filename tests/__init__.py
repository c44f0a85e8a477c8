import pytest

# The shared builders (tests/builders/, issue 16 §6) assert too: rewrite their asserts like a test
# module's, so a failing check inside a builder still shows the compared values.
pytest.register_assert_rewrite("tests.builders")
