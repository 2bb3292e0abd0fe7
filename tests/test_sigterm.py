"""SIGTERM (what CI runners and `timeout` send) cleans up as Ctrl-C does: exit 143,
no temp file beside an `export -o` target, no temporary graph left by `push --replace`.

Real processes receive a real SIGTERM. Only the moment is arranged: the export's
fsync is slowed in the child so the signal lands mid-write (a write this small is
otherwise over before a signal can be sent).
"""

import json
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

FIXTURE_TREE = Path(__file__).resolve().parent / "data" / "tree"

SLOW_FSYNC_EXPORT = """
import os, sys, time
from diplograph import fileio
real = os.fsync
tree, ready, target = sys.argv[1:4]
def slow(fd):
    open(ready, "w").close()  # tell the test the temp file is written
    time.sleep(30)
    real(fd)
fileio.os.fsync = slow
from diplograph.cli import cli
sys.argv = ["diplograph", "--data", tree, "export", "-o", target]
cli(prog_name="diplograph")
"""


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_sigterm_during_export_leaves_no_temp_file_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_FSYNC_EXPORT, str(FIXTURE_TREE), str(ready), str(target)],
        stderr=subprocess.PIPE, text=True,
    )
    assert wait_for(ready.exists), "the export never reached its write"
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=20)
    assert child.returncode == 143, stderr
    assert stderr.strip() == "diplograph: terminated"
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "ready"]


def graphs(server) -> set[str]:
    query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"})
    request = urllib.request.Request(f"{server.query_url}?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.load(response)
    return {row["g"]["value"] for row in answer["results"]["bindings"]}


def test_sigterm_during_push_replace_drops_the_temporary_graph(oxigraph_server):
    oxigraph_server.clear()
    child = subprocess.Popen(
        [sys.executable, "-m", "diplograph", "--data", str(FIXTURE_TREE), "push",
         "--endpoint", oxigraph_server.query_url,
         "--update-endpoint", oxigraph_server.update_url,
         "--graph", "https://example.org/target", "--replace", "--batch-size", "1"],
        stderr=subprocess.PIPE, text=True,
    )
    assert wait_for(lambda: any(g.startswith("urn:uuid:") for g in graphs(oxigraph_server))), \
        "the temporary graph never appeared"
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 143, stderr
    assert stderr.strip().endswith("diplograph: terminated")
    assert graphs(oxigraph_server) == set()
