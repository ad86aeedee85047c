"""Lighthouse on every kind of page, served by deploy/'s nginx recipe with base_url set.

    npm install --prefix /some/folder lighthouse@12.2.3        # runs on Node 20
    LIGHTHOUSE=/some/folder/node_modules/.bin/lighthouse python bench/lighthouse.py [--desktop]

Builds a copy of the handbook with `base_url` set to the address nginx serves it at
(so canonical and hreflang links are absolute and point at the site itself), starts
Debian's nginx with `deploy/nginx/handbook.conf` (as the tests do), runs Lighthouse
once per page kind with the machine's Chromium (CHROME_PATH, default /usr/bin/chromium),
prints the four scores and every audit under 0.9, and saves the summary as
bench/lighthouse.json. The search page is `noindex` on purpose: its SEO score shows it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))

from nginx_server import free_port, main_config  # noqa: E402  (the tests' own nginx set-up)

PAGE_KINDS = {
    "language chooser": "index.html",
    "front page": "da/index.html",
    "profile": "da/net.html",
    "overview": "en/overview.html",
    "A–Z index": "da/a-z.html",
    "recruitment": "en/recruitment.html",
    "checklists": "da/checklists.html",
    "downloads": "en/downloads.html",
    "about": "da/about.html",
    "search": "da/search.html?q=partnerskab",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build(root: Path, out: Path, base_url: str) -> None:
    shutil.copy(PROJECT / "profiles.yaml", root / "profiles.yaml")
    shutil.copytree(PROJECT / "content", root / "content")
    text = (root / "profiles.yaml").read_text(encoding="utf-8")
    (root / "profiles.yaml").write_text(text.replace("\nprofiles:", f"\nbase_url: {base_url}\nprofiles:", 1), encoding="utf-8")
    subprocess.run([sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(out), "--quiet",
                    "--no-pdfs"], check=True)  # Lighthouse follows no link: the PDFs would only cost time


def lighthouse(lighthouse_bin: str, url: str, report: Path, desktop: bool) -> dict:
    command = [lighthouse_bin, url, "--output=json", f"--output-path={report}", "--quiet",
               "--chrome-flags=--headless --no-sandbox", f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(f"[{audit['id']}] {audit['title']}" for audit in result["audits"].values()
                     if audit.get("score") is not None and audit["scoreDisplayMode"] in ("binary", "numeric")
                     and audit["score"] < 0.9)
    return {"scores": scores, "failing": failing}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of mobile")
    args = parser.parse_args()
    lighthouse_bin = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not lighthouse_bin:
        sys.exit("Set LIGHTHOUSE to the lighthouse command (npm install lighthouse@12.2.3).")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}/"
        (work / "hb").mkdir()
        build(work / "hb", work / "site", base_url)
        prefix = work / "nginx"
        (prefix / "temp").mkdir(parents=True)
        (prefix / "nginx.conf").write_text(main_config(prefix, work / "site", port), encoding="utf-8")
        nginx = subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
        results = {}
        try:
            for kind, path in PAGE_KINDS.items():
                results[kind] = {"path": path, **lighthouse(lighthouse_bin, base_url + path, work / "report.json", args.desktop)}
                print(f"{kind}: {results[kind]['scores']}", flush=True)
        finally:
            nginx.terminate()
            nginx.wait()
    form = "desktop" if args.desktop else "mobile"
    print(f"\n| page kind ({form}) | page | performance | accessibility | best practices | SEO | audits under 0.9 |")
    print("|---|---|---|---|---|---|---|")
    for kind, result in results.items():
        s = result["scores"]
        print(f"| {kind} | `{result['path']}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
              f"{s['seo']} | {'; '.join(result['failing']) or '–'} |")
    saved = PROJECT / "bench" / "lighthouse.json"
    previous = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}
    previous[form] = results
    saved.write_text(json.dumps(previous, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
