#!/usr/bin/env python3
"""Which tests prove which line of SECURITY.md, from the citations in the tests.

    sec_table.py            print the table (markdown) and the lines no test cites
    sec_table.py --write    replace the table in docs/security.md (between its markers)
    sec_table.py --check    exit 1 if a line has no test and is not listed under
                            "## Gaps and accepted deviations" in docs/security.md

A citation is `SEC-P3`, `SEC-V1..7`, `SEC-L1/L2` or `SEC-V1/2` inside test code. Bad-input
rows are cited by a comment that says "bad input" (or `SEC-B`) and names the row
("images/frames" row, `SEC-B push`) or quotes one of its cases ("slow-loris server").

Test code: files under tests/ directories, `*_tests.rs`, Rust code after `#[cfg(test)]`,
Kotlin under src/test*/ or lib-test/, Swift under Tests/, ci.d shell steps, fuzz targets.
A citation belongs to the function it sits in, or to the next one when it is a comment just
above it; in a file's header comment (`//!`) or a shell step, to the whole file.
Paths: SECURITY.md from $INKAN_SHARED or ../shared beside the checkout.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("INKAN_SHARED") or os.path.join(ROOT, "..", "shared")
SECURITY = os.path.join(SHARED, "SECURITY.md")
DOC = os.path.join(ROOT, "docs", "security.md")
BEGIN, END = "<!-- sec-table:begin -->", "<!-- sec-table:end -->"
SKIP_DIRS = {"target", ".git", "build", ".gradle", ".build", "node_modules"}
EXTS = (".rs", ".kt", ".swift", ".sh")

CITE = re.compile(r"SEC-([PVL])(\d+)((?:\.\.\d+|/[PVL]?\d+)*)")
BAD = re.compile(r"bad[- ]input|SEC-B\b", re.I)
MODIFIER = r"(?:pub(?:\([^)]*\))?|override|private|internal|public|protected|suspend|async|static|open|final|@\w+)"
FN = re.compile(r"^\s*(?:" + MODIFIER + r"\s+)*(?:fn|fun|func)\s+`?([A-Za-z_][\w ]*?)`?\s*[<(]")
COMMENT = re.compile(r"^\s*(//|#|\*|/\*)")


def requirements():
    """[(id, text)] for SEC-P/V/L lines, then ("bad:<row>", cases) for the bad-input table."""
    out, section, text = [], None, open(SECURITY, encoding="utf-8").read()
    for line in text.splitlines():
        m = re.match(r"## .*\(SEC-([PVL])\)", line)
        if line.startswith("## "):
            section = m.group(1) if m else ("bad" if "Bad input" in line else None)
            continue
        if section in ("P", "V", "L"):
            m = re.match(r"(\d+)\.\s+(.*)", line)
            if m:
                out.append((f"SEC-{section}{m.group(1)}", m.group(2)))
            elif line.startswith("   ") and out:
                out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())
        elif section == "bad":
            # Split at the first bar only: the push row's cases quote a `|`.
            cells = [c.strip() for c in line.strip().strip("|").split("|", 1)]
            if len(cells) == 2 and cells[0] not in ("area", "---"):
                out.append((f"bad:{cells[0]}", cells[1]))
    return out


def expand(m):
    kind, first, rest = m.group(1), int(m.group(2)), m.group(3)
    ids = {f"SEC-{kind}{first}"}
    for part in re.findall(r"\.\.\d+|/[PVL]?\d+", rest):
        if part.startswith(".."):
            ids |= {f"SEC-{kind}{n}" for n in range(first, int(part[2:]) + 1)}
        else:
            k = part[1] if part[1].isalpha() else kind
            ids.add(f"SEC-{k}{part.lstrip('/PVL')}")
    return ids


def bad_rows(line, rows):
    """Bad-input rows a comment names or quotes a case of."""
    if not BAD.search(line):
        return set()
    low = line.lower()
    found = {r for r in rows if re.search(r"(?<![\w/])" + re.escape(r.lower()) + r"(?![\w/])", low)}
    for quoted in re.findall(r'"([^"]{4,})"', line):
        q = quoted.lower()
        for r, cases in rows.items():
            if any(q in c or c in q for c in cases):
                found.add(r)
    return {f"bad:{r}" for r in found}


def is_test_file(rel):
    parts = rel.split("/")
    if rel.endswith(".sh"):
        return rel.startswith("tests/ci.d/")
    if rel.endswith(".rs"):
        return ("tests" in parts[:-1] or rel.endswith("_tests.rs") or rel.endswith("/tests.rs")
                or rel.startswith("fuzz/fuzz_targets/"))
    if rel.endswith(".kt"):
        return any(p in ("test", "androidTest", "lib-test") for p in parts[:-1])
    if rel.endswith(".swift"):
        return any(p.endswith("Tests") for p in parts[:-1])
    return False


def whole_file(rel):
    return rel.endswith(".sh") or rel.startswith("fuzz/fuzz_targets/")


def owner(lines, i):
    """Name of the function line i belongs to (the next one for a comment just above it)."""
    if COMMENT.match(lines[i]):
        for j in range(i + 1, min(i + 8, len(lines))):
            m = FN.match(lines[j])
            if m:
                return m.group(1)
            s = lines[j].strip()
            if s and not COMMENT.match(lines[j]) and not s.startswith(("#[", "@")):
                break
    for j in range(i, -1, -1):
        m = FN.match(lines[j])
        if m:
            return m.group(1)
    return None


def citations(rows):
    """{requirement id: sorted ["path::test" or "path"]}."""
    found = {}
    for dirpath, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(EXTS):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, ROOT)
            try:
                lines = open(path, encoding="utf-8").read().splitlines()
            except (UnicodeDecodeError, OSError):
                continue
            test_file = is_test_file(rel)
            cfg_test = next((k for k, l in enumerate(lines) if "#[cfg(test)]" in l), None)
            header = "\n".join(l for l in lines if l.startswith("//!"))
            for k, line in enumerate(lines):
                if not (test_file or (cfg_test is not None and k > cfg_test)):
                    continue
                ids = set().union(*(expand(m) for m in CITE.finditer(line)), bad_rows(line, rows))
                if line.startswith("//!"):
                    ids |= bad_rows(header, rows)
                if not ids:
                    continue
                fn = None if whole_file(rel) or line.startswith("//!") else owner(lines, k)
                where = f"{rel}::{fn}" if fn else rel
                for i in ids:
                    found.setdefault(i, set()).add(where)
    return {k: sorted(v) for k, v in found.items()}


def listed_gaps():
    """Requirement ids named in the gaps section of docs/security.md."""
    if not os.path.exists(DOC):
        return set()
    text = open(DOC, encoding="utf-8").read()
    m = re.search(r"^## Gaps and accepted deviations\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    ids = set()
    for line in (m.group(1) if m else "").splitlines():
        lead = re.match(r"\s*[-|]\s*\**`?((?:SEC-[PVL]\d+)|(?:bad:[\w/ ]+?))`?\**\s*[|:(—-]", line)
        if lead:
            ids.add(lead.group(1).strip())
    return ids


def table(reqs, found):
    out = ["| line | requirement | tests citing it |", "|---|---|---|"]
    for rid, text in reqs:
        short = text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + " …"
        short = short.replace("|", "\\|")
        tests = "<br>".join(f"`{t}`" for t in found.get(rid, [])) or "**none**"
        out.append(f"| {rid} | {short} | {tests} |")
    return "\n".join(out)


def main():
    if not os.path.exists(SECURITY):
        print(f"sec_table: {SECURITY} not found; set INKAN_SHARED")
        return 1
    reqs = requirements()
    rows = {rid[4:]: [c.strip().lower() for c in re.split(r";", text)]
            for rid, text in reqs if rid.startswith("bad:")}
    found = citations(rows)
    missing = [rid for rid, _ in reqs if rid not in found]
    text = table(reqs, found)
    if "--write" in sys.argv:
        doc = open(DOC, encoding="utf-8").read()
        a, b = doc.index(BEGIN) + len(BEGIN), doc.index(END)
        open(DOC, "w", encoding="utf-8").write(doc[:a] + "\n" + text + "\n" + doc[b:])
        print(f"sec_table: wrote {DOC}")
    elif "--check" in sys.argv:
        gaps = listed_gaps()
        unlisted = [rid for rid in missing if rid not in gaps]
        for rid in sorted(gaps - set(missing)):
            print(f"sec_table: note: {rid} is listed as a gap but tests now cite it")
        doc = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
        if text not in doc:
            print("sec_table: note: the table in docs/security.md is out of date "
                  "(python3 tests/lib/sec_table.py --write)")
        if not unlisted:
            print(f"sec_table: {len(reqs) - len(missing)}/{len(reqs)} lines cited by tests, "
                  f"{len(missing)} listed as gaps")
        for rid in unlisted:
            print(f"sec_table: FAIL {rid} has no test and is not listed under "
                  "'Gaps and accepted deviations' in docs/security.md")
        return 1 if unlisted else 0
    else:
        print(text)
        print("\nNo test cites: " + (", ".join(missing) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
