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
import subprocess
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

    def test_runs_the_maven_command_the_readme_documents(self):
        commands = maven_command(read("postBuild"))
        self.assertEqual(1, len(commands), "postBuild must run exactly one mvn command, found %s" % commands)
        self.assertIn(commands[0], read("README.md"),
                      "postBuild runs `%s`, which the README does not document" % commands[0])


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
