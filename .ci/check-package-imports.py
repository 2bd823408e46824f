#!/usr/bin/env python3
"""No bundle imports a package of another that the other does not export (#16 item 3).

Reads the built bundles (bundles/*/target/*.jar, distrib/itest and kura-api-stub excluded as test fixtures):
every io.wardgate.* package in a bundle's Import-Package must be in some bundle's Export-Package. The plain
JVM code of benchmarks/ and distrib/demo is held to the same rule through its Java imports (io.wardgate.testkit,
the test library, and each module's own packages excepted). Exit 1 and a list when something breaks the rule.
Run after a build of the bundles: python3 .ci/check-package-imports.py
"""
import pathlib
import re
import sys

from manifests import headers, packages

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARIES = ("io.wardgate.testkit",)


def main():
    version = re.search(r"<version>([^<]+)</version>", (ROOT / "bundles" / "pom.xml").read_text()).group(1)
    exported, imports = set(), {}
    for module in sorted((ROOT / "bundles").iterdir()):
        jar = module / "target" / f"{module.name}-{version}.jar"
        if not jar.is_file():
            continue
        h = headers(jar)
        exported.update(packages(h.get("Export-Package", "")))
        imports[module.name] = [p for p in packages(h.get("Import-Package", "")) if p.startswith("io.wardgate.")]
    if not imports:
        sys.exit("no bundle jars found: build the bundles first")
    problems = []
    for bundle, wanted in imports.items():
        problems += [f"{bundle} imports {p}, which no bundle exports" for p in wanted if p not in exported]
    for source_root in [ROOT / "benchmarks", ROOT / "distrib" / "demo"]:
        for java in source_root.rglob("src/main/java/**/*.java"):
            own = java.read_text(encoding="utf-8")
            package = re.search(r"^package ([\w.]+);", own, re.M)
            for imported in re.findall(r"^import (?:static )?(io\.wardgate\.[\w.]+)\.[A-Z]\w*[\w.]*;", own, re.M):
                if imported.startswith(LIBRARIES) or (package and imported.startswith(package.group(1).rsplit(".", 1)[0])):
                    continue
                if imported not in exported:
                    problems.append(f"{java.relative_to(ROOT)} imports {imported}, which no bundle exports")
    for problem in sorted(set(problems)):
        print(problem)
    print(f"{len(imports)} bundles, {len(exported)} exported packages, {len(set(problems))} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
