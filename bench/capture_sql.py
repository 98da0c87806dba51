#!/usr/bin/env python3
"""Turns the statements a request made PostgreSQL run (logged with log_min_duration_statement=0)
into a pgbench script running exactly the same SQL with the same parameters.

    capture_sql.py SERVER_LOG START_LINE > script.sql
"""
import re
import sys


def statements(lines):
    """(sql, parameters) of every `execute` in the log lines, in order."""
    found = []
    current = None
    for line in lines:
        if line.startswith("\t"):
            if current is not None and current[0] == "sql":
                current[1].append(line[1:])
            continue
        if current is not None and current[0] == "sql":
            found.append(["\n".join(current[1]), {}])
            current = None
        execute = re.search(r"LOG:  duration: [0-9.]+ ms  execute [^:]*: (.*)$", line)
        if execute:
            current = ["sql", [execute.group(1)]]
            continue
        detail = re.search(r"DETAIL:  parameters: (.*)$", line)
        if detail and found and not found[-1][1]:
            found[-1][1] = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", detail.group(1)))
    if current is not None and current[0] == "sql":
        found.append(["\n".join(current[1]), {}])
    return found


def literal_sql(sql, parameters):
    for number in sorted(parameters, key=int, reverse=True):
        sql = re.sub(r"\$" + number + r"(?![0-9])", lambda _: parameters[number], sql)
    return sql


def main():
    path, start = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8", errors="replace") as log:
        lines = log.read().split("\n")[start:]
    for sql, parameters in statements(lines):
        if sql.strip().upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
            continue
        print(literal_sql(sql, parameters).rstrip().rstrip(";") + ";")


if __name__ == "__main__":
    main()
