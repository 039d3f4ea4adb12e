"""``auditor new-plugin NAME``: write a plugin package that installs, registers and tests.

The package it writes is the shortest path from nothing to a published
plugin: ``setup.cfg`` with the ``auditor`` entry point, ``pyproject.toml``,
the package with one example rule (``from auditor import hookimpl``), a test
that uses :mod:`auditor.testing` and passes right after ``pip install -e``, and
a README.  The file templates are ``templates/plugin-*.tmpl`` beside this
module (``{{name}}`` placeholders, nothing else is interpreted).
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import click

#: rule ID prefixes of the built-in catalogue; a plugin picks its own
BUILTIN_PREFIXES = ("BUD", "DOC", "IND", "PARSE", "PLAN", "VAL")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^[A-Z]{2,8}$")

#: template file → path in the new package (``{package}`` is filled in)
FILES: Tuple[Tuple[str, str], ...] = (
    ("plugin-setup.cfg.tmpl", "setup.cfg"),
    ("plugin-pyproject.toml.tmpl", "pyproject.toml"),
    ("plugin-README.md.tmpl", "README.md"),
    ("plugin-init.py.tmpl", "{package}/__init__.py"),
    ("plugin-rules.py.tmpl", "{package}/rules.py"),
    ("plugin-test_rules.py.tmpl", "tests/test_{package}.py"),
)


def names_for(name: str, prefix: Optional[str] = None) -> Dict[str, str]:
    """``my-province`` → distribution ``auditor-my-province``, package
    ``auditor_my_province``, entry point ``my-province``, rule prefix ``MP``."""
    from auditor import __version__

    entry = name[len("auditor-"):] if name.startswith("auditor-") else name
    dist = f"auditor-{entry}"
    words = entry.split("-")
    derived = "".join(w[0] for w in words).upper() if len(words) > 1 else entry[:3].upper()
    derived = re.sub(r"[^A-Z]", "", derived) or "X"
    if len(derived) < 2:
        derived = (derived + "X")[:2]
    while clashes(derived):
        derived = ("Q" + derived)[:8]
    return {
        "dist": dist,
        "package": dist.replace("-", "_"),
        "entry": entry,
        "prefix": prefix or derived,
        "auditor_version": __version__,
    }


def clashes(prefix: str) -> bool:
    """A prefix that starts with, or is the start of, a built-in one (VALX, PLANS, VA)."""
    return any(prefix.startswith(b) or b.startswith(prefix) for b in BUILTIN_PREFIXES)


def render(template: str, values: Dict[str, str]) -> str:
    text = (resources.files("auditor.plugins") / "templates" / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def write_plugin(name: str, directory: Path, prefix: Optional[str] = None, force: bool = False) -> Tuple[Path, List[Path]]:
    """Write the package into ``directory/<distribution name>``; return its folder and files.

    Raises :class:`click.UsageError` (exit status 2) for a bad name or prefix
    and for a folder that already holds files (unless ``force``).
    """
    if not _NAME.match(name):
        raise click.UsageError(f"plugin name {name!r}: use lower-case letters, digits and hyphens (my-province)")
    values = names_for(name, prefix)
    if not _PREFIX.match(values["prefix"]):
        raise click.UsageError(f"--prefix {values['prefix']!r}: use 2 to 8 capital letters (MP, HEB)")
    if clashes(values["prefix"]):
        raise click.UsageError(f"--prefix {values['prefix']!r} overlaps a built-in prefix ({', '.join(BUILTIN_PREFIXES)}): "
                               "--select/--ignore by prefix would catch both; pick one of your own")
    root = Path(directory) / values["dist"]
    if root.exists() and any(root.iterdir()) and not force:
        raise click.UsageError(f"{root} exists and is not empty (use --force to write into it)")
    written: List[Path] = []
    for template, target in FILES:
        path = root / target.format(package=values["package"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(template, values), encoding="utf-8")
        written.append(path)
    return root, written


@click.command("new-plugin")
@click.argument("name")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder in which the package folder (auditor-NAME) is created.")
@click.option("--prefix", default=None, help="Rule ID prefix (default: from NAME, e.g. my-province → MP).")
@click.option("--force", is_flag=True, help="Write into an existing, non-empty package folder.")
def new_plugin(name: str, directory: str, prefix: Optional[str], force: bool) -> None:
    """Create a plugin package NAME: entry point, one example rule, a test, a README."""
    root, written = write_plugin(name, Path(directory), prefix.upper() if prefix else None, force)
    values = names_for(name, prefix.upper() if prefix else None)
    for path in written:
        click.echo(f"created {path}")
    click.echo(
        "\nnext / 下一步:\n"
        f"  pip install -e '{root}[test]'\n"
        f"  pytest {root / 'tests'}\n"
        f"  auditor rules --plugin {values['entry']}\n"
        f"  auditor explain {values['prefix']}001"
    )
