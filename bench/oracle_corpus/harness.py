#!/usr/bin/env python3
"""How much public Oracle code runs as written through plpolar.exec.

harness.py [options] CORPUS_DIR [CORPUS_DIR ...]

For every corpus directory: its Oracle script files are grouped into file sets (--set-depth),
each file set gets two fresh databases with CREATE EXTENSION plpolar:
  * "file" run: every file through plpolar.exec(whole file), one transaction per file;
  * "unit" run: every file split into units the way SQL*Plus does (SQL*Plus lines, SQL up to
    `;`, PL/SQL units up to a `/` line), each unit through plpolar.exec in its own
    transaction (autocommit), so one failure does not hide the rest.
Results go to OUT/results.jsonl (one line per unit / file); OUT/summary.txt is the report.
Only psql is used (no driver needed): PGHOST / PGPORT / PGUSER from the environment.
"""
import argparse, collections, concurrent.futures, hashlib, json, os, re, subprocess, sys, tempfile, time

EXTS = ('.sql', '.pks', '.pkb', '.pkg', '.pck', '.pls', '.plb', '.prc', '.fnc', '.trg', '.tab',
        '.tbl', '.vw', '.typ', '.tps', '.tpb', '.seq', '.idx', '.con', '.ddl', '.spc', '.bdy',
        '.syn', '.plsql', '.sqlplus', '.ora')

# ----------------------------------------------------------------------------------------------
# Splitting (SQL*Plus's rules, simplified)

SQLPLUS_WORDS = {
    'REM', 'REMARK', 'PRO', 'PROMPT', 'SET', 'SPO', 'SPOOL', 'WHENEVER', 'SHO', 'SHOW', 'COL',
    'COLUMN', 'DEF', 'DEFINE', 'UNDEF', 'UNDEFINE', 'EXEC', 'EXECUTE', 'VAR', 'VARIABLE', 'PRINT',
    'ACCEPT', 'ACC', 'PAUSE', 'CL', 'CLEAR', 'BREAK', 'BRE', 'COMPUTE', 'COMP', 'TTITLE', 'TTI',
    'BTITLE', 'BTI', 'HOST', 'CONN', 'CONNECT', 'DISC', 'DISCONNECT', 'EXIT', 'QUIT', 'START',
    'STA', 'DESC', 'DESCRIBE', 'TIMING', 'TIMI', 'STORE', 'HELP', 'PASSWORD', 'STARTUP',
    'SHUTDOWN', 'RUN', 'SAVE', 'GET', 'EDIT', 'ED', 'INPUT', 'APPEND', 'ATTRIBUTE', 'REPHEADER',
    'REPFOOTER', 'XQUERY', 'LIST', 'L', 'R', 'SQLBLANKLINES', 'SPOOL', 'ARCHIVE', 'RECOVER',
    'COPY', 'PAU'}
SET_SQL = re.compile(r'^\s*set\s+(transaction|role|constraints?)\b', re.I)
PLSQL_START = re.compile(
    r'^\s*(create\s+(or\s+replace\s+)?((editionable|noneditionable|editioning)\s+)?'
    r'(function|procedure|package|type|trigger|library|java)\b|declare\b|begin\b|<<)', re.I)


def scan(line, st):
    """Advances the lexical state st ('' | "'" | 'q<close>' | '"' | '*') over line.
    Returns (state, text of the line outside comments and quotes, stripped)."""
    out = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if st == '':
            if c == '-' and line.startswith('--', i):
                break
            if c == '/' and line.startswith('/*', i):
                st = '*'; i += 2; out.append(' '); continue
            if c in 'qQnN' and i + 2 < n and line[i + 1] in "qQ'" :
                # q'[...]', nq'[...]'
                j = i + 1 if c in 'nN' else i
                if line[j] in 'qQ' and j + 2 < n and line[j + 1] == "'":
                    o = line[j + 2]
                    close = {'[': ']', '(': ')', '{': '}', '<': '>'}.get(o, o)
                    st = 'q' + close; i = j + 3; out.append('Q'); continue
            if c == "'":
                st = "'"; i += 1; out.append('S'); continue
            if c == '"':
                st = '"'; i += 1; out.append('I'); continue
            out.append(c); i += 1; continue
        if st == '*':
            k = line.find('*/', i)
            if k < 0:
                return st, ''.join(out).strip()
            st = ''; i = k + 2; continue
        if st == "'":
            k = line.find("'", i)
            if k < 0:
                return st, ''.join(out).strip()
            if k + 1 < n and line[k + 1] == "'":
                i = k + 2; continue
            st = ''; i = k + 1; continue
        if st == '"':
            k = line.find('"', i)
            if k < 0:
                return st, ''.join(out).strip()
            st = ''; i = k + 1; continue
        if st.startswith('q'):
            k = line.find(st[1] + "'", i)
            if k < 0:
                return st, ''.join(out).strip()
            st = ''; i = k + 2; continue
    return st, ''.join(out).strip()


