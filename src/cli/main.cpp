// plpolar: run Oracle scripts against PostgreSQL with SQL*Plus habits.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "runner.hpp"

namespace {

const char *const kUsage = R"usage(NAME
    plpolar - run Oracle SQL*Plus scripts against PostgreSQL (plpolar extension)

SYNOPSIS
    plpolar [-S] [-h host] [-p port] [-U user] [-d database] [-W]
            [logon | /NOLOG] [@script [argument ...]]
    plpolar [options] [logon] < script.sql
    plpolar --help | --version

DESCRIPTION
    Runs a script as SQL*Plus does: ';' ends a SQL statement, a line with '/'
    ends a PL/SQL unit or block (and, after a statement, runs it again),
    SQL*Plus commands take one line ('-' at the end continues it). SQL and
    Oracle-form units go through the database's plpolar extension
    (plpolar.exec, plpolar.translate_sql), which must be version 1.7 or later
    (CREATE EXTENSION plpolar).

    Autocommit is off: COMMIT and ROLLBACK are statements, a failing statement
    undoes only itself, DDL commits the work before it and itself (as Oracle
    does), EXIT and the end of the input commit (SET EXITCOMMIT OFF: roll back).

OPTIONS
    -S, -s         silent: no banner, no prompts, no notes on standard error
    -h host        host name or socket directory (PGHOST)
    -p port        port (PGPORT)
    -U user        role (PGUSER)
    -d database    database name, conninfo string or URI (PGDATABASE)
    -W             ask for the password before connecting
    -f file        the same as @file
    --help         this text
    --version      the version

LOGON
    user[/password][@connect]   connect: //host[:port]/database,
                                host[:port]/database, or a database name
    /                           the operating-system user (libpq's default)
    /NOLOG                      no connection until CONNECT
    "key=value ..." or postgresql://...   a libpq conninfo or URI
    AS SYSDBA and the like are accepted without effect. Unquoted user names
    are folded to lower case (SCOTT is the role scott). libpq's environment
    (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, ~/.pgpass, PGSERVICE)
    fills in the rest.

SCRIPTS AND COMMANDS
    @file, @@file (relative to the running script), START file; arguments
    are &1, &2, ...; a name without an extension gets .sql.
    DEFINE name = value, UNDEFINE, ACCEPT name [DEFAULT d] [PROMPT text]
    [HIDE], &name, &&name, &name., SET DEFINE OFF|ON|c, SET VERIFY ON|OFF;
    an undefined variable is asked for on the terminal (not when the script
    is standard input).
    SET SERVEROUTPUT ON [SIZE n] (DBMS_OUTPUT lines printed as they come),
    SET ECHO, FEEDBACK {n|ON|OFF}, HEADING, PAGESIZE, LINESIZE, TIMING,
    AUTOCOMMIT, TERMOUT, NULL, COLSEP, UNDERLINE, EXITCOMMIT; COLUMN c
    FORMAT An HEADING h; PROMPT; PAUSE; REM.
    WHENEVER SQLERROR|OSERROR EXIT [SUCCESS|FAILURE|WARNING|n|SQL.SQLCODE|
    SQL.OSCODE|variable] [COMMIT|ROLLBACK] | CONTINUE [COMMIT|ROLLBACK|NONE].
    EXIT, QUIT [code] [COMMIT|ROLLBACK]; SPOOL file [CREATE|REPLACE|APPEND]
    | OFF; CONNECT logon; DISCONNECT; EXEC[UTE] statement; SHOW ERRORS
    [type name], SHOW USER, SHOW ALL, SHOW PARAMETERS [name], SHOW option;
    DESC[RIBE] table|view|procedure|function; HOST command.

ERRORS
    Printed as SQL*Plus prints them: the line and a '*' under the position,
    "ERROR at line N:", the Oracle code and message (ORA-nnnnn: ..., or
    PG-<sqlstate>: ... when Oracle has no number), ORA-06512 lines for the PL
    units on the stack, then "(file, line N)". A unit that does not compile
    is a warning; SHOW ERRORS lists its errors with LINE/COL. SP2- messages
    are the client's own.

EXIT STATUS
    0 at the end of the input or EXIT [SUCCESS]; FAILURE is 1, WARNING 2; n
    and SQL.SQLCODE modulo 256 (an error never gives 0); 1 when the logon or
    the script file fails.

ENVIRONMENT
    PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and libpq's others.

EXAMPLES
    plpolar -S scott/tiger@//dbhost:5432/sales @install.sql 2026 EU
    plpolar -S -d sales < install.sql
    plpolar -S "host=/var/run/postgresql dbname=sales" @@sub/tables
)usage";

int Usage(const char *complaint) {
    std::fprintf(stderr, "plpolar: %s\nTry \"plpolar --help\".\n", complaint);
    return 1;
}

}  // namespace

int main(int argc, char **argv) {
    plpolar::cli::Options options;
    int i = 1;
    try {
        for (; i < argc; ++i) {
            std::string a = argv[i];
            auto value = [&](const char *key) {
                if (i + 1 >= argc) throw std::invalid_argument(std::string("option ") + a + " needs a value");
                options.connection.emplace_back(key, argv[++i]);
            };
            if (a == "--help" || a == "-H" || a == "-help") {
                std::fputs(kUsage, stdout);
                return 0;
            }
            if (a == "--version" || a == "-V" || a == "-v") {
                std::puts("plpolar 1.7");
                return 0;
            }
            if (a == "-S" || a == "-s" || a == "-silent" || a == "-L" || a == "-l") {
                // -L (logon once) is what this client always does.
                if (a == "-S" || a == "-s" || a == "-silent") options.silent = true;
            } else if (a == "-h") {
                value("host");
            } else if (a == "-p") {
                value("port");
            } else if (a == "-U") {
                value("user");
            } else if (a == "-d") {
                value("dbname");
            } else if (a == "-W") {
                options.ask_password = true;
            } else if (a == "-f") {
                if (i + 1 >= argc) throw std::invalid_argument("option -f needs a file");
                options.script = argv[++i];
                ++i;
                break;
            } else if (a[0] == '@') {
                std::string file = a.substr(1);
                if (file.empty()) {
                    if (i + 1 >= argc) throw std::invalid_argument("@ needs a file");
                    file = argv[++i];
                }
                options.script = file;
                ++i;
                break;
            } else if (a[0] == '-' && a.size() > 1) {
                throw std::invalid_argument("unknown option " + a);
            } else if (!options.logon) {
                options.logon = plpolar::cli::ParseLogon(a);
            } else {
                throw std::invalid_argument("unexpected argument \"" + a + "\" (a script is written @file)");
            }
        }
    } catch (const std::invalid_argument &e) {
        return Usage(e.what());
    }
    for (; i < argc; ++i) options.arguments.emplace_back(argv[i]);
    try {
        plpolar::cli::Runner runner(std::move(options));
        return runner.Run();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "plpolar: %s\n", e.what());
        return 1;
    }
}
