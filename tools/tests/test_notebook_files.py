"""The notebooks as committed: every cell has an id of its own.

The gradebook restores the check cells by their metadata and keeps the student's cells in place
by id, and Jupyter needs unique ids (nbformat 4.5): a cell added by hand without one passes
Jupyter with a warning and breaks neither run, so it is caught here and by run_notebooks.py.
"""
import glob
import json
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import run_notebooks  # noqa: E402


def write_notebook(directory, ids):
    path = os.path.join(directory, "nb.ipynb")
    cells = []
    for i, cell_id in enumerate(ids):
        cell = {"cell_type": "markdown", "metadata": {}, "source": ["cell %d" % i]}
        if cell_id is not None:
            cell["id"] = cell_id
        cells.append(cell)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, f)
    return path


class CellIdsTest(unittest.TestCase):
    def test_every_kit_notebook_cell_has_an_id_of_its_own(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
        self.assertGreater(len(paths), 10)
        for path in paths:
            self.assertEqual(run_notebooks.cells_without_own_id(path), [], os.path.basename(path))

    def test_a_missing_and_a_repeated_id_are_found(self):
        with tempfile.TemporaryDirectory() as d:
            path = write_notebook(d, ["a", None, "b", "a", "c"])
            self.assertEqual(run_notebooks.cells_without_own_id(path), [0, 1, 3])

    def test_unique_ids_pass(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertEqual(run_notebooks.cells_without_own_id(write_notebook(d, ["a", "b", "c"])), [])


if __name__ == "__main__":
    unittest.main()