def split_units(text):
    """Yields (first line number, unit text, mode) with mode sqlplus | sql | plsql."""
    lines = text.splitlines()
    i, n = 0, len(lines)
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s or s.startswith('--') or s == '/' or s == '.':
            i += 1; continue
        if s.startswith('/*'):
            st, code = scan(raw, '')
            j = i
            while st == '*' and j + 1 < n:
                j += 1
                st, code = scan(lines[j], st)
            if code:
                # code after the comment on the same line: treat the rest as a new line
                k = lines[j].find('*/')
                lines[j] = lines[j][k + 2:]
                i = j
                continue
            i = j + 1; continue
        word = re.match(r'[@A-Za-z_]*', s).group(0).upper()
        if s.startswith('@') or (word in SQLPLUS_WORDS and not SET_SQL.match(s)):
            j = i
            while lines[j].rstrip().endswith('-') and j + 1 < n:
                j += 1
            yield i + 1, '\n'.join(lines[i:j + 1]), 'sqlplus'
            i = j + 1; continue
        if PLSQL_START.match(s):
            j = i; st = ''
            while j < n:
                if j > i and lines[j].strip() == '/' and st == '':
                    break
                st, _ = scan(lines[j], st)
                j += 1
            unit = '\n'.join(lines[i:j]).rstrip()
            if j < n:
                unit += '\n/'
            yield i + 1, unit, 'plsql'
            i = j + 1; continue
        # plain SQL: up to a line ending in ';' (outside quotes and comments) or a '/' line
        j = i; st = ''
        while j < n:
            if j > i and lines[j].strip() == '/' and st == '':
                break
            st, code = scan(lines[j], st)
            if st == '' and code.endswith(';'):
                j += 1
                break
            j += 1
        yield i + 1, '\n'.join(lines[i:j]).rstrip(), 'sql'
        i = j
        if i < n and lines[i].strip() == '/':
            i += 1


# ----------------------------------------------------------------------------------------------
# Unit kinds (leading keywords)

def strip_comments(t):
    out, st = [], ''
    for ln in t.splitlines():
        st2, code = scan(ln, st)
        out.append(code)
        st = st2
    return ' '.join(out)


def unit_kind(text, mode):
    if mode == 'sqlplus':
        w = re.match(r'\s*(@@?|[A-Za-z]+)', text)
        w = (w.group(1) if w else '?').upper()
        return 'SQL*Plus ' + {'REMARK': 'REM', 'PRO': 'PROMPT', 'EXECUTE': 'EXEC', 'SPO': 'SPOOL',
                              'SHO': 'SHOW', 'COL': 'COLUMN', 'DEF': 'DEFINE'}.get(w, w)
    c = re.sub(r'\s+', ' ', strip_comments(text)).strip().upper()
    c = re.sub(r'^CREATE (OR REPLACE )?((NON)?EDITIONABLE |EDITIONING )?(FORCE |NOFORCE )?', 'CREATE ', c)
    if re.match(r'^(DECLARE|BEGIN|<<)', c):
        return 'anonymous block'
    m = re.match(r'^CREATE (FUNCTION|PROCEDURE)\b', c)
    if m:
        return 'CREATE ' + m.group(1)
    if c.startswith('CREATE PACKAGE BODY'):
        return 'CREATE PACKAGE BODY'
    if c.startswith('CREATE PACKAGE'):
        return 'CREATE PACKAGE'
    if c.startswith('CREATE TYPE BODY'):
        return 'CREATE TYPE BODY'
    if c.startswith('CREATE TYPE'):
        if re.search(r'\b(IS|AS) (TABLE OF|VARRAY|VARYING ARRAY)\b', c):
            return 'CREATE TYPE (collection)'
        if re.search(r'\b(AS|IS) OBJECT\b|\bUNDER\b', c):
            return 'CREATE TYPE (object)'
        if re.match(r'^CREATE TYPE [\w."$#]+ ?;?$', c):
            return 'CREATE TYPE (incomplete)'
        return 'CREATE TYPE (other)'
    if c.startswith('CREATE TRIGGER'):
        head = c[:400]
        if re.search(r'\bON (DATABASE|SCHEMA|[\w"]+\.SCHEMA)\b', head) or re.search(
                r'\b(LOGON|LOGOFF|STARTUP|SHUTDOWN|SERVERERROR|DDL)\b', head):
            return 'CREATE TRIGGER (system)'
        if 'INSTEAD OF' in head:
            return 'CREATE TRIGGER (INSTEAD OF)'
        return 'CREATE TRIGGER (DML)'
    if re.match(r'^CREATE (GLOBAL TEMPORARY |PRIVATE TEMPORARY |SHARDED |DUPLICATED |BLOCKCHAIN |IMMUTABLE )*TABLE\b', c):
        return 'CREATE TABLE'
    m = re.match(r'^CREATE (MATERIALIZED VIEW|VIEW|(UNIQUE |BITMAP )?INDEX|SEQUENCE|(PUBLIC )?SYNONYM|USER|ROLE|DIRECTORY|CONTEXT|DATABASE LINK|JAVA|LIBRARY|CLUSTER|TABLESPACE|PROFILE)\b', c)
    if m:
        k = m.group(1)
        k = 'INDEX' if 'INDEX' in k else ('SYNONYM' if 'SYNONYM' in k else k)
        return 'CREATE ' + k
    m = re.match(r'^(ALTER|DROP) (TABLE|SESSION|SYSTEM|SEQUENCE|INDEX|VIEW|USER|TYPE|PACKAGE|PROCEDURE|FUNCTION|TRIGGER|SYNONYM|PUBLIC SYNONYM|MATERIALIZED VIEW)\b', c)
    if m:
        return m.group(1) + ' ' + m.group(2).replace('PUBLIC ', '')
    m = re.match(r'^(GRANT|REVOKE|COMMENT|INSERT|UPDATE|DELETE|MERGE|SELECT|WITH|COMMIT|ROLLBACK|TRUNCATE|CALL|ANALYZE|EXPLAIN|LOCK|SAVEPOINT|PURGE|FLASHBACK|RENAME|ALTER|DROP|CREATE)\b', c)
    if m:
        k = m.group(1)
        if k == 'WITH':
            k = 'SELECT'
        if k in ('ALTER', 'DROP', 'CREATE'):
            w = c.split(' ')
            k = ' '.join(w[:2])
        return k
    return 'other: ' + ' '.join(c.split(' ')[:2])[:30]


