"""The package's structure, measured, so a refactor can give before and after figures.

    python bench/structure.py [--root PATH] [--verbose]

Every figure is read from PATH, a checkout (default: this script's), so an old one can be measured.
  - Files on one post's path: a caption and a photo (skimage's astronaut, JPEG) analysed and
    recommended for through the service (Moodify.analyse, recommend_for_analysis) on a fresh SQLite
    catalogue, in a child process with PATH on sys.path. A file counts when a function in it ran
    (sys.settrace), not when it was only imported. Cold: the process's first post (models loaded,
    index built); warm: a second post, as on a running server.
  - Longest module; longest function or method (ast: end_lineno - lineno + 1).
  - Import cycles: strongly connected components (> 1 module) of the graph of every import, those
    inside functions or under TYPE_CHECKING included; `from moodify.x import y` is an edge to
    moodify.x.y if that is a module, else to moodify.x. A cycle edge is function-local when every
    import making it sits inside a function.
  - Places a new kind of part (say "gif") touches, a judgement: files that name at least 3 of the 4
    kinds - image ("image", "images"), audio, video, text ("text", "caption") - within WINDOW lines,
    as exact string literals or identifiers (`post.images`, `images:`, `images=`): the kinds written
    out as a closed set (fusion weights, Post's fields, upload fields, the OpenAPI form, a union type,
    a kind -> label table, CLI options). The identifier `text` alone is not counted (sqlalchemy's
    text()). It misses a kind handled alone (`if kind == "video"`, analysers/image.py) and would count
    a file that only mentions every kind: an estimate, not a list. The loose figure (3 kinds anywhere
    in the file) is given too. moodify/ and frontend/src/**/*.ts(x) apart; tests left out.
  - Duplicated blocks: pylint's duplicate-code (6 similar lines; comments, docstrings, imports and
    signatures ignored) if pylint is importable, else a hash of every window of 6 normalised lines
    (blank and comment lines dropped), a run of overlapping repeated windows counting once.
  - Package size: modules and lines (all of them) under moodify/.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
WINDOW = 6
KINDS = {"image": ("image", "images"), "audio": ("audio",), "video": ("video",), "text": ("text", "caption")}

POST_CHILD = r"""
import json, os, sys, threading
from pathlib import Path
root, scratch = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
os.environ["MOODIFY_INSTANCE"] = str(scratch)
# Only the checkout's own modules: an editable install's finder would supply modules it lacks.
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
import moodify
assert Path(moodify.__file__).resolve().is_relative_to(root), moodify.__file__
from PIL import Image
from skimage import data
from moodify.catalog import build
from moodify.media import MediaFile
from moodify.recommend import Options
from moodify.service import Moodify
from moodify.store import Store
try:
    from moodify.post import Post
except ImportError:
    from moodify.pipeline import Post

package, touched, figures = str(root / "moodify") + os.sep, set(), {}
def tracer(frame, event, arg):      # no local tracer is returned: one call per frame, no line events
    code = frame.f_code
    if code.co_flags & 1 and code.co_filename.startswith(package):    # CO_OPTIMIZED: function code
        touched.add(code.co_filename[len(package):])

store = Store(f"sqlite:///{scratch / 'moodify.db'}")
store.upgrade()
build.build(store)
Image.fromarray(data.astronaut()).save(scratch / "photo.jpg", "JPEG")
service = Moodify(store)                # its instance: MOODIFY_INSTANCE, the scratch folder
for phase in ("cold", "warm"):
    post = Post(caption="오늘 바다 너무 좋았다, 다들 보고 싶어", images=(MediaFile(scratch / "photo.jpg", "me.jpg"),))
    touched.clear()
    threading.settrace(tracer); sys.settrace(tracer)
    if hasattr(service, "analyse"):     # the facade, before the domain modules
        analysis = service.analyse(post, user="bench")
        service.recommend_for_analysis(analysis["id"], Options(), user="bench")
    else:
        from moodify.domain import posts, recommendations
        analysis = posts.analyse(service, service.viewer("bench"), post)
        recommendations.for_analysis(service, service.viewer("bench"), analysis["id"], Options())
    sys.settrace(None); threading.settrace(None)
    figures[phase] = sorted(touched)
