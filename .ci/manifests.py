"""Reading OSGi manifests of built jars (shared by record-baseline.py and check-package-imports.py)."""
import zipfile


def headers(jar):
    """The main attributes of a jar's manifest, continuation lines joined."""
    text = zipfile.ZipFile(jar).read("META-INF/MANIFEST.MF").decode("utf-8").replace("\r", "")
    out, name = {}, None
    for line in text.split("\n"):
        if line.startswith(" ") and name:
            out[name] += line[1:]
        elif ":" in line:
            name, value = line.split(":", 1)
            out[name] = value.strip()
    return out


def packages(header):
    """The package names of an Export-Package or Import-Package header (attributes and quoted lists skipped)."""
    names, quoted, current = [], False, ""
    for ch in header + ",":
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            names.append(current.split(";")[0].strip())
            current = ""
        else:
            current += ch
    return [n for n in names if n]
