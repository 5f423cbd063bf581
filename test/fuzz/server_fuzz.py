#!/usr/bin/env python3
"""Server-level fuzzing of plpolar: bodies mutated from the regression
corpus go through CREATE FUNCTION + call, DO and plpolar.exec on ONE
connection. Run inside pg_virtualenv (see server_fuzz.sh); prints the SQL to
stdout, which is piped into psql.

Usage: server_fuzz.py COUNT SEED FILES...
"""
import random
import re
import sys

count = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
bodies = []
for path in sys.argv[3:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    for m in re.finditer(r"\$(\w*)\$(.*?)\$\1\$", text, re.S):
        if "BEGIN" in m.group(2).upper():
            bodies.append(m.group(2))
if not bodies:
    sys.exit("no bodies found")

TOKENS = ["BEGIN", "END;", "END", "EXCEPTION", "WHEN OTHERS THEN", "WHEN NO_DATA_FOUND THEN", "RAISE;",
          "RAISE ZERO_DIVIDE;", "LOOP", "END LOOP;", "IF", "THEN", "ELSE", "END IF;", "CURSOR c IS SELECT 1;",
          "OPEN c;", "FETCH c INTO x;", "CLOSE c;", "FOR r IN (SELECT 1 AS a) LOOP", "r.a", "c%ROWCOUNT",
          "SQL%ROWCOUNT", "EXECUTE IMMEDIATE 'SELECT 1';", "RAISE_APPLICATION_ERROR(-20001, 'x');", ";", "(",
          ")", ":=", "||", "'", "\"", "NULL", "1/0", "--", "/*", "*/", "%ROWTYPE", "%TYPE", "DECLARE",
          "x NUMBER;", "e EXCEPTION;", "PRAGMA EXCEPTION_INIT(e, -1);", "SQLCODE", "SQLERRM", "RETURN 1;",
          "<<l>>", "EXIT l;", "GOTO l;", "TYPE t IS RECORD (a NUMBER);", "\\x00", "\u00e9", "\ufffd",
          "99999999999999999999999999", "-2147483648", "$1", ":1", "::int", "CAST(", "AS", "..", "**"]


def mutate(body):
    b = body
    # Mostly light mutations, so that many bodies still compile and run.
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        op = rng.randrange(7)
        if op == 5 and rng.random() < 0.8:
            op = 1
        if op == 0 and len(b) > 1:  # delete a span
            i = rng.randrange(len(b))
            b = b[:i] + b[i + rng.randint(1, 20):]
        elif op == 1:  # insert a token
            i = rng.randrange(len(b) + 1)
            b = b[:i] + " " + rng.choice(TOKENS) + " " + b[i:]
        elif op == 2 and len(b) > 1:  # duplicate a span
            i = rng.randrange(len(b))
            j = min(len(b), i + rng.randint(1, 60))
            b = b[:j] + b[i:j] + b[j:]
        elif op == 3:  # splice with another body
            other = rng.choice(bodies)
            i = rng.randrange(len(b) + 1)
            j = rng.randrange(len(other) + 1)
            b = b[:i] + other[j:]
        elif op == 4 and b:  # flip a character
            i = rng.randrange(len(b))
            b = b[:i] + chr(rng.choice([0x20, 0x27, 0x3b, 0x28, 0x29, 0x7c, rng.randint(0x21, 0x7e)])) + b[i + 1:]
        elif op == 5:  # deep nesting
            depth = rng.choice([50, 500, 5000])
            kind = rng.randrange(3)
            if kind == 0:
                b = "BEGIN x := " + "(" * depth + "1" + ")" * depth + "; END;"
            elif kind == 1:
                b = "BEGIN " + "BEGIN " * depth + "NULL; " + "END; " * depth + "END;"
            else:
                b = "BEGIN IF true THEN " * depth + "NULL;" + " END IF; END;" * depth
        else:  # truncate
            b = b[:rng.randrange(len(b) + 1)]
    return b.replace("\x00", "")  # psql cannot send NUL; tested separately


def quote(body):
    tag = "fz"
    while "$" + tag + "$" in body:
        tag += "z"
    return "$" + tag + "$" + body + "$" + tag + "$"


out = sys.stdout
out.write("\\set ON_ERROR_STOP off\n\\set VERBOSITY terse\nSET client_min_messages = error;\n")
out.write("SET statement_timeout = '300ms';\nSET plpolar.logoff_timeout = '1s';\n")
out.write("SELECT 'fuzz-start ' || pg_backend_pid();\n")
for n in range(count):
    body = mutate(rng.choice(bodies))
    way = n % 3
    if way == 0:
        out.write("CREATE OR REPLACE FUNCTION fz_%d(a int DEFAULT 1, b text DEFAULT 'x') RETURNS text "
                  "LANGUAGE plpolar AS %s;\n" % (n % 50, quote(body)))
        out.write("SELECT fz_%d();\n" % (n % 50))
    elif way == 1:
        out.write("DO LANGUAGE plpolar %s;\n" % quote(body))
    else:
        out.write("SELECT count(*) FROM plpolar.exec(%s);\n" % quote(
            "CREATE OR REPLACE PROCEDURE fzp IS\n" + body + "\n/\n"))
    if n % 500 == 499:
        out.write("ROLLBACK;\nSELECT 'fuzz-progress %d ' || pg_backend_pid();\n" % (n + 1))
out.write("ROLLBACK;\nSELECT 'fuzz-end ' || pg_backend_pid();\n")
