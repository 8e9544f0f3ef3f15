#!/usr/bin/env python3
"""Recover the Platform API's Swagger 2.0 definition from the published Python SDK.

Downloads PureCloudPlatformClientV2 (pinned version and sha256) from PyPI with
pip, parses its generated `apis/` and `models/` sources with `ast`, and writes
spec/platform-api.json. With --check it only compares and exits 1 on any
difference.

    python3 spec/recover.py              # download (cached), write the document
    python3 spec/recover.py --check      # fail if the committed document is stale
    python3 spec/recover.py --from purecloudplatformclientv2-269.0.0-py3-none-any.whl
"""

import argparse
import ast
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sdk_parser import SdkSourceError, parse_api_source, parse_model_source  # noqa: E402
from swagger import build_document, operation_id, python_method_name, serialize  # noqa: E402

PACKAGE = "PureCloudPlatformClientV2"
VERSION = "269.0.0"
WHEEL_FILE = f"purecloudplatformclientv2-{VERSION}-py3-none-any.whl"
# sha256 of the wheel as downloaded from PyPI. A changed upload fails the check.
WHEEL_SHA256 = "cbedb3bb1d6b9fed230d9c29b8e0e428f950e74c9f9dd298cc25bcb472275c49"

SPEC_DIR = Path(__file__).resolve().parent
DEFAULT_OUTPUT = SPEC_DIR / "platform-api.json"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "purecloud-spec"

ORIGIN_NOTE = (
    f"Recovered from the generated sources of the {PACKAGE} {VERSION} Python SDK "
    f"(PyPI, MIT licence, wheel sha256 {WHEEL_SHA256}) by spec/recover.py. "
    "Not the official definition: operation ids, tags, formats and responses are reconstructed."
)


class RecoverError(Exception):
    """A failure that ends the run with a message and exit status 2."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_wheel(path: Path) -> None:
    actual = sha256_of(path)
    if actual != WHEEL_SHA256:
        raise RecoverError(
            f"sha256 of {path} is {actual}, expected {WHEEL_SHA256} for {PACKAGE} {VERSION}. "
            "Delete the file if it is a stale cache. If PyPI serves a changed upload, review it before updating WHEEL_SHA256."
        )


def download_wheel(cache_dir: Path) -> Path:
    """Return the pinned wheel from the cache, downloading it with pip when missing."""
    wheel = cache_dir / WHEEL_FILE
    if wheel.exists():
        verify_wheel(wheel)
        return wheel

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        # A requirement with a hash puts pip in hash-checking mode.
        requirements = Path(temp) / "requirements.txt"
        requirements.write_text(f"{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n")
        command = [
            sys.executable, "-m", "pip", "download",
            "--no-deps", "--only-binary", ":all:", "--require-hashes",
            "--disable-pip-version-check", "--quiet",
            "-r", str(requirements), "-d", temp,
        ]
        print(f"downloading {PACKAGE}=={VERSION} with pip", file=sys.stderr)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RecoverError(f"pip download of {PACKAGE}=={VERSION} failed:\n{result.stderr.strip()}")
        downloaded = Path(temp) / WHEEL_FILE
        if not downloaded.exists():
            raise RecoverError(f"pip download finished but {WHEEL_FILE} is not in {temp}")
        verify_wheel(downloaded)
        os.replace(downloaded, wheel)
    return wheel


def iter_wheel_sources(wheel: Path) -> Iterator[Tuple[str, str]]:
    """Yield (path inside the package, source text) for the apis and models of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith(f"{PACKAGE}/") and name.endswith(".py"):
                yield name[len(PACKAGE) + 1:], archive.read(name).decode("utf-8")


def iter_directory_sources(directory: Path) -> Iterator[Tuple[str, str]]:
    """Yield (path inside the package, source text) from an unpacked package directory."""
    package = directory / PACKAGE if (directory / PACKAGE).is_dir() else directory
    if not (package / "apis").is_dir() or not (package / "models").is_dir():
        raise RecoverError(f"{directory} contains neither {PACKAGE}/apis and /models nor apis/ and models/")
    for path in sorted(package.rglob("*.py")):
        yield path.relative_to(package).as_posix(), path.read_text(encoding="utf-8")


