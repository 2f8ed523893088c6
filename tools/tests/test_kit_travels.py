"""The rendered kit is self-contained: it works when moved (Debian's chromium, headless).

Run after tools/run_notebooks.py has written executed notebooks and HTML to a folder, and point
BNKIT_RENDERED at it (./bnkit test does both). Checks that no page loads anything by an absolute
path or URL, then copies the folder somewhere else and checks, in Chromium, that every page of
the copy typesets all of its equations (as many typeset as there are TeX scripts, no MathJax
error) with the MathJax inside the copy.
"""
import glob
import os
import re
import shutil
import tempfile
import time
import unittest

from test_rendered_kit import RENDERED, browser

# src="..." and href="..." of the pages; <a href> to a web page is a link, not something loaded.
REFERENCE = re.compile(r'<(\w+)[^>]*?\s(src|href)="([^"]*)"', re.S)

WAIT_FOR_MATHJAX = """
const done = arguments[arguments.length - 1];
const started = Date.now();
(function poll() {
  const hub = window.MathJax && window.MathJax.Hub;
  if (hub && hub.queue && hub.queue.pending === 0 && hub.queue.running === 0 && window.MathJax.isReady) {
    done({
      tex: document.querySelectorAll('script[type^="math/tex"]').length,
      typeset: document.querySelectorAll('.MathJax_CHTML').length,
      errors: document.querySelectorAll('.MathJax_Error, merror').length,
      scripts: Array.from(document.scripts).map(s => s.src).filter(s => s),
      root: window.MathJax.Ajax.config.root
    });
  } else if (Date.now() - started > 30000) {
    done(null);
  } else {
    setTimeout(poll, 100);
  }
})();
"""


def pages(folder):
    return [os.path.join(folder, "index.html")] + sorted(glob.glob(os.path.join(folder, "html", "*.html")))


@unittest.skipUnless(RENDERED, "set BNKIT_RENDERED to the output folder of tools/run_notebooks.py (./bnkit test does)")
class KitTravelsTest(unittest.TestCase):

    def test_no_page_loads_anything_by_an_absolute_path_or_url(self):
        for page in pages(RENDERED):
            with open(page, encoding="utf-8") as f:
                text = f.read()
            with self.subTest(page=os.path.basename(page)):
                self.assertNotIn("file://", text)
                for tag, attribute, target in REFERENCE.findall(text):
                    if target.startswith(("#", "data:")) or (tag == "a" and target.startswith(("http://", "https://"))):
                        continue
                    self.assertFalse(target.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target),
                                     "<%s %s=\"%s\"> is absolute" % (tag, attribute, target))
                    path = os.path.normpath(os.path.join(os.path.dirname(page), target.split("?")[0].split("#")[0]))
                    self.assertTrue(os.path.exists(path), "<%s %s=\"%s\"> points at nothing" % (tag, attribute, target))

    def test_a_moved_copy_typesets_its_equations(self):
        moved = os.path.join(tempfile.mkdtemp(prefix="bnkit-moved-kit-"), "kit")
        driver, profile = browser()
        try:
            shutil.copytree(RENDERED, moved, ignore=shutil.ignore_patterns("screenshots"))
            driver.set_script_timeout(40)
            with_maths = 0
            for page in pages(moved)[1:]:
                with self.subTest(page=os.path.basename(page)):
                    driver.get("file://" + page)
                    state = driver.execute_async_script(WAIT_FOR_MATHJAX)
                    self.assertIsNotNone(state, "MathJax did not load or finish within 30 s")
                    self.assertEqual(0, state["errors"], "MathJax reported errors")
                    self.assertEqual(state["tex"], state["typeset"], "equations left untypeset")
                    outside = [s for s in state["scripts"] if not s.startswith("file://" + moved + "/")]
                    self.assertEqual([], outside, "scripts loaded from outside the moved copy")
                    self.assertEqual("file://" + moved + "/assets/mathjax", state["root"],
                                     "MathJax loads its parts from outside the moved copy")
                    with_maths += state["tex"] > 0
            self.assertGreater(with_maths, 0, "no page has an equation: the test checked nothing")
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
            shutil.rmtree(os.path.dirname(moved), ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
