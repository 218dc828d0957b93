"""The OpenAPI document types the API tightly enough for strict TypeScript: types that
openapi-typescript generates from it, and an example build that pages through reviews and
walks their body blocks without a cast or a non-null assertion, compile with
``tsc --strict`` (frontend/typescript/)."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

PROJECT = settings.BASE_DIR / "frontend" / "typescript"


def npm(*arguments):
    return subprocess.run(
        [shutil.which("npm"), *arguments], cwd=PROJECT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def node_packages():
    if shutil.which("npm") is None:
        reason = "npm is not installed: it needs Node.js"
        if os.environ.get("CI"):
            pytest.fail(f"CI checks the TypeScript types, but {reason}")
        pytest.skip(reason)
    if not (PROJECT / "node_modules" / ".bin" / "tsc").exists():
        installed = npm("ci", "--no-audit", "--no-fund")
        assert installed.returncode == 0, installed.stderr


def test_the_example_build_compiles_against_the_generated_types(node_packages, db, tmp_path):
    schema = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(schema))

    generated = npm("exec", "--", "openapi-typescript", str(schema), "--output", "api.d.ts")
    assert generated.returncode == 0, generated.stderr
    compiled = npm("exec", "--", "tsc", "--project", "tsconfig.json")

    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