def sdk_version_of(api_client_source: str) -> str:
    """Return the version the SDK sends in its `purecloud-sdk` request header."""
    for node in ast.walk(ast.parse(api_client_source)):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Subscript)
            and isinstance(node.targets[0].slice, ast.Constant)
            and node.targets[0].slice.value == "purecloud-sdk"
            and isinstance(node.value, ast.Constant)
        ):
            return node.value.value
    raise RecoverError("api_client.py does not set the purecloud-sdk header, so the SDK version is unknown")


def load_sources(source: Path) -> Tuple[List[Tuple[str, str]], List[Tuple[str, str]], str]:
    """Read the API and model sources and return (apis, models, SDK version)."""
    if source.is_dir():
        files = list(iter_directory_sources(source))
    else:
        verify_wheel(source)
        files = list(iter_wheel_sources(source))

    apis = [(path, text) for path, text in files if path.startswith("apis/") and path.endswith("_api.py")]
    models = [
        (path, text)
        for path, text in files
        if path.startswith("models/") and path.count("/") == 1 and not path.endswith("__init__.py")
    ]
    api_client = next((text for path, text in files if path == "api_client.py"), None)
    if api_client is None:
        raise RecoverError(f"{source} has no {PACKAGE}/api_client.py")
    return apis, models, sdk_version_of(api_client)


def recover(source: Path) -> Tuple[bytes, dict]:
    """Parse the SDK sources and return the serialized document and its counts."""
    apis, model_files, version = load_sources(source)
    if version != VERSION:
        raise RecoverError(
            f"{source} is {PACKAGE} {version}, but this script is pinned to {VERSION}: "
            "pass the pinned wheel, or update VERSION and WHEEL_SHA256 together"
        )

    methods = []
    for path, text in apis:
        methods.extend(parse_api_source(text, path))
    models = [parse_model_source(text, path) for path, text in model_files]

    document = build_document(methods, models, VERSION, ORIGIN_NOTE)

    operations = [op for item in document["paths"].values() for op in item.values()]
    name_mismatches = sorted(
        method.python_name for method in methods if python_method_name(operation_id(method.python_name)) != method.python_name
    )
    counts = {
        "api_methods": len(methods),
        "operations": len(operations),
        "operations_in_several_groups": sum(1 for op in operations if len(op["tags"]) > 1),
        "paths": len(document["paths"]),
        "definitions": len(document["definitions"]),
        "groups": len(document["tags"]),
        "deprecated": sum(1 for op in operations if op.get("deprecated")),
        "preview": sum(1 for op in operations if op.get("x-genesys-preview")),
        "by_method": dict(sorted(Counter(m for item in document["paths"].values() for m in item).items())),
        "name_mismatches": name_mismatches,
    }
    return serialize(document), counts


def print_summary(counts: dict, seconds: float) -> None:
    print(
        f"{counts['operations']} operations on {counts['paths']} paths "
        f"(from {counts['api_methods']} API methods; {counts['operations_in_several_groups']} operations "
        f"appear in more than one API class), {counts['definitions']} definitions, {counts['groups']} API groups"
    )
    print(f"{counts['deprecated']} deprecated, {counts['preview']} preview; by HTTP method: {counts['by_method']}")
    for name in counts["name_mismatches"]:
        print(f"warning: operation id of {name} does not convert back to the same method name", file=sys.stderr)
    print(f"took {seconds:.1f} s")


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--from", dest="source", type=Path,
        help=f"use this local {WHEEL_FILE} (its sha256 is checked) or unpacked package directory instead of downloading",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="document to write or check (default: %(default)s)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help="where the downloaded wheel is kept (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the document differs from a fresh recovery")
    args = parser.parse_args(argv)

    started = time.monotonic()
    try:
        source = args.source if args.source is not None else download_wheel(args.cache_dir)
        if not source.exists():
            raise RecoverError(f"--from {source}: no such file or directory")
        document, counts = recover(source)
    except (RecoverError, SdkSourceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if args.check:
        if not args.output.exists():
            print(f"{args.output} is missing; run python3 spec/recover.py to create it", file=sys.stderr)
            return 1
        if args.output.read_bytes() != document:
            print(f"{args.output} differs from the recovered definition; run python3 spec/recover.py and commit the result", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
    else:
        args.output.write_bytes(document)
        print(f"wrote {args.output} ({len(document) / 1e6:.1f} MB)")
    print_summary(counts, time.monotonic() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
