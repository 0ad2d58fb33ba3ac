"""Subcommand placeholder: replaced by the real implementation in this package."""

from __future__ import annotations

import argparse

from rag.config import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    return None


def run(args: argparse.Namespace, settings: Settings) -> int:
    raise SystemExit("not built yet")