CREATED = re.compile(
    r'^\s*create\s+(?:or\s+replace\s+)?(?:(?:non)?editionable\s+|editioning\s+)?(?:force\s+)?'
    r'(?:global\s+temporary\s+|unique\s+|bitmap\s+|public\s+|materialized\s+)?'
    r'(?:table|view|index|sequence|synonym|function|procedure|package\s+body|package|type\s+body|type|trigger)\s+'
    r'(?:if\s+not\s+exists\s+)?((?:"?[\w$#]+"?\.)?"?[\w$#]+"?)', re.I)


def created_name(text):
    m = CREATED.match(strip_comments(text))
    if not m:
        return None
    return m.group(1).split('.')[-1].strip('"').lower()


INSERT_INTO = re.compile(r'^\s*insert\s+into\s+((?:"?[\w$#]+"?\.)?"?[\w$#]+"?)', re.I)


def merged_units(text):
    """split_units with their kinds; a run of consecutive INSERTs into the same table (a data
    load) is one unit, run as one script, so data files do not swamp the counts."""
    pend = None
    for line, unit, mode in split_units(text):
        kind = unit_kind(unit, mode)
        m = INSERT_INTO.match(strip_comments(unit)) if kind == 'INSERT' else None
        tgt = m.group(1).lower() if m else None
        if pend and tgt and pend[5] == tgt:
            pend[1] += '\n' + unit; pend[4] += 1
            continue
        if pend:
            yield tuple(pend[:5])
            pend = None
        if tgt:
            pend = [line, unit, mode, kind, 1, tgt]
            continue
        yield line, unit, mode, kind, 1
    if pend:
        yield tuple(pend[:5])


# ----------------------------------------------------------------------------------------------
# Running

def psql(db, args, stdin=None, timeout=120):
    cmd = ['psql', '-X', '-q', '-At', '-d', db] + args
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout,
                           errors='replace')
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return 99, '', 'ERROR:  harness timeout (%ds)' % timeout


def exec_script(db, text, tmpdir, timeout_s):
    f = os.path.join(tmpdir, 'unit.sql')
    with open(f, 'w') as fh:
        fh.write(text)
    w = ('\\set ON_ERROR_STOP 1\n\\set VERBOSITY verbose\nSET client_min_messages = warning;\n'
         'SET statement_timeout = %d;\n\\set src `cat %s`\nSELECT count(*) FROM plpolar.exec(:\'src\');\n'
         % (timeout_s * 1000, f))
    rc, out, err = psql(db, [], stdin=w, timeout=timeout_s + 30)
    if rc == 0:
        return True, None
    return False, parse_error(err)


def parse_error(err):
    lines = err.splitlines()
    e = {'message': None, 'sqlstate': None, 'line_excerpt': None, 'context': None, 'raw': err[-3000:]}
    for k, ln in enumerate(lines):
        m = re.match(r'^(?:psql:[^:]*:\d+: )?(ERROR|FATAL):\s+(?:([0-9A-Z]{5}): )?(.*)$', ln)
        if m and e['message'] is None:
            e['sqlstate'] = m.group(2)
            e['message'] = m.group(3)
            continue
        if ln.startswith('LINE ') and e['line_excerpt'] is None:
            caret = lines[k + 1] if k + 1 < len(lines) else ''
            e['line_excerpt'] = ln + '\n' + caret
        if ln.startswith('CONTEXT:') and e['context'] is None:
            e['context'] = ln[9:].strip()
    if e['message'] is None:
        e['message'] = (lines[-1] if lines else 'unknown failure')[:300]
    return e


def make_db(name):
    psql('postgres', ['-c', 'DROP DATABASE IF EXISTS "%s"' % name])
    rc, _, err = psql('postgres', ['-c', 'CREATE DATABASE "%s"' % name])
    if rc != 0:
        raise RuntimeError(err)
    rc, _, err = psql(name, ['-c', 'CREATE EXTENSION plpolar'])
    if rc != 0:
        raise RuntimeError(err)


def drop_db(name):
    psql('postgres', ['-c', 'DROP DATABASE IF EXISTS "%s"' % name])


