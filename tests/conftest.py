"""Hypothesis profiles: a fast default for development, a thorough one for CI.

Choose with HYPOTHESIS_PROFILE=ci (``.ci/run`` does).
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=30, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
