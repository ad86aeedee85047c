"""Live preview: build, serve the output folder on 127.0.0.1, rebuild on every save, reload the page.

The files on disk are exactly what `python build.py` writes. Only HTML as it is
*served* gets two additions: a small script that listens for rebuilds (Server-Sent
Events) and reloads the page, and, while the last rebuild failed, a banner with its
problems. A failed rebuild leaves the output folder as it was (the build's own
guarantee), so the last good site stays served. Sources are watched with watchfiles;
the rebuild runs in this process through `pipeline.build`. Pages are written and
reloaded before the PDFs that changed are rendered, so for those seconds the
preview links to the last build's PDFs; a save in the meantime stops the PDFs
and builds the newer sources at once. Ctrl-C or SIGTERM stops the server between
two rebuilds, never in the middle of one, but without waiting for PDFs still rendering.
"""

from __future__ import annotations

import html
import mimetypes
import queue
import re
import signal
import stat
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

import watchfiles

from ..i18n import Number, _, current_language, languages, n_, render
from ..pdf.jobs import Superseded
from ..problems import EXIT_OK, ContentError, Problem, Shown, UsageError
from ..sources.folder import PARTNERSHIPS_FILE, PROFILES_FILE, SITE_FILE, BuildOptions, HandbookFolder
from ..write.output import OutputBusy, safe_join
from .pipeline import build, check_output_folder
from .progress import Reporter, shown_path

HOST = "127.0.0.1"  # never another interface: the preview is for the editor's own machine
OWN_PREFIX = "/__handbook/"  # the server's own paths; no built file lives under this name
EVENTS_PATH = OWN_PREFIX + "events"
RELOAD_SCRIPT_PATH = OWN_PREFIX + "reload.js"
BANNER_STYLE_PATH = OWN_PREFIX + "banner.css"
NO_CONNECTIONS = "connect-src 'none'"  # in a page's Content-Security-Policy
KEEP_ALIVE_SECONDS = 15  # an idle event stream sends a comment this often, so dead connections are noticed

# Reload when the server's build generation differs from the one the page was served with.
# Scripts and styles are served as files, so a Content-Security-Policy without 'unsafe-inline' allows them.
RELOAD_SCRIPT = """\
(function () {
  "use strict";
  var served = document.currentScript.getAttribute("data-generation");
  var banner = document.getElementById("handbook-build-error");
  var dismissedKey = "handbook-build-error-dismissed";
  // The error banner can be closed; it stays closed for this build, and comes back when a later save fails too.
  if (banner) {
    if (sessionStorage.getItem(dismissedKey) === served) {
      banner.remove();
    } else {
      banner.querySelector("button").addEventListener("click", function () {
        sessionStorage.setItem(dismissedKey, served);
        banner.remove();
      });
    }
  }
  var events = new EventSource("%s");
  events.onmessage = function (event) {
    if (event.data !== served) {
      events.close();
      window.location.reload();
    }
  };
})();
""" % EVENTS_PATH

BANNER_STYLE = """\
#handbook-build-error {
  position: fixed; inset: auto 0 0 0; z-index: 2147483647; max-height: 40vh; overflow: auto;
  margin: 0; padding: 1rem 3.5rem 1rem 1.5rem; background: #fff4f4; color: #1a1a1a;
  border-top: 4px solid #b00020; box-shadow: 0 -4px 16px rgb(0 0 0 / 25%);
  font: 16px/1.5 system-ui, sans-serif;
}
/* At the foot of the window, so the page's heading and the competence scrolled to stay in view;
   the page can scroll past it, so nothing stays hidden underneath. */
body:has(#handbook-build-error) { padding-bottom: 40vh; }
#handbook-build-error h2 { margin: 0 0 .25rem; font-size: 1.15rem; color: #b00020; }
#handbook-build-error button {
  position: absolute; top: .5rem; right: .75rem; min-width: 2.75rem; min-height: 2.75rem;
  font: 700 1.5rem/1 system-ui, sans-serif; color: #1a1a1a; background: transparent;
  border: 2px solid transparent; border-radius: .25rem; cursor: pointer;
}
#handbook-build-error button:hover, #handbook-build-error button:focus-visible { border-color: #b00020; }
#handbook-build-error p { margin: 0 0 .5rem; }
#handbook-build-error ul { margin: 0; padding-left: 1.25rem; }
#handbook-build-error li { margin: .25rem 0; }
#handbook-build-error code { font: 600 .95em ui-monospace, monospace; }
"""

