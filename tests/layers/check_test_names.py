#!/usr/bin/env python3
"""Unity builds compile several test files as one source: a name a test file
keeps to itself (in its anonymous namespace) then hides a shared helper of the
same name for every later file of the batch, silently. This check fails when
a test file's anonymous namespace defines a name that a shared test header of
the same binary declares.

    check_test_names.py REPO_ROOT
"""
import glob
import os
import re
import sys

DEF = re.compile(
    r"^(?:static |inline |constexpr |const )*"
    r"(?:[\w:<>,*& ]+?[\s*&])([A-Za-z_]\w*)\s*(?:\(|=|\{|;)")
TYPE = re.compile(r"^(?:struct|class|enum class|enum)\s+(\w+)|^using\s+(\w+)\s*=")


def top_level_names(lines):
    names = set()
    for line in lines:
        m = TYPE.match(line)
        if m:
            names.add(m.group(1) or m.group(2))
            continue
        if line[:1] in (" ", "#", "/", "}", "{", "") or line.startswith(
                ("TEST_CASE", "namespace", "template", "using")):
            continue
        m = DEF.match(line)
        if m:
            names.add(m.group(1))
    return names


def anonymous_names(path):
    """Names defined at column 0 inside `namespace {` … `}  // namespace`."""
    inside, body = False, []
    for line in open(path, encoding="utf-8"):
        if line.startswith("namespace {"):
            inside = True
        elif inside and line.startswith("}  // namespace"):
            inside = False
        elif inside:
            body.append(line)
    return top_level_names(body)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    os.chdir(root)
    headers = {
        "unit": glob.glob("tests/support/*.h"),
        "e2e": glob.glob("tests/support/*.h") + glob.glob("tests/e2e/*.h"),
        "real": glob.glob("tests/support/*.h") + glob.glob("tests/e2e/*.h") + glob.glob("tests/real/*.h"),
    }
    sources = {
        "unit": [f for f in glob.glob("*/*_test.cc") if not f.startswith("tests/")],
        "e2e": glob.glob("tests/e2e/*_test.cc"),
        "real": glob.glob("tests/real/*_test.cc"),
    }
    bad = 0
    for target, files in sources.items():
        shared = {}
        for h in headers[target]:
            for name in top_level_names(open(h, encoding="utf-8")):
                shared.setdefault(name, h)
        for f in sorted(files):
            for name in sorted(anonymous_names(f) & set(shared)):
                print(f"{f}: its own `{name}` would hide {shared[name]}'s in a unity batch; "
                      f"rename it or use the shared one")
                bad += 1
    if bad:
        sys.exit(1)
    print("ok: no test file hides a shared test helper")


if __name__ == "__main__":
    main()