ORDER = {'.tab': 0, '.tbl': 0, '.seq': 0, '.ddl': 0, '.typ': 1, '.tps': 1, '.con': 1, '.idx': 1,
         '.syn': 1, '.pks': 2, '.spc': 2, '.sql': 3, '.fnc': 3, '.prc': 3, '.plsql': 3,
         '.sqlplus': 3, '.vw': 3, '.pkg': 3, '.pck': 3, '.pls': 3, '.ora': 3,
         '.pkb': 4, '.bdy': 4, '.plb': 4, '.tpb': 4, '.trg': 5}


def file_order(rel):
    base = os.path.basename(rel).lower()
    ext = os.path.splitext(base)[1]
    o = ORDER.get(ext, 3)
    if o == 3:   # .sql files named like their content
        for pat, v in ((r'(drop|uninstall|clean|remove)', 9), (r'(^|_)(tab|table|tables|seq|ddl|schema|cre_)', 0),
                       (r'(type|typ)s?(\.|_)', 1), (r'(spec|pks|_s\.sql|_h\.sql)', 2), (r'(body|pkb|_b\.sql)', 4),
                       (r'(trg|trigger)', 5), (r'(install|setup|main)', 8), (r'(data|insert|populate|load)', 6)):
            if re.search(pat, base):
                o = v
                break
    if re.search(r'(^|/)(tests?|demos?|examples?|samples?|utplsql_tests?)(/|$)', os.path.dirname(rel).lower()):
        o += 10
    return (o, os.path.dirname(rel), base)


def read_text(path):
    with open(path, 'rb') as f:
        b = f.read()
    for enc in ('utf-8', 'cp1252', 'latin-1'):
        try:
            return b.decode(enc).replace('\r\n', '\n').replace('\r', '\n').replace('\x00', '')
        except UnicodeDecodeError:
            pass


def run_set(args, corpus, setname, files):
    tag = hashlib.md5((corpus + '|' + setname).encode()).hexdigest()[:10]
    tmpdir = tempfile.mkdtemp(prefix='ocb_')
    rows = []
    # 1. whole files
    db = 'ocb_f_' + tag
    make_db(db)
    for rel in files:
        text = read_text(os.path.join(args.root[corpus], rel))
        ok, err = exec_script(db, text, tmpdir, args.timeout)
        rows.append({'corpus': corpus, 'set': setname, 'file': rel, 'run': 'file', 'ok': ok, 'error': err})
    drop_db(db)
    # 2. units
    db = 'ocb_u_' + tag
    make_db(db)
    failed_names, done_names = set(), set()
    for rel in files:
        text = read_text(os.path.join(args.root[corpus], rel))
        for n, (line, unit, mode, kind, nst) in enumerate(merged_units(text)):
            ok, err = exec_script(db, unit, tmpdir, args.timeout)
            name = created_name(unit) if mode != 'sqlplus' else None
            r = {'corpus': corpus, 'set': setname, 'file': rel, 'run': 'unit', 'unit': n + 1, 'line': line,
                 'mode': mode, 'kind': kind, 'ok': ok, 'error': err, 'name': name,
                 'text': unit[:4000], 'nlines': unit.count('\n') + 1, 'nstmts': nst}
            if not ok:
                r['dep'] = sorted(n for n in failed_names - done_names if n and re.search(
                    r'(?<![\w$#])' + re.escape(n) + r'(?![\w$#])', (err['message'] or '').lower()))
                if name:
                    failed_names.add(name)
            elif name:
                done_names.add(name)
            rows.append(r)
    if not args.keep:
        drop_db(db)
    return rows


# ----------------------------------------------------------------------------------------------
# Classification

FUTURE = 'future'
NOW = 'now'
OTHER = 'other'
ORACLE_PKG = re.compile(r'\b(dbms_\w+|utl_\w+|apex_\w+|owa\w*|htp|htf|wwv_\w+|ctx_\w+|ctxsys|sys_context|'
                        r'user_\w+|all_\w+|dba_\w+|v\$\w+|gv\$\w+|sys\.\w+|xmltype|anydata|dbms_sql|'
                        r'sdo_\w+|ords\w*|json_object_t|json_array_t|json_element_t)\b', re.I)


def offending_line(r):
    """The source line the error points at, when we can tell (the unit's line)."""
    e = r['error'] or {}
    ctx = (e.get('context') or '') + ' ' + (e.get('raw') or '')
    text = r['text'].splitlines()
    m = re.search(r'near line (\d+), column (\d+)', ctx)
    m2 = re.search(r"its body's line 1 is line (\d+)", ctx)
    if m and m2:
        k = int(m.group(1)) + int(m2.group(1)) - 2
        if 0 <= k < len(text):
            return text[k].strip()
    m = re.search(r'statement \d+ \(line (\d+) of the script', ctx)
    if e.get('line_excerpt'):
        return e['line_excerpt'].split('\n')[0]
    if m:
        k = int(m.group(1)) - 1
        if 0 <= k < len(text):
            return text[k].strip()
    return ''


