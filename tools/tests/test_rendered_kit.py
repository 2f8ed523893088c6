"""The rendered kit in a real browser (Debian's chromium, headless, through chromedriver).

Run after tools/run_notebooks.py has written executed notebooks and HTML to a folder, and point
BNKIT_RENDERED at it (./bnkit test does both). Checks that index.html links every notebook in
order and that each page shows all of its figures (every <img> decoded by the browser, as many
as the executed notebook has image outputs), and saves a screenshot of each page next to it.
"""
import glob
import json
import os
import shutil
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RENDERED = os.environ.get("BNKIT_RENDERED")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,2000"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="bnkit-chromium-")
    options.add_argument("--user-data-dir=" + profile)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    return driver, profile


@unittest.skipUnless(RENDERED, "set BNKIT_RENDERED to the output folder of tools/run_notebooks.py (./bnkit test does)")
class RenderedKitTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not (os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver")):
            raise AssertionError("chromium and chromedriver are needed: apt-get install chromium chromium-driver python3-selenium")
        cls.driver, cls.profile = browser()
        cls.shots = os.path.join(RENDERED, "screenshots")
        os.makedirs(cls.shots, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.profile, ignore_errors=True)

    def notebooks(self):
        return sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))

    def test_index_links_every_notebook_in_order(self):
        self.driver.get("file://" + os.path.abspath(os.path.join(RENDERED, "index.html")))
        links = [a.get_attribute("href") for a in self.driver.find_elements("css selector", "ol li a")]
        expected = [os.path.splitext(n)[0] + ".html" for n in self.notebooks()]
        self.assertEqual(expected, [l.rsplit("/", 1)[-1] for l in links])
        self.driver.save_screenshot(os.path.join(self.shots, "index.png"))

    def test_each_page_shows_its_figures(self):
        for name in self.notebooks():
            stem = os.path.splitext(name)[0]
            with open(os.path.join(RENDERED, "notebooks", name), encoding="utf-8") as f:
                executed = json.load(f)
            figures = sum(1 for c in executed["cells"] for o in c.get("outputs", [])
                          if "image/png" in o.get("data", {}))
            with self.subTest(notebook=name):
                self.driver.get("file://" + os.path.abspath(os.path.join(RENDERED, "html", stem + ".html")))
                sizes = self.driver.execute_script(
                    "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]);")
                shown = [s for s in sizes if s[0] and s[1] > 0 and s[2] > 0]
                self.assertEqual(figures, len(shown),
                                 "%s: the executed notebook has %d figures, the browser shows %d of %d images"
                                 % (name, figures, len(shown), len(sizes)))
                self.driver.save_screenshot(os.path.join(self.shots, stem + ".png"))


if __name__ == "__main__":
    unittest.main()
