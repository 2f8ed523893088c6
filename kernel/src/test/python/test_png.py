"""Images reach the front end as complete PNGs, whatever their length (see kernel_under_test.py).

jjava's renderer, like IJava's base kernel, base64-encodes images through a stream it never
closes and so drops the last one or two bytes of a PNG whose length is not a multiple of three.
The kit's kernel must send every byte: each image/png is checked with tools/tests/strict_png.py.
"""
import base64
import os
import sys
import unittest

from kernel_under_test import RunningKernelTest, run_cell

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "tools", "tests"))
import strict_png  # noqa: E402

IMAGES = """
Random random = new Random(7);
java.awt.image.BufferedImage[] images = new java.awt.image.BufferedImage[9];
for (int k = 0; k < images.length; k++) {
    images[k] = new java.awt.image.BufferedImage(20 + 7 * k, 10 + 3 * k, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < images[k].getWidth(); x++)
        for (int y = 0; y < images[k].getHeight(); y++)
            images[k].setRGB(x, y, random.nextInt(8) == 0 ? random.nextInt(1 << 24) : (x * 40) << 8 | y * k);
}
"""


class PngTest(RunningKernelTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, _ = run_cell(cls.kc, IMAGES)
        assert reply["status"] == "ok", reply

    def pngs(self, code):
        reply, outputs = run_cell(self.kc, code)
        self.assertEqual("ok", reply["status"], reply)
        return [c["data"]["image/png"] for _, kind, c in outputs
                if kind in ("display_data", "execute_result") and "image/png" in c["data"]]

    def test_displayed_and_returned_images_are_complete(self):
        shown = self.pngs("for (var image : images) display(image);")
        shown += self.pngs("images[0]")
        shown += self.pngs('String id = display(images[1], "image/png");')
        self.assertEqual(11, len(shown))
        lengths = [len(base64.b64decode(p)) for p in shown]
        self.assertTrue(any(n % 3 for n in lengths), "no image has a length off a multiple of three: %s" % lengths)
        for png, length in zip(shown, lengths):
            with self.subTest(length=length):
                strict_png.check_base64(png)

    def test_an_image_read_from_a_stream_is_complete(self):
        run_cell(self.kc, "var bytes = new ByteArrayOutputStream();\n"
                          "javax.imageio.ImageIO.write(images[2], \"png\", bytes);")
        shown = self.pngs("String id = display(new ByteArrayInputStream(bytes.toByteArray()));")
        self.assertEqual(1, len(shown))
        strict_png.check_base64(shown[0])


if __name__ == "__main__":
    unittest.main()
