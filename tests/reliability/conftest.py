"""Fixtures of the reliability tests: real school packages, built once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cxdesk.sample.prefecture import SchoolPlan
from cxdesk.sample.prefecture_build import BuiltSchool
from tests.reliability.packages import build_packages


@dataclass(frozen=True)
class SamplePackages:
    folder: Path
    plans: list[SchoolPlan]
    built: list[BuiltSchool]
    #: The sample bureaus whose keys the packages are encrypted to.
    bureaus: Path

    @property
    def files(self) -> list[Path]:
        return [b.package for b in self.built]


@pytest.fixture(scope="session")
def sample_packages(
    tmp_path_factory: pytest.TempPathFactory, sample_bureaus: Path
) -> SamplePackages:
    """Six sample schools (different counties and sizes) exported as signed packages."""
    out = tmp_path_factory.mktemp("sample-packages")
    plans, built = build_packages(out, 6, sample_bureaus)
    return SamplePackages(out / "packages", plans, built, sample_bureaus)
