// The one list of statement kinds, each with its node class. StmtKind, the
// compiler's dispatch (Compiler::Compile<Kind>) and the executor's
// (Executor::Exec<Kind>) are generated from it, so a kind added here without
// a Compile and an Exec function fails to build (to link, for a function
// that is declared but not written).
#pragma once

// X(Kind, NodeClass): NodeClass is the ast:: struct for statements of that
// kind (COMMIT and ROLLBACK share TransactionStmt, EXIT and CONTINUE their
// own subclasses of LoopControlStmt).
#define PLPOLAR_STMT_KINDS(X)                 \
    X(Block, BlockStmt)                       \
    X(Assign, AssignStmt)                     \
    X(If, IfStmt)                             \
    X(Loop, LoopStmt)                         \
    X(While, WhileStmt)                       \
    X(ForRange, ForRangeStmt)                 \
    X(ForAll, ForAllStmt)                     \
    X(Exit, ExitStmt)                         \
    X(Continue, ContinueStmt)                 \
    X(Null, NullStmt)                         \
    X(Return, ReturnStmt)                     \
    X(Raise, RaiseStmt)                       \
    X(Sql, SqlStmt)                           \
    X(Call, CallStmt)                         \
    X(ForCursor, ForCursorStmt)               \
    X(Open, OpenStmt)                         \
    X(Fetch, FetchStmt)                       \
    X(Close, CloseStmt)                       \
    X(ExecuteImmediate, ExecuteImmediateStmt) \
    X(Case, CaseStmt)                         \
    X(Goto, GotoStmt)                         \
    X(PipeRow, PipeRowStmt)                   \
    X(Commit, TransactionStmt)                \
    X(Rollback, TransactionStmt)
