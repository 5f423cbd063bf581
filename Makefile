# plpolar: an Oracle-style procedural language for PostgreSQL 15 (PGXS).
EXTENSION = plpolar
MODULE_big = plpolar
DATA = sql/plpolar--1.0.sql sql/plpolar--1.1.sql sql/plpolar--1.2.sql sql/plpolar--1.0--1.1.sql sql/plpolar--1.1--1.2.sql sql/plpolar--1.3.sql sql/plpolar--1.2--1.3.sql sql/plpolar--1.4.sql sql/plpolar--1.3--1.4.sql sql/plpolar--1.5.sql sql/plpolar--1.4--1.5.sql sql/plpolar--1.6.sql sql/plpolar--1.5--1.6.sql sql/plpolar--1.7.sql sql/plpolar--1.6--1.7.sql sql/plpolar--1.8.sql sql/plpolar--1.7--1.8.sql sql/plpolar--1.9.sql sql/plpolar--1.8--1.9.sql
PGFILEDESC = "plpolar - Oracle-style procedural language"

BUILD_DIR := build
GEN_DIR := $(BUILD_DIR)/gen
GRAMMARS := grammar/PlPolarLexer.g4 grammar/PlPolarParser.g4
GEN_SRCS := $(GEN_DIR)/PlPolarLexer.cpp $(GEN_DIR)/PlPolarParser.cpp

CXX_SRCS := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.cpp src/*/*/*.cpp)))
C_SRCS := $(sort $(filter-out src/preload/%,$(wildcard src/*/*.c)))
# The logon module loaded per connection: plain C, no C++ runtime.
MODULES = src/preload/plpolar_session
OBJS = $(CXX_SRCS:.cpp=.o) $(C_SRCS:.c=.o) $(GEN_SRCS:.cpp=.o)

# plpolar_language drops and re-creates the extension: it runs last.
REGRESS = plpolar_basic plpolar_control plpolar_expr plpolar_decimal plpolar_sql plpolar_errors plpolar_exceptions plpolar_cursors plpolar_records plpolar_dynamic plpolar_case plpolar_goto plpolar_calls subprograms procedures dbms_output oracle_builtins oracle_semantics oracle_programs plpolar_event varchar2 orafce_coexist session_triggers session_logon_failures session_hardening security security_helpers security_definer oracle_ddl oracle_scripts oracle_tables plpolar_replan plpolar_limits oracle_errors oracle_dynamic_blocks oracle_lexical oracle_rownum packages collections collection_types number_type builtins_native dml_triggers system_triggers autonomous object_types upgrade plpolar_language
REGRESS_OPTS = --load-extension=plpolar

PG_CONFIG ?= pg_config

# The client program, bindir/plpolar (src/cli): C++ on libpq, linked with the
# server-free script splitter and substitution of src/parser, the very code
# plpolar.exec runs, so that both read a script the same way.
CLI_SRCS := $(sort $(wildcard src/cli/*.cpp))
CLI_SHARED := src/parser/script.cpp src/parser/substitution.cpp src/parser/builtins.cpp src/parser/rownum.cpp \
              src/parser/sql_text.cpp src/parser/subquery_alias.cpp src/parser/trigger.cpp src/parser/trigger_body.cpp \
              src/ast/builtins.cpp
CLI_OBJS := $(patsubst %.cpp,build/cli/%.o,$(CLI_SRCS) $(CLI_SHARED))
SCRIPTS_built = build/cli/plpolar
PG_CFLAGS = -MMD -MP -Werror=implicit-function-declaration -Werror=int-conversion
PG_CPPFLAGS = -Iinclude -I$(GEN_DIR) -Isrc/parser -I/usr/include/antlr4-runtime
PG_CXXFLAGS = -MMD -MP -std=c++17 -Wno-attributes -fvisibility=hidden -Wno-register -Wno-missing-field-initializers -Wswitch -Werror=switch
SHLIB_LINK = -lantlr4-runtime -lstdc++

# PGXS would emit LLVM bitcode for every .cpp; a language handler gains
# nothing from JIT inlining, and the plain override must precede the include.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS hands C flags like -Wdeclaration-after-statement to g++ too.
override CXXFLAGS := $(filter-out -Wmissing-prototypes -Wdeclaration-after-statement,$(CXXFLAGS))

.PHONY: generate unittest
generate: $(GEN_SRCS)

$(GEN_SRCS) &: $(GRAMMARS)
	@mkdir -p $(GEN_DIR)
	antlr4 -Dlanguage=Cpp -no-listener -no-visitor -Xexact-output-dir -o $(GEN_DIR) $(GRAMMARS)

# Generated code is not ours to fix: build it without our warnings.
$(GEN_DIR)/%.o: $(GEN_DIR)/%.cpp
	$(CXX) $(CXXFLAGS) -w $(CPPFLAGS) -c -o $@ $<

$(CXX_SRCS:.cpp=.o): $(GEN_SRCS)

# PL/pgSQL's condition names, read from the server's own errcodes.h so that
# they always match the PostgreSQL we build against. Classes 00-02 are not
# errors; the S_R_E_/E_R_E_/E_R_I_E_ prefixes are not part of the names.
$(GEN_DIR)/condition_names.inc: $(shell $(PG_CONFIG) --includedir-server)/utils/errcodes.h
	@mkdir -p $(GEN_DIR)
	sed -n "s/^#define ERRCODE_\([A-Z0-9_]*\) MAKE_SQLSTATE('\(.\)','\(.\)',.*/\2\3 \1/p" $< \
	  | grep -v '^0[012] ' | cut -d' ' -f2 \
	  | awk '{ n = tolower($$1); sub(/^(s_r_e_|e_r_e_|e_r_i_e_)/, "", n); printf "{\"%s\", ERRCODE_%s},\n", n, $$1 }' > $@

src/compile/conditions.o: $(GEN_DIR)/condition_names.inc

build/cli/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-attributes -Wswitch -Werror=switch -MMD -MP \
	  -Iinclude -Isrc/parser -Isrc/cli -I$(shell $(PG_CONFIG) --includedir) -c -o $@ $<

build/cli/plpolar: $(CLI_OBJS)
	$(CXX) -o $@ $^ -L$(shell $(PG_CONFIG) --libdir) -lpq

-include $(CLI_OBJS:.o=.d)

unittest:
	$(MAKE) -C test check

# Header dependencies (PGXS tracks them only in a configured source tree).
-include $(CXX_SRCS:.cpp=.d)
# C files too: a struct in a shared header (settings.h) changes under them.
-include $(C_SRCS:.c=.d)

EXTRA_CLEAN = $(BUILD_DIR) $(CXX_SRCS:.cpp=.o) $(CXX_SRCS:.cpp=.d) $(C_SRCS:.c=.d) $(MODULES:=.d) results regression.diffs regression.out

# A function declared but never written (the Compile<Kind> or Exec<Kind> of a
# new statement kind, ast/stmt_kinds.hpp) links into a shared library as an
# undefined symbol and would fail only when the library is loaded: fail the
# build instead.
all: $(BUILD_DIR)/symbols-defined
$(BUILD_DIR)/symbols-defined: $(shlib)
	@if nm -C -u $(shlib) | grep 'plpolar::'; then echo "undefined plpolar functions in $(shlib)" >&2; exit 1; fi
	@mkdir -p $(BUILD_DIR) && touch $@
