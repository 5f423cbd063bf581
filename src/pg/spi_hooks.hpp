// Inside src/pg: the parser hooks of embedded SQL (spi_hooks.cpp), which
// SqlStatement installs when it prepares. They run inside PostgreSQL's
// parser and ask the statement's NameResolver what a name means.
#pragma once

#include "plpolar/pg/spi.hpp"

namespace plpolar::pg {

// A parserSetup callback for SPI_prepare_extended; `arg` is the
// SqlStatement being prepared.
void InstallVariableHooks(ParseState *pstate, void *arg);

// The parameters of a statement's execution: the slots it uses, then its
// field parameters' values (spi_statement.cpp). Inside Guarded.
ParamListInfo MakeStatementParams(const char *used, int nslots, int nfields, const Value *slots, const Value *fields);

}  // namespace plpolar::pg
