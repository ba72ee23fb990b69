"""`make bench`: run every bench/*.py script (one at a time: they measure this machine), print
their output as it comes, and write every script's figures to bench/results/latest.json.

A script reports its figures on one line `BENCH-RESULT {json}` (see _common.emit); a script
without one is recorded with its exit code and its last output lines."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import machine  # noqa: E402


def main() -> int:
    only = set(sys.argv[1:])
    scripts = sorted(p for p in HERE.glob("*.py") if not p.name.startswith("_") and p.name not in ("run_all.py", "seed.py"))
    if only:
        scripts = [p for p in scripts if p.stem in only or p.name in only]
    results, failed = {}, []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, str(script)], cwd=HERE.parent, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        lines, figures = [], None
        for line in proc.stdout:
            if line.startswith("BENCH-RESULT "):
                figures = json.loads(line[len("BENCH-RESULT "):])
            else:
                print(line, end="", flush=True)
                lines.append(line)
        code = proc.wait()
        entry = {"exit_code": code, "seconds": round(time.monotonic() - started, 1)}
        if figures is not None:
            entry.update(figures)
        else:
            entry["output_tail"] = "".join(lines[-20:])
        if code != 0:
            failed.append(script.name)
        results[script.stem] = entry
    out = HERE / "results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    if only and out.exists():  # a partial run (`run_all.py load_bench`) updates the other figures' file
        previous = json.loads(out.read_text(encoding="utf-8")).get("results", {})
        results = {**previous, **results}
    payload = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(), "results": results}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nfigures written to {out.relative_to(HERE.parent)}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