SERVER_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><p>{text}</p></body></html>
"""


def _server_page(title: object, text: str) -> str:
    """A page of the preview's own (not found, nothing built yet), in the build's language; `text` is HTML."""
    return SERVER_PAGE.format(lang=current_language(), title=html.escape(render(title)), text=text)


@dataclass(frozen=True)
class Snapshot:
    generation: int  # counts finished builds, good or failed; a page served at another one is out of date
    problems: tuple[Problem, ...]  # why the last build failed; empty when it succeeded
    pages_current: bool = False  # it failed in its PDFs, after writing its pages: the pages show the last change


class LiveState:
    """The outcome of the latest build, shared between the rebuild loop and the request threads."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._snapshot = Snapshot(0, ())
        self._stopping = False

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def publish(self, problems: tuple[Problem, ...], pages_current: bool = False) -> None:
        """A build finished (or wrote its pages): tell every open page."""
        with self._changed:
            self._snapshot = Snapshot(self._snapshot.generation + 1, problems, pages_current)
            self._changed.notify_all()

    def wait_for_change(self, seen: int | None, timeout: float) -> int | None:
        """The generation once it differs from `seen` (or when `timeout` passes); None when stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self._stopping or self._snapshot.generation != seen, timeout)
            return None if self._stopping else self._snapshot.generation

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive

    def __init__(self, port: int, out_dir: Path, state: LiveState):
        super().__init__((HOST, port), PreviewHandler)
        self.out_dir = out_dir
        self.state = state

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def host_names(self) -> set[str]:
        """The Host headers of requests from the editor's own browser, which leaves out the port on port 80."""
        names = (HOST, "localhost")
        return {f"{name}:{self.port}" for name in names} | (set(names) if self.port == 80 else set())

    def handle_error(self, request: object, client_address: object) -> None:
        """A request the browser gave up on (a reload, a closed tab) is not an error; anything else is a bug."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the output folder read-only, adding the reload script (and error banner) to HTML."""

    server: PreviewServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for build messages."""

    def _respond(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if (self.headers.get("Host") or "").lower() not in self.server.host_names:
            # A page elsewhere that renames itself to 127.0.0.1 (DNS rebinding) must not read the preview.
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"Open the preview at 127.0.0.1.\n", send_body)
        elif path == EVENTS_PATH and send_body:
            self._stream_events()
        elif path == RELOAD_SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode(), send_body)
        elif path == BANNER_STYLE_PATH:
            self._send(HTTPStatus.OK, "text/css; charset=utf-8", BANNER_STYLE.encode(), send_body)
        else:
            self._send_file(path, send_body)

    def _send_file(self, path: str, send_body: bool) -> None:
        relative = path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        try:
            target = _real_file_in(self.server.out_dir, relative)
            if target.is_dir():
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)  # so that the pages' relative links resolve
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = target.read_bytes()
        except (ValueError, OSError):  # outside the folder, a link, a bad name, or not there
            self._send_missing(path, send_body)
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            body = with_preview(body, self.server.state.snapshot())
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, content_type, body, send_body)

    def _send_missing(self, path: str, send_body: bool) -> None:
        snapshot = self.server.state.snapshot()
        if not self.server.out_dir.is_dir():
            page = _server_page(_("The handbook could not be built"),
                                html.escape(render(_("There is no earlier site to show yet."))))
            status = HTTPStatus.SERVICE_UNAVAILABLE
        else:
            front_page = html.escape(render(_("Go to the front page")))
            page = _server_page(_("Not found"), render(_("The handbook has no page at {path}. {link}",
                                                         path=f"<code>{html.escape(path)}</code>",
                                                         link=f'<a href="/">{front_page}</a>.')))
            status = HTTPStatus.NOT_FOUND
        self._send(status, "text/html; charset=utf-8", with_preview(page.encode(), snapshot), send_body)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # every reload shows the latest build
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """Server-Sent Events: the current build generation at once, then each new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = None
        try:
            self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly when the server comes back
            while (generation := self.server.state.wait_for_change(seen, KEEP_ALIVE_SECONDS)) is not None:
                self.wfile.write(b": still here\n\n" if generation == seen else f"data: {generation}\n\n".encode())
                self.wfile.flush()
                seen = generation
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def _real_file_in(out_dir: Path, relative: str) -> Path:
    """The file or folder at `relative` in `out_dir`, which must be itself there: not a symbolic link (the build
    writes none; one put there could lead anywhere), nor a pipe or device, which would hang the reply."""
    folder = out_dir.resolve()
    target = safe_join(folder, relative)
    if target.resolve() != target:
        raise ValueError(f"{relative!r} leads through a symbolic link")
    mode = target.stat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ValueError(f"{relative!r} is not a file")
    return target


