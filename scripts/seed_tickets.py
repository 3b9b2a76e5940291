#!/usr/bin/env python3
"""Seeds a store with many synthetic tickets, fast, for list benchmarks.

    python3 scripts/seed_tickets.py --data DIR [--count 1000000]        # SQLite (DIR/smartassist.db)
    python3 scripts/seed_tickets.py --db postgresql://... [--count N]    # PostgreSQL (psql \\copy)

Import an organization pack first (`smartassist import examples/acme.yaml --data DIR`):
teams, services and users are read from the store. Rows go straight into the
`tickets` table in big transactions (no audit events, no comments: the list
benchmarks read tickets only), and the INC/REQ counters are moved past the
seeded numbers so that tickets created afterwards through the API do not collide.

The spread (deterministic, --seed): 70 % incidents / 30 % requests; statuses
closed 40 %, resolved 30 %, new 5 %, assigned 10 %, in_progress 10 %, waiting 5 %;
teams weighted (service desk and workplace busiest); requesters: the pack's users
(one in five tickets) and 20,000 synthetic employees (emp00001...); created times
spread over the 3 years before now, in ticket order.
"""
import argparse
import csv
import datetime
import io
import json
import random
import sqlite3
import subprocess
import sys
import time

COLUMNS = ("id_key, id, type, title, description, status, priority, impact, urgency, team, "
           "assignee, service, config_item, requester, catalog_item, fields, conversation_id, "
           "parent_id, resolution, channel, satisfaction, created, updated, resolved_at, version")
STATUSES = [("closed", 40), ("resolved", 30), ("new", 5), ("assigned", 10), ("in_progress", 10),
            ("waiting", 5)]
TITLES = ["VPN drops every ten minutes", "Laptop very slow since the update", "Printer jams on floor 2",
          "Cannot open SAP invoices", "Outlook does not sync", "New monitor for the desk",
          "Access to the finance share", "Wi-Fi weak in meeting room B", "Teams calls cut off",
          "Password expired while travelling", "Badge does not open the garage", "Excel crashes on save"]
# The store keeps totals per status, team and requester in `ticket_counts`
# (schema version 2): recomputed after seeding. Open the store once with the
# current program (e.g. the import) before seeding, so the table exists.
TOTALS = [
    "DELETE FROM ticket_counts",
    "INSERT INTO ticket_counts (dim, value, n) SELECT 'all', '', COUNT(*) FROM tickets",
    "INSERT INTO ticket_counts (dim, value, n) SELECT 'status', status, COUNT(*) FROM tickets "
    "GROUP BY status",
    "INSERT INTO ticket_counts (dim, value, n) SELECT 'team', lower(team), COUNT(*) FROM tickets "
    "GROUP BY lower(team)",
    "INSERT INTO ticket_counts (dim, value, n) SELECT 'requester', lower(requester), COUNT(*) "
    "FROM tickets GROUP BY lower(requester)",
]
LEVELS = ["low", "medium", "high"]
CHANNELS = ["web", "api", "email", "slack", "teams", "terminal"]


def weighted(rng, items):
    total = sum(w for _, w in items)
    x = rng.uniform(0, total)
    for value, w in items:
        x -= w
        if x <= 0:
            return value
    return items[-1][0]


