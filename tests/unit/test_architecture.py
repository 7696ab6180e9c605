"""The shape of the house (issue 12): no import cycle anywhere in fzlog/, the core imports no
front-end library, and only fzlog/store/ touches the disk (with a short, named allowlist)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "fzlog"

#: modules outside fzlog/store/ that may touch the disk, and why
DISK_ALLOWED = {
    "fzlog/config.py": "reads fzlog.toml",
    "fzlog/report/notes.py": "reads and writes notes/<year>.toml",
    "fzlog/targets/loader.py": "reads a --targets file",
    "fzlog/web/views.py": "upload staging",
    "fzlog/web/app.py": "upload staging",
    "fzlog/kinds.py": "reads the package's data/kinds.toml",
    "fzlog/report/settings.py": "reads the package's data/report.toml",
    "fzlog/cli/help_en.py": "reads the package's data/help_en.toml",
    "fzlog/exchange/tabular.py": "reads the file being imported",
    "fzlog/cli/workflow.py": "edit: the record text for the editor",
    "fzlog/report/docx.py": "copies table XML between parts of the Word file being built",
}
#: `formatter.write_text` is click's help formatter, not a file
DISK_CALLS = {"write_text", "write_bytes", "read_text", "read_bytes", "unlink", "mkdir", "rmdir", "touch"}
OS_CALLS = {"replace", "rename", "remove", "unlink", "open", "mkdir", "makedirs", "rmdir", "link", "symlink"}
SHUTIL_CALLS = {"rmtree", "copy", "copy2", "copyfile", "copyfileobj", "move"}


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def test_no_import_cycle():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    # a package's __init__ that only hands names on is no room: drop edges into bare packages
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    cycles = [
        c for c in cycles if not any(m == "fzlog" or m.count(".") == 1 and known[m].name == "__init__.py" for m in c)
    ]
    assert cycles == [], cycles


def test_core_imports_no_front_end_library():
    for name, path in modules().items():
        if name.startswith(("fzlog.cli", "fzlog.web")):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.split(".")[0] in ("click", "rich", "flask") for n in names), (name, names)


def test_only_the_store_touches_the_disk():
    offenders = []
    for path in modules().values():
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel.startswith("fzlog/store/") or rel in DISK_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and f.id == "open":
                offenders.append((rel, node.lineno, "open"))
            elif isinstance(f, ast.Attribute):
                owner = f.value.id if isinstance(f.value, ast.Name) else ""
                if f.attr in DISK_CALLS and owner not in ("os", "shutil", "fsio", "formatter"):
                    offenders.append((rel, node.lineno, f.attr))
                elif owner == "os" and f.attr in OS_CALLS or owner == "shutil" and f.attr in SHUTIL_CALLS:
                    offenders.append((rel, node.lineno, f"{owner}.{f.attr}"))
    assert offenders == []