def norm_message(msg):
    m = msg or ''
    m = re.sub(r'\s*\((no viable alternative|extraneous input|mismatched input|missing|token recognition)[^)]*\)?.*$', '', m)
    m = re.sub(r'(relation|function|procedure|schema|table|view|sequence|index|column|constraint|trigger|database|role|operator|type) "[^"]*" (does not exist|already exists)',
               lambda x: '%s "…" %s' % (x.group(1), x.group(2)) if x.group(1) not in ('type',) else x.group(0), m)
    m = re.sub(r'function [\w."$#]+\((.*?)\) does not exist', 'function …(…) does not exist', m)
    m = re.sub(r'procedure [\w."$#]+\((.*?)\) does not exist', 'procedure …(…) does not exist', m)
    m = re.sub(r'column "[^"]*" of relation "[^"]*"', 'column "…" of relation "…"', m)
    m = re.sub(r'column [\w.]+ does not exist', 'column … does not exist', m)
    m = re.sub(r'missing FROM-clause entry for table "[^"]*"', 'missing FROM-clause entry for table "…"', m)
    m = re.sub(r'"[^"]*" is not a known variable', '"…" is not a known variable', m)
    m = re.sub(r'\d+', 'N', m) if 'syntax error' not in m else m
    return m[:160]


