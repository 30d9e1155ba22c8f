"""Each score on small cases computed by hand."""

from __future__ import annotations

import pytest

from hamkari.partners import scores


def test_rca_is_the_share_in_the_region_over_the_share_in_the_reference() -> None:
    # region: steel 60 of 100 (0.6); reference: steel 200 of 1000 (0.2) → RCA 3.0
    # region: fruit 40 of 100 (0.4); reference: fruit 800 of 1000 (0.8) → RCA 0.5
    result = scores.rca({"72": 60, "08": 40}, {"72": 200, "08": 800})
    assert result == pytest.approx({"72": 3.0, "08": 0.5})


def test_complementarity_is_100_when_exports_match_imports_and_0_when_disjoint() -> None:
    assert scores.complementarity({"72": 50, "08": 50}, {"72": 5, "08": 5}) == pytest.approx(100.0)
    assert scores.complementarity({"72": 10}, {"08": 10}) == pytest.approx(0.0)
    # imports 70/30, exports 40/60: Σ|m−x| = 0.3 + 0.3 = 0.6 → 100·(1 − 0.3) = 70
    assert scores.complementarity({"a": 70, "b": 30}, {"a": 40, "b": 60}) == pytest.approx(70.0)
    assert scores.complementarity({}, {"a": 1}) == 0.0


def test_growth_against_the_same_period_a_year_before() -> None:
    assert scores.growth(150, 120) == pytest.approx(0.25)
    assert scores.growth(90, 120) == pytest.approx(-0.25)
    assert scores.growth(5, 0) is None


def test_cosine_similarity_of_export_profiles() -> None:
    assert scores.cosine({"a": 1, "b": 1}, {"a": 2, "b": 2}) == pytest.approx(1.0)
    assert scores.cosine({"a": 1}, {"b": 1}) == pytest.approx(0.0)