def with_preview(page: bytes, snapshot: Snapshot) -> bytes:
    """A served HTML page with the reload script and, after a failed build, the error banner in the page's language."""
    text = page.decode("utf-8", errors="replace")
    # Pages that forbid every connection (the self-assessment) still let the preview's reload reach the preview.
    text = text.replace(NO_CONNECTIONS, "connect-src 'self'", 1)
    addition = banner_html(snapshot.problems, snapshot.pages_current, _page_language(text)) if snapshot.problems else ""
    addition += f'<script src="{RELOAD_SCRIPT_PATH}" data-generation="{snapshot.generation}"></script>\n'
    end = text.rfind("</body>")
    end = len(text) if end < 0 else end
    return (text[:end] + addition + text[end:]).encode("utf-8")


def _page_language(page: str) -> str:
    """The language of a served page (its <html lang>), if the build speaks it; else the build's own."""
    match = re.search(r"<html\b[^>]*\blang=\"([A-Za-z-]+)\"", page[:2000])
    lang = match.group(1).split("-")[0].lower() if match else ""
    return lang if lang in languages() else current_language()


def banner_html(problems: tuple[Problem, ...], pages_current: bool = False, lang: str | None = None) -> str:
    """The error banner, in `lang`: what failed, where, and that the page reloads once it is fixed; closable."""
    lang = lang or current_language()

    def say(message: object) -> str:
        return html.escape(render(message, lang))

    shown = (_("The page shows the last change, but the PDFs could not be made; they are the last good ones.")
             if pages_current else _("This is the last good version of the page."))
    severity = {"error": say(_("error")), "warning": say(_("warning"))}
    items = "".join(
        f"<li><code>{html.escape(p.location)}</code> {severity[p.severity]}: {say(Shown(p.message))}</li>\n" if p.location
        else f"<li>{say(Shown(p.message))}</li>\n"
        for p in problems
    )
    close = say(_("Close this notice"))
    title = say(_("The last change could not be built"))
    fix = say(_("Fix the problem below and save: the page reloads by itself."))
    return (
        f'<link rel="stylesheet" href="{BANNER_STYLE_PATH}">\n'
        f'<section id="handbook-build-error" role="alert" lang="{lang}" aria-labelledby="handbook-build-error-title">\n'
        f'<button type="button" aria-label="{close}" title="{close}">×</button>\n'
        f'<h2 id="handbook-build-error-title">{title}</h2>\n'
        f"<p>{say(shown)} {fix}</p>\n"
        f"<ul>\n{items}</ul>\n</section>\n"
    )