def classify(r):
    """(owner, category, root cause) of a failed unit."""
    e = r['error'] or {}
    msg = e.get('message') or ''
    low = msg.lower()
    kind = r['kind']
    text = r['text']
    ctext = strip_comments(text)
    cu = ctext.upper()
    off = offending_line(r)
    offu = off.upper()
    nm = norm_message(msg)
    if kind in ('SQL*Plus @', 'SQL*Plus @@', 'SQL*Plus START', 'SQL*Plus STA'):
        return NOW, 'SQL*Plus command', '@file / @@file / START (refused by design: pass the text)'
    if kind in ('SQL*Plus CONNECT', 'SQL*Plus CONN', 'SQL*Plus DISCONNECT', 'SQL*Plus DISC', 'SQL*Plus HOST'):
        return NOW, 'SQL*Plus command', 'CONNECT / DISCONNECT / HOST (refused by design)'
    if r.get('dep'):
        return OTHER, 'missing dependency (an earlier unit failed)', 'needs ' + ', '.join(r['dep'][:3])
    if 'harness timeout' in low or 'canceling statement due to statement timeout' in low:
        return OTHER, 'timeout', nm
    if kind == 'SQL*Plus RUN' and len(text.split()) > 2:
        return OTHER, 'not a statement (book fragment / prose / split artefact)', 'prose line starting "Run"'
    if kind.startswith('SQL*Plus') and kind != 'SQL*Plus EXEC':
        return NOW, 'SQL*Plus command', kind + ': ' + nm
    if re.search(r'&&?\w', ctext) and ('syntax error at or near "&' in low or 'at or near "&' in low
                                         or re.search(r'&&?\w', off)):
        return NOW, 'SQL*Plus substitution variable (&name)', '&name in ' + kind
    if 'already exists' in low and re.match(r'^(CREATE (TABLE|SEQUENCE|INDEX|VIEW|SYNONYM|USER|ROLE|DIRECTORY)|ALTER TABLE)', kind):
        return OTHER, 'already exists (name reused in the file set / no OR REPLACE)', kind + ': ' + nm
    if kind.startswith('DROP') and 'does not exist' in low:
        return OTHER, 'DROP of an object that does not exist (fails in Oracle too)', kind
    if kind.startswith('other:') or (kind == 'SQL*Plus RUN' and len(text.split()) > 2):
        return OTHER, 'not a statement (book fragment / prose / split artefact)', kind
    if kind in ('DROP TYPE', 'ALTER TYPE'):
        return FUTURE, 'object type', kind + ' (' + nm + ')'
    if kind in ('DROP PACKAGE', 'ALTER PACKAGE'):
        return FUTURE, 'package', kind + ' (' + nm + ')'
    if kind in ('DROP TRIGGER', 'ALTER TRIGGER'):
        return FUTURE, 'DML trigger', kind + ' (' + nm + ')'
    if kind.startswith('other:'):
        return OTHER, 'not a statement (book fragment / prose / split artefact)', kind
    # owned by future issues
    if kind in ('CREATE PACKAGE', 'CREATE PACKAGE BODY'):
        return FUTURE, 'package', kind
    if kind in ('CREATE TYPE (object)', 'CREATE TYPE BODY', 'CREATE TYPE (incomplete)'):
        return FUTURE, 'object type', kind
    if kind == 'CREATE TYPE (collection)':
        return FUTURE, 'collection type (TABLE OF / VARRAY)', kind
    if kind == 'CREATE TRIGGER (DML)' or kind == 'CREATE TRIGGER (INSTEAD OF)':
        return FUTURE, 'DML trigger', kind
    if kind == 'CREATE TRIGGER (system)':
        return FUTURE, 'system trigger', kind
    if 'AUTONOMOUS_TRANSACTION' in offu or ('AUTONOMOUS_TRANSACTION' in cu and 'pragma' in low):
        return FUTURE, 'autonomous transaction', 'PRAGMA AUTONOMOUS_TRANSACTION'
    if ('PIPELINED' in cu and 'pipelined' in low) or re.search(r'\bPIPE ROW\b', offu):
        return FUTURE, 'collections (PL: TABLE OF / VARRAY / BULK COLLECT / FORALL / PIPELINED)', 'PIPELINED / PIPE ROW'
    COLL = r'\b(TABLE OF|VARRAY|VARYING ARRAY|INDEX BY|BULK COLLECT|FORALL|MEMBER OF|MULTISET|TABLE\s*\()|\.(EXTEND|COUNT|FIRST|LAST|DELETE|EXISTS|PRIOR|NEXT|TRIM)\b|^\s*[\w.]+\s*\([^()]*\)\s*(\.\s*\w+\s*)?:='
    w = re.search(COLL, offu)
    if w and 'syntax error' in low or w and 'must be declared' in low:
        c = w.group(0).strip()
        return FUTURE, 'collections (PL: TABLE OF / VARRAY / BULK COLLECT / FORALL / PIPELINED)', 'x(i) := ...' if ':=' in c else c
    mp = ORACLE_PKG.search(msg) or (ORACLE_PKG.search(off) if ('does not exist' in low or 'missing FROM' in msg) else None)
    if mp and ('does not exist' in low or 'missing from-clause' in low or 'cross-database' in low or 'not a known variable' in low
               or 'must be declared' in low):
        return OTHER, 'Oracle-supplied package / view / type (DBMS_*, UTL_*, APEX_*, USER_*, V$ ...)', mp.group(0).upper()
    if 'cross-database references are not implemented' in low:
        return OTHER, 'missing dependency (schema-qualified name / other schema)', nm
    if re.search(r'(relation|function|procedure|type|schema|sequence) .*does not exist', low) and 'type "number"' not in low \
            and not re.search(r'type "(varchar2|number|raw|long|nvarchar2|binary_\w+|pls_integer|clob|blob|nclob|rowid|urowid|xmltype|bfile)"', low):
        return OTHER, 'missing dependency (object not created by this file set)', nm
    if ('type "q" does not exist' in low or ('syntax error' in low and re.search(r"\bn?q'", off, re.I))) and \
            kind in ('CREATE FUNCTION', 'CREATE PROCEDURE', 'anonymous block', 'SQL*Plus EXEC'):
        return NOW, 'PL syntax / compile error', "q'[...]' quoting inside a PL body (type \"q\" does not exist / syntax error)"
    if re.search(r'identifier "[\w$#]+\.[\w$#.]+" must be declared', low):
        return OTHER, 'missing dependency (object not created by this file set)', 'identifier "pkg.member" must be declared'
    # within the current scope
    if re.search(r'^\s*\$(if|else|elsif|end|error)\b|\$\$\w', ctext, re.I | re.M) and (
            'dollar' in low or '$' in off or 'syntax error' in low):
        return NOW, 'PL syntax / compile error', 'conditional compilation ($IF ... $THEN / $$flag)'
    if kind == 'CREATE TABLE':
        return NOW, 'CREATE TABLE clause / column type', table_cause(msg, off, cu)
    if kind == 'CREATE SEQUENCE':
        return NOW, 'sequence', 'CREATE SEQUENCE: ' + nm
    if kind in ('GRANT', 'REVOKE', 'CREATE SYNONYM', 'DROP SYNONYM'):
        return NOW, 'GRANT / synonym', kind + ': ' + nm
    if kind in ('CREATE FUNCTION', 'CREATE PROCEDURE', 'anonymous block'):
        if 'syntax error' in low or 'compilation' in (e.get('context') or ''):
            return NOW, 'PL syntax / compile error', pl_cause(msg, off)
        return NOW, 'PL runtime / SQL inside PL', nm
    if kind in ('CREATE INDEX', 'ALTER TABLE', 'CREATE VIEW', 'CREATE MATERIALIZED VIEW', 'COMMENT', 'ALTER SESSION',
                'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT', 'ALTER SEQUENCE', 'DROP TABLE', 'DROP SEQUENCE',
                'TRUNCATE', 'COMMIT', 'ROLLBACK', 'CREATE USER', 'CREATE ROLE', 'CREATE DIRECTORY', 'CREATE CONTEXT',
                'ALTER SYSTEM', 'ALTER USER', 'ANALYZE'):
        return NOW, 'other SQL / DDL (Oracle dialect)', kind + ': ' + nm
    return OTHER, 'other', kind + ': ' + nm