store.dispose()
print(json.dumps(figures))
"""


def post_path(root: Path) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="structure-") as scratch:
        done = subprocess.run([sys.executable, "-c", POST_CHILD, str(root), scratch], capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(root)}, cwd=root)
    if done.returncode:
        raise SystemExit(f"the post's child process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under <root>/moodify."""
    found = {}
    for path in sorted((root / "moodify").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def functions(name: str, tree: ast.Module) -> list[tuple[int, str]]:
    """(lines, module:qualified.name) of every function and method, nested ones included."""
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualified = f"{prefix}.{child.name}" if prefix else child.name
                if not isinstance(child, ast.ClassDef):
                    found.append((child.end_lineno - child.lineno + 1, f"{name}:{qualified}"))
                visit(child, qualified)
            else:
                visit(child, prefix)
    visit(tree, "")
    return found


def import_edges(name: str, path: Path, tree: ast.Module, known: dict) -> dict[str, bool]:
    """Imported package module -> True when every import of it sits inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    edges: dict[str, bool] = {}

    def add(target: str, local: bool) -> None:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            edges[target] = edges.get(target, True) and local

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    add(alias.name, local)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[:len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base, local)
            visit(child, local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))
    visit(tree, False)
    return edges


def cycles(graph: dict[str, dict[str, bool]]) -> list[list[str]]:
    """Strongly connected components of more than one module: the modules each reaches and is reached by."""
    reach = {}
    for start in graph:
        seen, todo = set(), [start]
        while todo:
            for w in graph.get(todo.pop(), {}):
                if w not in seen:
                    seen.add(w)
                    todo.append(w)
        reach[start] = seen
    components = {tuple(sorted(w for w in reach[v] if v in reach.get(w, ()))) for v in graph if v in reach[v]}
    return sorted(list(c) for c in components if len(c) > 1)


def python_tokens(tree: ast.Module) -> dict[int, list[tuple[str, str]]]:
    """Line -> the string literals and identifiers (names, attributes, arguments, imports) on it."""
    found = defaultdict(list)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found[node.lineno].append(("string", node.value))
        found[getattr(node, "lineno", 0)] += [("name", getattr(node, field).split(".")[-1]) for field in
                                              ("id", "attr", "arg", "name", "asname")
                                              if isinstance(getattr(node, field, None), str)]
    return found


def script_tokens(text: str) -> dict[int, list[tuple[str, str]]]:
    """The same for TypeScript, by regular expressions: quoted words, then identifiers."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    found = {}
    for n, line in enumerate(text.splitlines(), 1):
        code = re.sub(r"//.*$", "", line)
        found[n] = [("string", s) for s in re.findall(r"[\"'`]([A-Za-z]+)[\"'`]", code)]
        found[n] += [("name", w) for w in re.findall(r"[A-Za-z_]\w*", re.sub(r"([\"'`]).*?\1", "", code))]
    return found


def closed_set(tokens: dict[int, list[tuple[str, str]]]) -> tuple[int | None, bool]:
    """(first line of a WINDOW-line stretch naming >= 3 kinds, or None; whether the file names >= 3)."""
    per_line = defaultdict(set)
    for n, pairs in tokens.items():
        for kind, words in KINDS.items():
            if any(text in words and (token_type == "string" or text != "text") for token_type, text in pairs):
                per_line[n].add(kind)
    anywhere = len(set().union(*per_line.values())) >= 3
    for start in sorted(per_line):
        if len(set().union(*(per_line.get(n, set()) for n in range(start, start + WINDOW)))) >= 3:
            return start, anywhere
    return None, anywhere


def duplicates(root: Path, files: dict[str, Path]) -> tuple[str, int, list[str]]:
    if importlib.util.find_spec("pylint") is None:
        return window_duplicates(files)
    done = subprocess.run([sys.executable, "-m", "pylint", "--disable=all", "--enable=duplicate-code",
                           f"--min-similarity-lines={WINDOW}", "--score=n", "moodify"],
                          capture_output=True, text=True, cwd=root)
    reports = re.findall(r"R0801: Similar lines in \d+ files\n((?:==.*\n)+)", done.stdout)
    return "pylint duplicate-code", len(reports), [" ~ ".join(r.split()) for r in reports]


def window_duplicates(files: dict[str, Path]) -> tuple[str, int, list[str]]:
    seen: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
    for name, path in files.items():
        lines = [(n, line.strip()) for n, line in enumerate(path.read_text().splitlines(), 1)]
        lines = [(n, s) for n, s in lines if s and not s.startswith("#")]
        for i in range(len(lines) - WINDOW + 1):
            seen[tuple(s for _, s in lines[i:i + WINDOW])].append((name, lines[i][0]))
    repeated = {spots[0]: spots for spots in seen.values() if len(spots) > 1}
    starts = sorted(repeated)       # a run of overlapping repeated windows is one block
    blocks = [p for i, p in enumerate(starts) if i == 0 or starts[i - 1][0] != p[0] or p[1] - starts[i - 1][1] > WINDOW]
    shown = [" ~ ".join(f"{name}:{line}" for name, line in repeated[block]) for block in blocks]
    return f"{WINDOW}-line window hash", len(blocks), shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="a checkout (default: this one)")
    parser.add_argument("--verbose", action="store_true", help="list what is behind each figure")
    args = parser.parse_args()
    root = args.root.resolve()
    files = modules(root)
    texts = {name: path.read_text() for name, path in files.items()}
    trees = {name: ast.parse(text, str(files[name])) for name, text in texts.items()}
    lines = {name: len(text.splitlines()) for name, text in texts.items()}
    biggest = sorted(lines, key=lines.get, reverse=True)
    longest = sorted((f for name, tree in trees.items() for f in functions(name, tree)), reverse=True)
    graph = {name: import_edges(name, files[name], tree, files) for name, tree in trees.items()}
    components = cycles(graph)
    cycle_edges = [(a, b, local) for c in components for a in c for b, local in graph[a].items() if b in c]
    kinds = {str(files[name].relative_to(root)): closed_set(python_tokens(tree)) for name, tree in trees.items()}
    front = {str(p.relative_to(root)): closed_set(script_tokens(p.read_text()))
             for p in sorted((root / "frontend" / "src").rglob("*.ts*")) if ".test." not in p.name}
    method, blocks, duplicated = duplicates(root, files)
    touched = post_path(root)

    rows = [("files on one post's path (caption + photo), cold", len(touched["cold"])),
            ("  the same, warm (second post in the process)", len(touched["warm"])),
            ("longest module (lines)", f"{lines[biggest[0]]} {biggest[0]}"),
            ("longest function (lines)", " ".join(map(str, longest[0]))),
            ("import cycles (components > 1 module)", len(components)),
            ("  modules in them", sum(map(len, components))),
            ("  import edges inside them", len(cycle_edges)),
            ("  ... of which only function-local", sum(local for *_, local in cycle_edges))]
    for where, marked in (("modules", kinds), ("frontend files", front)):
        rows += [(f"{where} naming the kinds as a set ({WINDOW} lines)", sum(bool(at) for at, _ in marked.values())),
                 (f"  {where} naming 3+ kinds anywhere", sum(anywhere for _, anywhere in marked.values()))]
    rows += [(f"duplicated blocks ({method})", blocks), ("modules (.py files under moodify/)", len(files)),
             ("lines (blank and comment lines included)", sum(lines.values()))]
    print(f"\n{'metric':<52} | value\n{'-' * 53}+{'-' * 40}")
    print("\n".join(f"{metric:<52} | {value}" for metric, value in rows))
    if not args.verbose:
        return
    print(f"\nroot: {root}\n\nlongest modules:\n" + "\n".join(f"  {lines[n]:>5} {n}" for n in biggest[:8]))
    print("\nlongest functions:\n" + "\n".join(f"  {n:>5} {f}" for n, f in longest[:8]))
    print("\nfiles on the post's path:\n" + "\n".join(
        f"  moodify/{f}" + ("" if f in touched["warm"] else "  (cold only)") for f in touched["cold"]))
    print("\nimport cycles (-> edge, ~> function-local imports only):")
    for component in components:
        print(f"  [{len(component)}] " + ", ".join(component))
        print("\n".join(f"      {a} {'~>' if local else '->'} {b}" for a, b, local in cycle_edges if a in component))
    print("\nfiles naming three kinds or more (as a set: its first line):")
    print("\n".join(f"  {shown}" + (f":{at}" if at else "  (anywhere only)")
                    for shown, (at, anywhere) in {**kinds, **front}.items() if anywhere))
    print(f"\nduplicated blocks ({method}):\n" + "\n".join(f"  {d}" for d in duplicated))


if __name__ == "__main__":
    main()