def fmt(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rows(count, seed, teams, services, users, agents, inc_start, req_start):
    rng = random.Random(seed)
    team_weights = [(t, 6 if t in ("service-desk", "workplace") else 3 if i < 4 else 1)
                    for i, t in enumerate(teams)] or [("", 1)]
    now = int(time.time()) - 3600
    start = now - 3 * 365 * 86400
    step = (now - start) / max(count, 1)
    inc, req = inc_start, req_start
    for n in range(count):
        is_inc = rng.random() < 0.7
        if is_inc:
            inc += 1
            tid = "INC-%06d" % inc
        else:
            req += 1
            tid = "REQ-%06d" % req
        status = weighted(rng, STATUSES)
        team = "" if status == "new" else weighted(rng, team_weights)
        created = int(start + n * step)
        updated = created + rng.randint(0, 5 * 86400)
        if rng.random() < 0.2 and users:
            requester = rng.choice(users)
        else:
            requester = "emp%05d" % rng.randint(1, 20000)
        resolved = status in ("resolved", "closed")
        impact, urgency = rng.choice(LEVELS), rng.choice(LEVELS)
        yield (tid.lower(), tid, "incident" if is_inc else "request", rng.choice(TITLES),
               "Synthetic ticket for the list benchmark.", status, "P%d" % rng.randint(1, 4), impact,
               urgency, team, rng.choice(agents) if team and agents and rng.random() < 0.6 else "",
               rng.choice(services) if services and rng.random() < 0.7 else "", "", requester, "", "{}",
               "", "", "fixed" if resolved else "", rng.choice(CHANNELS),
               rng.randint(1, 5) if resolved and rng.random() < 0.3 else 0, fmt(created), fmt(updated),
               fmt(updated) if resolved else "", 1)
    return


def counters(conn_query):
    values = dict(conn_query("SELECT name, value FROM ticket_counters"))
    return int(values.get("INC", 0)), int(values.get("REQ", 0))


def seed_sqlite(args):
    db = sqlite3.connect(args.data.rstrip("/") + "/smartassist.db", isolation_level=None)
    db.execute("PRAGMA busy_timeout=10000")
    q = lambda sql: db.execute(sql).fetchall()
    teams = [r[0] for r in q("SELECT id FROM teams ORDER BY id_key")]
    services = [r[0] for r in q("SELECT id FROM services ORDER BY id_key")]
    users = [r[0] for r in q("SELECT id FROM users ORDER BY id_key")]
    agents = [r[0] for r in q("SELECT id FROM users WHERE role IN ('agent', 'admin') ORDER BY id_key")]
    inc0, req0 = counters(q)
    sql = "INSERT INTO tickets (%s) VALUES (%s)" % (COLUMNS, ", ".join("?" * 25))
    batch, done, t0 = [], 0, time.time()
    inc, req = inc0, req0
    for row in rows(args.count, args.seed, teams, services, users, agents, inc0, req0):
        batch.append(row)
        if row[2] == "incident":
            inc += 1
        else:
            req += 1
        if len(batch) == args.batch:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(sql, batch)
            db.execute("COMMIT")
            done += len(batch)
            batch = []
            print("%d tickets, %.0f s" % (done, time.time() - t0), file=sys.stderr)
    db.execute("BEGIN IMMEDIATE")
    db.executemany(sql, batch)
    for name, value in (("INC", inc), ("REQ", req)):
        db.execute("INSERT INTO ticket_counters (name, value) VALUES (?, ?) "
                   "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))
    for sql in TOTALS:
        db.execute(sql)
    db.execute("COMMIT")
    db.execute("ANALYZE")
    print("seeded %d tickets in %.0f s (INC up to %d, REQ up to %d)" %
          (args.count, time.time() - t0, inc, req))


def seed_postgres(args):
    def q(sql):
        out = subprocess.run(["psql", args.db, "-At", "-F", "\t", "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    teams = [r[0] for r in q("SELECT id FROM teams ORDER BY id_key")]
    services = [r[0] for r in q("SELECT id FROM services ORDER BY id_key")]
    users = [r[0] for r in q("SELECT id FROM users ORDER BY id_key")]
    agents = [r[0] for r in q("SELECT id FROM users WHERE role IN ('agent', 'admin') ORDER BY id_key")]
    inc0, req0 = counters(q)
    t0 = time.time()
    proc = subprocess.Popen(["psql", args.db, "-q", "-c",
                             "\\copy tickets (%s) FROM STDIN WITH (FORMAT csv, NULL '\\N')" % COLUMNS],
                            stdin=subprocess.PIPE, text=True)
    w = csv.writer(proc.stdin)
    inc, req = inc0, req0
    for row in rows(args.count, args.seed, teams, services, users, agents, inc0, req0):
        w.writerow(row)
        if row[2] == "incident":
            inc += 1
        else:
            req += 1
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("psql \\copy failed")
    for name, value in (("INC", inc), ("REQ", req)):
        q("INSERT INTO ticket_counters (name, value) VALUES ('%s', %d) "
          "ON CONFLICT (name) DO UPDATE SET value = excluded.value" % (name, value))
    q("BEGIN; " + "; ".join(TOTALS) + "; COMMIT")
    q("ANALYZE tickets")
    print("seeded %d tickets in %.0f s (INC up to %d, REQ up to %d)" %
          (args.count, time.time() - t0, inc, req))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", help="SQLite data directory")
    p.add_argument("--db", help="postgresql:// URI")
    p.add_argument("--count", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch", type=int, default=100_000, help="rows per transaction (SQLite)")
    args = p.parse_args()
    if bool(args.data) == bool(args.db):
        p.error("give --data DIR or --db URI")
    seed_postgres(args) if args.db else seed_sqlite(args)


if __name__ == "__main__":
    main()
