"""The submission page in a real browser: Debian's chromium, headless, driven
by chromium-driver through python3-selenium.  Upload the sample through the
page (after giving the token it asks for), see its findings, download the PDF
and compare its bytes with the CLI's.  Also the page at a phone's width.

Run by tests/run-e2e with Debian's python3; needs DISCLOSURE_BIN.  make test
installs chromium, chromium-driver and python3-selenium; without them this
test fails (it never skips).
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_util as su  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

failures = []


def check(name, ok, detail=""):
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, (": %s" % (detail,)) if detail and not ok else ""))
    if not ok:
        failures.append(name)


def browser(profile, downloads, width=1280, height=900):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
              "--user-data-dir=" + profile, "--window-size=%d,%d" % (width, height)):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                           "download.prompt_for_download": False})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow",
                                                   "downloadPath": downloads})
    d.set_page_load_timeout(30)
    return d


def main():
    token = "page-token-123"
    srv = su.Server("-j", "2", token=token)
    tmp = tempfile.mkdtemp(prefix="dc-browser-")
    downloads = os.path.join(tmp, "downloads")
    os.mkdir(downloads)
    drv = None
    try:
        want = su.cli_check(su.SAMPLE)[0]
        cli_pdf = su.cli_outputs(su.SAMPLE, "--pdf")["pdf"]
        drv = browser(os.path.join(tmp, "profile"), downloads)
        wait = WebDriverWait(drv, 60 * su.FACTOR)
        drv.get("http://127.0.0.1:%d/" % srv.port)
        check("page title", drv.title == "预算公开文件受理台", drv.title)
        drv.find_element(By.ID, "files").send_keys(os.path.abspath(su.SAMPLE))
        # the server wants a token: the page asks once, then sends the upload again
        wait.until(EC.visibility_of_element_located((By.ID, "token")))
        drv.find_element(By.ID, "token").send_keys(token)
        drv.find_element(By.ID, "tokenok").click()
        card = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".result.done")))
        text = card.text
        check("department and year shown", "廊坊市生态环境局永清县分局" in text and "2021" in text,
              text[:200])
        check("counts shown", card.find_element(By.CSS_SELECTOR, ".n-errors").text ==
              "错误 %d" % want["errors"] and card.find_element(By.CSS_SELECTOR, ".n-warnings")
              .text == "警告 %d" % want["warnings"] and card.find_element(
                  By.CSS_SELECTOR, ".n-notes").text == "提示 %d" % want["notes"])
        rows = card.find_elements(By.CSS_SELECTOR, "tr.finding")
        got = [(r.find_element(By.CSS_SELECTOR, ".code").text,
                r.find_element(By.CSS_SELECTOR, ".message").text) for r in rows]
        check("findings table = check's findings", got ==
              [(f["code"], f["message"]) for f in want["findings"]], repr(got)[:300])
        figs = {r.get_attribute("data-key"): r.text for r in
                card.find_elements(By.CSS_SELECTOR, "tr.figure")}
        check("key figures shown", "3,586.14" in figs.get("income.total", "") and
              "268.17" in figs.get("government_procurement.total", ""), repr(figs)[:300])
        link = card.find_element(By.CSS_SELECTOR, "a.dl-pdf")
        link.click()
        path, end = os.path.join(downloads, "yongqing-eco-2021.pdf"), time.monotonic() + 30
        while not os.path.exists(path) and time.monotonic() < end:
            time.sleep(0.2)
        time.sleep(0.5)
        data = open(path, "rb").read() if os.path.exists(path) else b""
        check("PDF downloaded through the page equals the CLI's", data == cli_pdf,
              "%d bytes, files %r" % (len(data), os.listdir(downloads)))
        drv.quit()

        # a phone: nothing wider than the screen but the tables' own scroll boxes
        drv = browser(os.path.join(tmp, "profile2"), downloads, 390, 844)
        drv.get("http://127.0.0.1:%d/" % srv.port)
        drv.find_element(By.ID, "files").send_keys(os.path.abspath(su.SAMPLE))
        wait = WebDriverWait(drv, 60 * su.FACTOR)
        wait.until(EC.visibility_of_element_located((By.ID, "token")))
        drv.find_element(By.ID, "token").send_keys(token)
        drv.find_element(By.ID, "tokenok").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".result.done tr.finding")))
        overflow = drv.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        check("readable on a phone (no sideways scrolling)", overflow <= 0, repr(overflow))
        if os.environ.get("SERVE_SCREENSHOT"):
            drv.save_screenshot(os.environ["SERVE_SCREENSHOT"])
        # the one expected: the first upload's 401 that made the page ask for the token
        errors = [e for e in drv.get_log("browser") if e.get("level") == "SEVERE" and
                  not ("api/review" in e.get("message", "") and "401" in e["message"])]
        check("no other errors in the browser console", not errors, repr(errors)[:300])
    finally:
        if drv:
            drv.quit()
        rc, gone = srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    check("server stops cleanly", rc == 0 and gone)
    print("serve browser: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
