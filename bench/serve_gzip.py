"""A static file server for benchmarks that gzips text responses, as a CDN would. Usage: python bench/serve_gzip.py DIR PORT"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # let the base class redirect to the slash URL
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


if __name__ == "__main__":
    serve(Path(sys.argv[1]), int(sys.argv[2])).serve_forever()
