"""Every image/png output of every executed notebook is a complete, sound PNG (strict_png.check).

Run after tools/run_notebooks.py has written executed notebooks to a folder, and point
BNKIT_RENDERED at it (./bnkit test does both). Fails on the first bad image of each notebook,
naming the notebook, the cell and the fault.
"""
import glob
import json
import os
import unittest

import strict_png

RENDERED = os.environ.get("BNKIT_RENDERED")


class StrictCheckTest(unittest.TestCase):
    """The check itself rejects what the kernels' renderer used to send."""

    PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DA8J8BAAf/Af8Bf4mnAAAAAElFTkSuQmCC"

    def test_a_sound_png_passes(self):
        self.assertEqual((2, 1), strict_png.check_base64(self.PNG))

    def test_a_png_short_of_its_last_bytes_fails(self):
        import base64
        data = base64.b64decode(self.PNG)
        for cut in (1, 2):
            with self.assertRaises(ValueError):
                strict_png.check(data[:-cut])

    def test_a_wrong_crc_fails(self):
        import base64
        data = bytearray(base64.b64decode(self.PNG))
        data[30] ^= 1
        with self.assertRaises(ValueError):
            strict_png.check(bytes(data))


@unittest.skipUnless(RENDERED, "set BNKIT_RENDERED to the output folder of tools/run_notebooks.py (./bnkit test does)")
class NotebookFiguresTest(unittest.TestCase):

    def test_every_figure_is_a_complete_png(self):
        paths = sorted(glob.glob(os.path.join(RENDERED, "notebooks", "*.ipynb")))
        self.assertTrue(paths, "no executed notebooks in %s/notebooks" % RENDERED)
        total = 0
        for path in paths:
            with open(path, encoding="utf-8") as f:
                cells = json.load(f)["cells"]
            with self.subTest(notebook=os.path.basename(path)):
                for index, cell in enumerate(cells):
                    for output in cell.get("outputs", []):
                        png = output.get("data", {}).get("image/png")
                        if png is None:
                            continue
                        total += 1
                        try:
                            strict_png.check_base64(png)
                        except ValueError as e:
                            self.fail("%s, cell %d: %s" % (os.path.basename(path), index, e))
        self.assertGreater(total, 0, "the executed notebooks hold no image/png output at all")


if __name__ == "__main__":
    unittest.main()
