#!/usr/bin/env python3
"""Fails when a phone shell file shows a user-facing literal instead of a text from the app
model (issue 13: every text comes from the catalogs in app/locales, through ViewModel).

usage: shell_literals.py <android|ios>   (run from CI steps 70 and 71)

A *literal* is a string with a letter in it handed to a UI call or property: Kotlin
`Text("…")`, `setTitle("…")`, `hint = "…"`…; Swift `Text("…")`, `Button("…")`,
`.navigationTitle("…")`, `content.title = "…"`… (the patterns below; a heuristic: a
literal first stored in a variable is not seen).

- A file that renders the app model (mentions `ViewModel` or reads `.screen`) must show
  no literal at all.
- Any other file is a legacy screen: it may keep at most the count listed for it in
  tests/lib/shell_literals.known, which may only go down (lower it when you remove
  literals; a file not listed may show none).
Prints one line per offending literal and a closing "<platform> shell literals: N …".
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KNOWN = Path(__file__).with_name("shell_literals.known")
TREES = {"android": ("android/app/src/main", ".kt"), "ios": ("ios/Sources", ".swift")}

# A string literal containing a letter (Latin, kana, kanji): not "", " ", "%d", ":".
LIT = r'"(?=[^"\n]*[A-Za-z\u3040-\u30ff\u4e00-\u9fff])[^"\n]*"'
CALLS = {
    ".kt": r"\b(?:Text|Button|setText|setTitle|setSubtitle|setMessage|setPositiveButton|"
    r"setNegativeButton|setNeutralButton|setContentTitle|setContentText|setTicker|"
    r"setDescription|setNegativeButtonText|setLabel|setHint|makeText|"
    # the shell's own view helpers (`root.text("…")`, `root.button("…")`, `passwordField("…")`)
    r"text|button|passwordField|textField)\s*\(\s*(?:[\w.]+\s*,\s*)?"
    + LIT,
    ".swift": r"\b(?:Text|Button|Label|TextField|SecureField|Toggle|Section|Picker|Link|"
    r"ProgressView|navigationTitle|alert|confirmationDialog|accessibilityLabel|"
    r"accessibilityHint|help)\s*\(\s*" + LIT,
}
PROPS = {
    ".kt": r"\b(?:text|hint|title|subtitle|contentDescription|message|label)\s*=\s*" + LIT,
    ".swift": r"\b(?:title|subtitle|body|text|placeholder|accessibilityLabel|localizedReason)"
    r"\s*[:=]\s*" + LIT,
}
ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\u\{[0-9A-Fa-f]+\}")
LETTER = re.compile(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]")
RENDERS_MODEL = re.compile(r"\bViewModel\b|\.screen\b")


def literals(path: Path, ext: str):
    pattern = re.compile(f"(?:{CALLS[ext]})|(?:{PROPS[ext]})")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(("//", "*", "/*")):
            continue
        for m in pattern.finditer(line):
            # A symbol written as escapes ("\uD83D\uDDBC", an emoji) is no language text.
            if not LETTER.search(ESCAPE.sub("", m.group(0).split('"', 1)[1])):
                continue
            yield n, m.group(0)


def known() -> dict:
    counts = {}
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            count, path = line.split(maxsplit=1)
            counts[path] = int(count)
    return counts


def main() -> int:
    platform = sys.argv[1] if len(sys.argv) > 1 else ""
    if platform not in TREES:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    tree, ext = TREES[platform]
    allowed = known()
    failures, total, legacy_files, lower = [], 0, 0, []
    for path in sorted((ROOT / tree).rglob(f"*{ext}")):
        rel = path.relative_to(ROOT).as_posix()
        found = list(literals(path, ext))
        model = bool(RENDERS_MODEL.search(path.read_text(encoding="utf-8")))
        limit = 0 if model else allowed.get(rel, 0)
        if len(found) > limit:
            why = "renders the app model" if model else f"known count {limit}"
            failures += [f"{rel}:{n}: {text}  ({why})" for n, text in found]
        elif len(found) < limit:
            lower.append(f"{rel}: {len(found)} (listed {limit})")
        if found and not model:
            total += len(found)
            legacy_files += 1
    for line in failures:
        print(f"literal: {line}")
    for line in lower:
        print(f"lower the known count in tests/lib/shell_literals.known: {line}")
    listed = sum(c for p, c in allowed.items() if p.startswith(tree))
    print(f"{platform} shell literals: {total} in {legacy_files} legacy files "
          f"(known: {listed}); {len(failures)} not allowed")
    return 1 if failures or lower else 0


if __name__ == "__main__":
    sys.exit(main())
