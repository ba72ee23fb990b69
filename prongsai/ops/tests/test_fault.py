"""Crash durability: a real gunicorn server (2 workers) takes concurrent complaint submissions
through the public API, is killed with SIGKILL mid-way (master and workers), restarted, and the
clients retry what was not acknowledged with the same Idempotency-Key. Every submission that was
acknowledged (201/200 with a receipt code) must be in the database exactly once, and no
submission may be stored twice. Runs on SQLite (WAL, synchronous=FULL) and on PostgreSQL."""

import http.client
import json
import os
import signal
import subprocess
import threading
import time
import uuid

from .procs import PYTHON, ROOT, free_port, fresh_database, manage, query, wait_http

CLIENTS = 12
PER_CLIENT = 6


def start_server(env, port):
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "prongsai.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def submit(port, client, subject, key):
    """One POST from this client's own loopback address (so per-address rate limits apply per client)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20, source_address=(f"127.0.0.{10 + client}", 0))
    body = json.dumps({"category": "other", "subject": subject, "details": "ทดสอบความทนทาน " + subject,
                       "name": "ผู้ทดสอบ", "phone": "081 234 5678"})
    try:
        conn.request("POST", "/api/v1/orgs/faulty/complaints", body=body,
                     headers={"Content-Type": "application/json", "Idempotency-Key": key})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")
    finally:
        conn.close()


def run_scenario(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c",
           "from prongsai.tenancy.models import Organization; Organization.objects.create(slug='faulty', base_name='ทดสอบ')")
    port = free_port()
    server = start_server(env, port)
    wait_http(port)
    acked: dict[str, str] = {}  # subject → code
    # subject → idempotency key, until acknowledged (what a client keeps until it has a receipt)
    pending = {f"fault-{i}-{j}": str(uuid.uuid4()) for i in range(CLIENTS) for j in range(PER_CLIENT)}
    lock = threading.Lock()

    def client(i):
        for j in range(PER_CLIENT):
            subject = f"fault-{i}-{j}"
            key = pending[subject]
            try:
                status, data = submit(port, i, subject, key)
            except OSError:
                return  # server gone: the rest is retried after the restart
            if status in (200, 201):
                with lock:
                    acked[subject] = data["code"]
                    pending.pop(subject, None)
            else:
                raise AssertionError(f"{status}: {data}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    # Kill when about a third of the submissions are acknowledged: writes are in flight.
    deadline = time.monotonic() + 60
    while len(acked) < CLIENTS * PER_CLIENT // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    for t in threads:
        t.join(60)
    acked_before_kill = dict(acked)
    assert acked_before_kill, "nothing was acknowledged before the kill"

    server = start_server(env, port)
    try:
        wait_http(port)
        # Clients retry every unacknowledged submission with the same key (what a kiosk or bot does).
        for subject, key in sorted(pending.items()):
            client_no = int(subject.split("-")[1])
            for _ in range(50):
                try:
                    status, data = submit(port, client_no, subject, key)
                    break
                except OSError:
                    time.sleep(0.2)
            assert status in (200, 201), (status, data)
            acked[subject] = data["code"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)

    rows = query(env, "SELECT subject, code FROM complaints_complaint")
    stored: dict[str, list[str]] = {}
    for subject, code in rows:
        stored.setdefault(subject, []).append(code)
    def norm(code):
        return "".join(ch for ch in code if ch.isalnum()).upper()

    for subject, code in acked.items():  # acknowledged before the kill or after the retry
        assert [norm(c) for c in stored.get(subject, [])] == [norm(code)], subject
    assert all(len(codes) == 1 for codes in stored.values()), {s: c for s, c in stored.items() if len(c) > 1}
    assert set(stored) == {f"fault-{i}-{j}" for i in range(CLIENTS) for j in range(PER_CLIENT)}
    return len(acked_before_kill), len(rows)


def test_sigkill_mid_submission_loses_and_duplicates_nothing(tmp_path):
    with fresh_database(tmp_path, "fault") as env:
        acked_before, total = run_scenario(env)
    assert total == CLIENTS * PER_CLIENT
    assert 0 < acked_before < total
