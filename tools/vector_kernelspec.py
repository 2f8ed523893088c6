"""Give a Java kernelspec the Vector API: add `--add-modules jdk.incubator.vector` to its argv.

    python3 tools/vector_kernelspec.py KERNEL_JSON

Binder's postBuild runs this on conda-forge ijava's kernel.json, whose argv starts the kernel
with a bare `java -jar .../ijava.jar {connection_file}`, so that the notebooks get the library's
Vector API loops there too (the same numbers to the last bit, faster). The flag goes right after
the java executable, and only when that java (looked up on PATH as the kernel will look it up)
has the jdk.incubator.vector module. Running it again changes nothing, and every other entry of
kernel.json stays as it was (same keys, same order, same values). Prints what it did.
"""
import json
import os
import shutil
import subprocess
import sys

FLAG = ["--add-modules", "jdk.incubator.vector"]


def has_vector_module(java):
    """Whether `java --list-modules` lists jdk.incubator.vector."""
    executable = java if os.path.sep in java else shutil.which(java)
    if executable is None:
        return False
    listed = subprocess.run([executable, "--list-modules"], capture_output=True, text=True)
    return listed.returncode == 0 and any(line.split("@")[0] == "jdk.incubator.vector" for line in listed.stdout.splitlines())


def has_flag(argv):
    """Whether argv already adds the module (as two entries or as --add-modules=...)."""
    for k, arg in enumerate(argv):
        if arg == "--add-modules" and k + 1 < len(argv) and "jdk.incubator.vector" in argv[k + 1].split(","):
            return True
        if arg.startswith("--add-modules=") and "jdk.incubator.vector" in arg.split("=", 1)[1].split(","):
            return True
    return False


def add_flag(path):
    """Adds the flag to the kernelspec at path when its java has the module; returns a message."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    spec = json.loads(text)
    argv = spec.get("argv")
    if not isinstance(argv, list) or not argv or not os.path.basename(argv[0]).startswith("java"):
        return "%s: argv does not start with a java executable (%r); left as it was" % (path, argv)
    if has_flag(argv):
        return "%s: argv already adds jdk.incubator.vector; left as it was" % path
    if not has_vector_module(argv[0]):
        return "%s: %s has no jdk.incubator.vector module; left as it was (plain Java loops)" % (path, argv[0])
    spec["argv"] = argv[:1] + FLAG + argv[1:]
    indent = 4
    for line in text.splitlines()[1:2]:
        indent = (len(line) - len(line.lstrip(" "))) or None
    with open(path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=indent)
        if text.endswith("\n"):
            f.write("\n")
    return "%s: argv now starts %s %s" % (path, argv[0], " ".join(FLAG))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: vector_kernelspec.py KERNEL_JSON")
    print(add_flag(sys.argv[1]))