class SourceWatcher:
    """Watches profiles.yaml, content/ and templates/ and queues the paths that changed.

    Two watchfiles threads: one for the folders, recursively, and one for the
    handbook folder alone, so that profiles.yaml is seen even when an editor saves
    it by replacing the file, without watching everything else in that folder.
    """

    def __init__(self, folder: HandbookFolder, stop: threading.Event):
        self.folder = folder
        self.stop = stop
        self.changes: queue.Queue[set[Path]] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._default_filter = watchfiles.DefaultFilter()

    @property
    def folders(self) -> list[Path]:
        return [path for path in (self.folder.content, self.folder.templates) if path.is_dir()]

    def start(self) -> None:
        data_files = (self.folder.root / PROFILES_FILE, self.folder.root / PARTNERSHIPS_FILE)
        self._watch(self.folders, recursive=True, accept=lambda path: True)
        # A data file may be a link to a file elsewhere in the handbook: an edit there changes it too.
        site = self.folder.root / SITE_FILE
        watched = {*data_files, *(path.resolve() for path in data_files), site, site.resolve()}
        self._watch(sorted({path.parent for path in watched}), recursive=False, accept=lambda path: path in watched)

    def join(self, timeout: float) -> None:
        for thread in self._threads:
            thread.join(timeout)

    def _watch(self, paths: list[Path], recursive: bool, accept: Callable[[Path], bool]) -> None:
        def keep(change: watchfiles.Change, path: str) -> bool:
            return self._default_filter(change, path) and accept(Path(path))

        def run() -> None:
            for batch in watchfiles.watch(*paths, watch_filter=keep, recursive=recursive, stop_event=self.stop,
                                          raise_interrupt=False):
                self.changes.put({Path(path) for _, path in batch})

        thread = threading.Thread(target=run, name="watch", daemon=True)
        thread.start()
        self._threads.append(thread)

    def has_changes(self) -> bool:
        """Whether a change is waiting to be built."""
        return not self.changes.empty()

    def next_changes(self, timeout: float) -> set[Path]:
        """The paths changed since the last call, waiting up to `timeout` for the first; empty if none."""
        try:
            changed = self.changes.get(timeout=timeout)
        except queue.Empty:
            return set()
        while not self.changes.empty():
            changed |= self.changes.get_nowait()
        return changed


def serve(folder: HandbookFolder, out_dir: Path, options: BuildOptions, port: int, reporter: Reporter) -> int:
    """Build, serve and rebuild on every change until Ctrl-C or SIGTERM; 0 when stopped cleanly."""
    check_output_folder(folder, out_dir)  # before serving it: never someone else's files, nor a folder it watches
    state = LiveState()
    stop = threading.Event()
    try:
        server = PreviewServer(port, out_dir, state)
    except OSError as error:
        raise UsageError(_("cannot serve on {address}: {reason}. Choose another port with --port, or 0 for any free one.",
                           address=f"{HOST}:{port}", reason=error.strerror or str(error))) from None
    watcher = SourceWatcher(folder, stop)
    with _stopped_by_signals(stop):
        watcher.start()
        serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="serve")

        def start_serving() -> None:
            """Once: as soon as the first build has written its pages, not after all its PDFs, or when it failed."""
            if serving.ident is None:
                serving.start()
                watched = ", ".join(shown_path(path) + "/" for path in watcher.folders)
                reporter.line(_("Serving {folder}/ at {address} and rebuilding on every change in {watched}. Press "
                                "Ctrl-C to stop.", folder=shown_path(out_dir), address=f"http://{HOST}:{server.port}/",
                                watched=f"{PROFILES_FILE}, {watched}"))

        def superseded() -> bool:
            """Another save, or Ctrl-C: the PDFs still rendering are not wanted any more."""
            return watcher.has_changes() or stop.is_set()

        waiting = _rebuild(folder, out_dir, options, reporter, state, superseded, stop, on_pages=start_serving)
        start_serving()
        while not stop.is_set():
            changed = watcher.next_changes(timeout=0.2)
            if (changed or waiting) and not stop.is_set():
                if changed:
                    names = ", ".join(sorted(shown_path(path) for path in changed))
                    reporter.line(_("Changed: {names}", names=names))
                waiting = _rebuild(folder, out_dir, options, reporter, state, superseded, stop, waiting=waiting)
        state.stop()
        server.shutdown()
        server.server_close()
        serving.join()
        watcher.join(timeout=2)
    reporter.line(_("Stopped."))
    return EXIT_OK


