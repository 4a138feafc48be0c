#!/usr/bin/env python3
"""Share of the iOS shell's Swift that the Linux build compiles (ios/check.sh).

Counts code lines (not blank, not comment-only, not #if directives) in ios/Sources and
ios/App, without the generated InkanCore/InkanCoreFFI. A line is compiled on Linux when
every enclosing #if/#elseif/#else branch is the one taken on Linux: canImport(X) is true
only for the modules the Linux build has (LINUX_MODULES), os(Linux) is true. ios/App is
not in the Swift package (Xcode only): all of it counts as not compiled.

Prints per-file figures with -v, then `Swift compiled on Linux: NN %` (rounded down).
"""
import pathlib
import re
import sys

LINUX_MODULES = {"Foundation", "FoundationNetworking", "Glibc", "Dispatch", "XCTest",
                 "InkanCore", "InkanCoreFFI", "InkanKit", "InkanApp"}
GENERATED = {"InkanCore", "InkanCoreFFI"}


def linux_value(cond: str) -> bool:
    def atom(m):
        kind, arg = m.group(1), m.group(2).strip()
        if kind == "canImport":
            return str(arg in LINUX_MODULES)
        if kind == "os":
            return str(arg == "Linux")
        if kind == "arch":
            return "True"
        return str(False)
    expr = re.sub(r"(canImport|os|arch|targetEnvironment|compiler|swift)\(([^)]*)\)", atom, cond)
    expr = expr.replace("&&", " and ").replace("||", " or ")
    expr = re.sub(r"!(?!=)", " not ", expr)
    if re.search(r"[^\sA-Za-z()]", expr) or set(re.findall(r"[A-Za-z]+", expr)) - {"True", "False", "and", "or", "not"}:
        raise ValueError(f"cannot evaluate #if {cond}")
    return bool(eval(expr, {"__builtins__": {}}))  # only True/False/and/or/not remain


def count(path: pathlib.Path, compiled_at_all: bool):
    # stack of [branch taken now, some earlier branch of this #if was taken]
    stack, total, compiled = [], 0, 0
    for raw in path.read_text().splitlines():
        line = raw.strip()
        m = re.match(r"#(if|elseif|else|endif)\b(.*)", line)
        if m:
            kw, cond = m.group(1), m.group(2).strip()
            if kw == "if":
                v = linux_value(cond)
                stack.append([v, v])
            elif kw == "elseif":
                v = not stack[-1][1] and linux_value(cond)
                stack[-1] = [v, stack[-1][1] or v]
            elif kw == "else":
                stack[-1] = [not stack[-1][1], True]
            else:
                stack.pop()
            continue
        if not line or line.startswith("//"):
            continue
        total += 1
        if compiled_at_all and all(branch[0] for branch in stack):
            compiled += 1
    if stack:
        raise ValueError(f"{path}: unbalanced #if")
    return total, compiled


def main() -> int:
    ios = pathlib.Path(__file__).resolve().parent.parent
    verbose = "-v" in sys.argv[1:]
    total = compiled = 0
    files = [(p, True) for p in sorted((ios / "Sources").rglob("*.swift"))
             if p.relative_to(ios / "Sources").parts[0] not in GENERATED]
    files += [(p, False) for p in sorted((ios / "App").rglob("*.swift"))]
    for path, in_package in files:
        t, c = count(path, in_package)
        total += t
        compiled += c
        if verbose:
            print(f"  {c:4d} / {t:4d}  {path.relative_to(ios)}")
    if verbose:
        print(f"  {compiled:4d} / {total:4d}  lines of code")
    print(f"Swift compiled on Linux: {100 * compiled // max(total, 1)} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