def table_cause(msg, off, cu):
    low = msg.lower()
    m = re.search(r'type "([^"]+)" does not exist', low)
    if m:
        return 'column type %s' % m.group(1).upper()
    m = re.search(r'syntax error at or near "([^"]+)"', msg)
    if m:
        tok = m.group(1).upper()
        ctx = off.upper()
        for pat, name in ((r'VARCHAR2\s*\(\s*\d+\s+(BYTE|CHAR)', 'VARCHAR2(n BYTE|CHAR)'),
                          (r'ORGANIZATION\s+INDEX', 'ORGANIZATION INDEX'),
                          (r'ORGANIZATION\s+EXTERNAL', 'ORGANIZATION EXTERNAL'),
                          (r'\bTABLESPACE\b', 'TABLESPACE name'), (r'\bSTORAGE\b', 'STORAGE (...)'),
                          (r'\b(PCTFREE|PCTUSED|INITRANS|MAXTRANS)\b', 'PCTFREE/INITRANS ...'),
                          (r'\b(NOLOGGING|LOGGING)\b', '[NO]LOGGING'), (r'\b(NOCOMPRESS|COMPRESS)\b', '[NO]COMPRESS'),
                          (r'\bENABLE\b|\bDISABLE\b', 'constraint ENABLE/DISABLE'),
                          (r'\bUSING INDEX\b', 'USING INDEX ...'), (r'\bON COMMIT\b', 'ON COMMIT ...'),
                          (r'\bGENERATED\b.*\bAS IDENTITY\b', 'GENERATED ... AS IDENTITY options'),
                          (r'\bPARTITION\b', 'PARTITION BY ...'), (r'\bLOB\s*\(', 'LOB (...) STORE AS'),
                          (r'\bSEGMENT CREATION\b', 'SEGMENT CREATION'), (r'\bDEFAULT ON NULL\b', 'DEFAULT ON NULL'),
                          (r'\bVIRTUAL\b|GENERATED ALWAYS AS', 'virtual column'), (r'\bRELY\b', 'RELY'),
                          (r'\bNOVALIDATE\b', 'NOVALIDATE'), (r'\bDEFERRABLE\b', 'DEFERRABLE')):
            if re.search(pat, ctx) and (tok in pat or re.search(pat, ctx[max(0, ctx.find(tok) - 40):])):
                return 'syntax: ' + name
        return 'syntax error at or near "%s"' % m.group(1).lower()
    return norm_message(msg)


def pl_cause(msg, off):
    low = msg.lower()
    m = re.search(r'syntax error at or near "([^"]*)"', msg)
    offu = off.upper()
    pats = ((r"\bN?Q'", "q'...' quoting"), (r'%ROWTYPE', '%ROWTYPE'), (r'\bREF CURSOR\b', 'REF CURSOR type'), (r'\bSYS_REFCURSOR\b', 'SYS_REFCURSOR'),
            (r'\bIS RECORD\b', 'RECORD type'), (r'\bEXCEPTION_INIT\b', 'PRAGMA EXCEPTION_INIT'),
            (r'\bPRAGMA\b', 'PRAGMA'), (r'\bSUBTYPE\b', 'SUBTYPE'), (r'\bCURSOR\b', 'cursor declaration'),
            (r'\bEXECUTE IMMEDIATE\b', 'EXECUTE IMMEDIATE'), (r'\bOPEN\b.*\bFOR\b', 'OPEN ... FOR'),
            (r'\bRETURNING\b', 'RETURNING ... INTO'), (r'\bDEFAULT\b', 'DEFAULT'), (r'\bNOCOPY\b', 'NOCOPY'),
            (r'\bRAISE_APPLICATION_ERROR\b', 'RAISE_APPLICATION_ERROR'), (r'\bCASE\b', 'CASE'),
            (r'\bFOR\b.*\bIN\b\s*\(', 'cursor FOR loop over (SELECT...)'), (r'\bFOR\b.*\bIN\b', 'FOR loop'),
            (r'\bTYPE\b', 'TYPE declaration'), (r'\bLONG\b', 'LONG'), (r'\bRAW\b', 'RAW'),
            (r'\bTIMESTAMP\b.*\bWITH\b', 'TIMESTAMP WITH [LOCAL] TIME ZONE'), (r'\bINTERVAL\b', 'INTERVAL'),
            (r'\bCONNECT BY\b', 'CONNECT BY'), (r'\(\+\)', '(+) outer join'))
    if m:
        tok = m.group(1)
        for pat, name in pats:
            if re.search(pat, offu):
                return 'syntax near "%s" in: %s' % (tok.lower(), name)
        return 'syntax error at or near "%s"' % tok.lower()
    return norm_message(msg)


# ----------------------------------------------------------------------------------------------
# Report

