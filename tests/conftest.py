"""Shared fixtures, and the Hypothesis profiles: a fast default for development, a thorough
one for CI.

Choose the profile with HYPOTHESIS_PROFILE=ci (``.ci/run`` does).
"""

import os

import pytest
from hypothesis import HealthCheck, settings

import costmodel
from costmodel.presets import Preset

# no deadlines and no too-slow check: the tests share the cores (a worker each), and a
# property's speed is a benchmark's question, not a test's
settings.register_profile(
    "default", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed() -> Preset:
    """The seed note's values (``presets/seed-note.toml``): a read-only mapping, shared."""
    return costmodel.presets.load("seed-note")
