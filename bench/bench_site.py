"""Time ``diplograph site`` as a whole process and measure what it writes.

    python bench/bench_site.py [-n 5] [--data DIR] [--sources DIR] [--work DIR]

Run by hand, never from the tests. Target (this 2-core machine, bundled graph,
with the article texts): under 3 s and under 5 MB. With ``--data`` it builds
any other tree (e.g. one from the scale generator). Wall time includes
creating ~1400 files, which on a busy shared disk can cost more than the
build itself: the CPU time (user + system) is printed beside it, and
``--work /dev/shm`` puts the output on tmpfs to tell the two apart.
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
TARGET_SECONDS, TARGET_BYTES = 3.0, 5_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="builds to time")
    parser.add_argument("--data", help="data tree (default: the bundled graph)")
    parser.add_argument("--sources", default=str(SEEDS) if SEEDS.is_dir() else None,
                        help="captured texts (default: ../shared/seeds when it exists)")
    parser.add_argument("--work", help="folder to build in (default: the system temp folder)")
    args = parser.parse_args()
    command = [sys.executable, "-m", "diplograph"]
    if args.data:
        command += ["--data", args.data]
    work = Path(tempfile.mkdtemp(prefix="bench-site-", dir=args.work))
    try:
        out = work / "site"
        command += ["site", "-o", str(out)]
        if args.sources:
            command += ["--sources", args.sources]
        times, cpu = [], []
        for _ in range(args.n):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        files = [p for p in out.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        median = statistics.median(times)
        print(f"command: {' '.join(command[1:])}")
        print(f"builds: {args.n}, median {median:.2f} s (min {min(times):.2f} s, "
              f"max {max(times):.2f} s); target {TARGET_SECONDS:.0f} s")
        print(f"CPU time (user + system): median {statistics.median(cpu):.2f} s")
        print(f"output: {len(files)} files, {size / 1e6:.2f} MB; target "
              f"{TARGET_BYTES / 1e6:.0f} MB")
        ok = median < TARGET_SECONDS and size < TARGET_BYTES
        print("within target" if ok else "OVER TARGET")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