def _rebuild(folder: HandbookFolder, out_dir: Path, options: BuildOptions, reporter: Reporter, state: LiveState,
             superseded: Callable[[], bool], stop: threading.Event, on_pages: Callable[[], None] = lambda: None,
             waiting: bool = False) -> bool:
    """One build; its outcome goes to the terminal and to every open page. Open pages reload as soon as the
    new pages are written (`on_pages` is told then); PDFs that changed are rendered after that, unless another
    save comes first. True when another build (`python build.py` in another terminal) holds the output
    folder: the caller tries again shortly, so the save is built once that one is done (`waiting`: it is
    known already, and not said again)."""
    started = time.perf_counter()
    pages_shown = False

    def pages_ready() -> None:
        nonlocal pages_shown
        pages_shown = True
        state.publish(())
        reporter.line(_("Pages ready in {seconds} s; the PDFs that changed follow.",
                        seconds=Number(time.perf_counter() - started, 2)))
        on_pages()

    try:
        report = build(folder, out_dir, options, reporter, pages_ready=pages_ready, superseded=superseded)
    except Superseded:
        reporter.line(_("Stopping: the PDFs still rendering were left unfinished.") if stop.is_set() else
                      _("Another save came while the PDFs were rendered: building that one first."))
        return False
    except OutputBusy:
        if not waiting:
            reporter.line(_("Another build is writing {folder}/: building this change as soon as it is done.",
                            folder=shown_path(out_dir)))
        return True
    except ContentError as error:
        failing = tuple(p for p in error.problems if p.severity == "error" or options.strict)
        for problem in error.problems:
            reporter.problem(problem, options.strict)
        counted = n_("{count} problem", "{count} problems", len(failing))
        if pages_shown:
            reporter.error(_("Build failed: {counted}; serving the new pages with the last good PDFs. Fix and save to "
                             "build again.", counted=counted))
        else:
            reporter.error(_("Build failed: {counted}; still serving the last good site. Fix and save to build again.",
                             counted=counted))
        state.publish(failing, pages_current=pages_shown)
        return False
    except UsageError as error:
        reporter.error(_("Build failed: {problem}", problem=error.message))
        state.publish((Problem("", 0, error.message),))
        return False
    except Exception as error:  # a bug in the build: say so, and keep the preview running for the next save
        reporter.error(traceback.format_exc().rstrip())
        state.publish((Problem("", 0, _("the build itself failed, which is a bug: {error}. The terminal shows the "
                                        "details; please report them.", error=repr(error))),))
        return False
    for problem in report.problems.sorted():
        reporter.problem(problem)
    if not pages_shown:  # else the pages have reloaded already, and only PDFs changed since
        state.publish(())
    reporter.line(_("Built {folder}/: {counts} in {seconds} s.", folder=shown_path(out_dir), counts=report.counts(),
                    seconds=Number(time.perf_counter() - started, 2)))
    return False


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C and SIGTERM set `stop` instead of interrupting: a running rebuild finishes first."""
    def handle(signum: int, frame: object) -> None:
        stop.set()

    previous = {signum: signal.signal(signum, handle) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