def report(rows, out):
    P = lambda *a: print(*a, file=out)
    units = [r for r in rows if r['run'] == 'unit']
    files = [r for r in rows if r['run'] == 'file']
    for r in units:
        if not r['ok']:
            r['owner'], r['category'], r['cause'] = classify(r)
    P('== Acceptance == (a unit: one SQL*Plus line, SQL statement or PL/SQL unit; a run of INSERTs into one table is one unit)')
    P('%-36s %7s %8s %6s   %6s %8s %6s' % ('corpus', 'units', 'accepted', '%', 'files', 'accepted', '%'))
    corp = sorted(set(r['corpus'] for r in rows))
    groups = sorted(set(c.split('/')[0] + '/*' for c in corp if '/' in c))
    inc = lambda c, r: c == 'TOTAL' or r['corpus'] == c or (c.endswith('/*') and r['corpus'].startswith(c[:-1]))
    for c in corp + groups + ['TOTAL']:
        u = [r for r in units if inc(c, r)]
        f = [r for r in files if inc(c, r)]
        ua, fa = sum(r['ok'] for r in u), sum(r['ok'] for r in f)
        P('%-36s %7d %8d %5.1f%%   %6d %8d %5.1f%%' % (c, len(u), ua, 100.0 * ua / max(1, len(u)), len(f), fa,
                                                     100.0 * fa / max(1, len(f))))
    P('\n(non-SQL*Plus units only)')
    for c in corp + groups + ['TOTAL']:
        u = [r for r in units if inc(c, r) and r['mode'] != 'sqlplus']
        ua = sum(r['ok'] for r in u)
        P('%-36s %7d %8d %5.1f%%' % (c, len(u), ua, 100.0 * ua / max(1, len(u))))
    P('\n== Units by kind (accepted / total) ==')
    kinds = collections.Counter(r['kind'] for r in units)
    for k, n in kinds.most_common():
        a = sum(1 for r in units if r['kind'] == k and r['ok'])
        P('  %-34s %5d / %-5d' % (k, a, n))
    fail = [r for r in units if not r['ok']]
    P('\n== Failures by category (%d failed units) ==' % len(fail))
    for owner, title in ((FUTURE, 'owned by future issues'), (NOW, 'within current scope (scripts, headers, types, table DDL, sequences, SQL*Plus, PL syntax)'), (OTHER, 'other / environment')):
        fs = [r for r in fail if r['owner'] == owner]
        P('-- %s: %d' % (title, len(fs)))
        for cat, n in collections.Counter(r['category'] for r in fs).most_common():
            P('  %5d  %s' % (n, cat))
    P('\n== Root causes, within current scope (count, cause, example) ==')
    causes(fail, NOW, P, 60)
    P('\n== Root causes, future issues ==')
    causes(fail, FUTURE, P, 25)
    P('\n== Root causes, other ==')
    causes(fail, OTHER, P, 30)
    P('\n== Top raw error messages (normalised) ==')
    for m, n in collections.Counter(norm_message(r['error']['message']) for r in fail).most_common(40):
        P('  %5d  %s' % (n, m))
    P('\n== Whole-file runs: first error (normalised), top 25 ==')
    for m, n in collections.Counter(norm_message(r['error']['message']) for r in files if not r['ok']).most_common(25):
        P('  %5d  %s' % (n, m))


def causes(fail, owner, P, limit):
    by = collections.defaultdict(list)
    for r in fail:
        if r['owner'] == owner:
            by[(r['category'], r['cause'])].append(r)
    for (cat, cause), rs in sorted(by.items(), key=lambda x: -len(x[1]))[:limit]:
        ex = rs[0]
        P('  %4d  [%s] %s' % (len(rs), cat, cause))
        P('        e.g. %s/%s:%d  %s' % (ex['corpus'], ex['file'], ex['line'], (ex['error']['message'] or '')[:150]))
        off = offending_line(ex)
        if off:
            P('        | ' + off.replace('\n', '\n        | ')[:300])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpora', nargs='+', help='corpus directories (NAME=DIR or DIR)')
    ap.add_argument('--out', default='bench/oracle_corpus/out')
    ap.add_argument('--set-depth', type=int, default=-1,
                    help='file set = first N path components of the file (0: the whole corpus; -1: its directory)')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--timeout', type=int, default=20, help='seconds per unit')
    ap.add_argument('--max-files', type=int, default=0)
    ap.add_argument('--keep', action='store_true', help='keep the unit databases')
    ap.add_argument('--report-only', action='store_true', help='reclassify OUT/results.jsonl')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    res = os.path.join(args.out, 'results.jsonl')
    if args.report_only:
        rows = [json.loads(l) for l in open(res)]
    else:
        args.root = {}
        jobs = []
        for spec in args.corpora:
            name, _, d = spec.rpartition('=')
            depth = args.set_depth
            if ':' in d and not os.path.isdir(d):
                d, _, dd = d.rpartition(':')
                depth = int(dd)
            name = name or os.path.basename(os.path.normpath(d))
            args.root[name] = d
            fl = []
            for dp, dn, fn in os.walk(d):
                dn.sort()
                for f in fn:
                    if f.lower().endswith(EXTS):
                        fl.append(os.path.relpath(os.path.join(dp, f), d))
            fl.sort(key=file_order)
            if args.max_files:
                fl = fl[:args.max_files]
            sets = collections.OrderedDict()
            for rel in fl:
                parts = rel.split(os.sep)[:-1]
                key = os.sep.join(parts if depth < 0 else parts[:depth]) or '.'
                sets.setdefault(key, []).append(rel)
            for k, v in sets.items():
                jobs.append((name, k, v))
        rows = []
        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            futs = [ex.submit(run_set, args, c, k, v) for c, k, v in jobs]
            for i, f in enumerate(concurrent.futures.as_completed(futs)):
                rows.extend(f.result())
                if (i + 1) % 20 == 0 or i + 1 == len(futs):
                    print('%d/%d file sets, %d rows, %.0fs' % (i + 1, len(futs), len(rows), time.time() - t0), file=sys.stderr)
        rows.sort(key=lambda r: (r['corpus'], r['set'], file_order(r['file']), r['run'], r.get('unit', 0)))
        with open(res, 'w') as f:
            for r in rows:
                f.write(json.dumps(r) + '\n')
    with open(os.path.join(args.out, 'summary.txt'), 'w') as f:
        report(rows, f)
    sys.stdout.write(open(os.path.join(args.out, 'summary.txt')).read())


if __name__ == '__main__':
    main()
