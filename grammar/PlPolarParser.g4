// Parser for plpolar function bodies: the part of an Oracle subprogram after
// IS/AS, or an anonymous DECLARE ... BEGIN ... END block.
//
// The grammar carries no actions: src/parser/transform turns the parse tree
// into plpolar's own AST, so the generated code stays free of our types.
parser grammar PlPolarParser;

options { tokenVocab = PlPolarLexer; }

body
    : label_decl* (K_DECLARE | K_IS | K_AS)? declare_section
      K_BEGIN seq_of_statements exception_section? K_END identifier? SEMI? EOF
    ;

// A package specification or body after its IS / AS: declarations, and in
// a body an optional initialization section.
package_source
    : (K_IS | K_AS) declare_section
      (K_BEGIN seq_of_statements exception_section?)? K_END identifier? SEMI? EOF
    ;

// ---- declarations -------------------------------------------------------

declare_section
    : declare_item*
    ;

declare_item
    : subprogram_decl SEMI
    | exception_decl SEMI
    | cursor_decl SEMI
    | type_decl SEMI
    | subtype_decl SEMI
    | pragma_decl SEMI
    | variable_decl SEMI
    ;

// A nested PROCEDURE or FUNCTION; without IS/AS a forward declaration.
subprogram_decl
    : (K_PROCEDURE identifier params? | K_FUNCTION identifier params? K_RETURN type_spec header_clause*)
      ((K_IS | K_AS) declare_section K_BEGIN seq_of_statements exception_section? K_END identifier?)?
    ;

// DETERMINISTIC, RESULT_CACHE, PARALLEL_ENABLE after a %TYPE or %ROWTYPE
// return type (after a named type, type_name takes them: StripHeaderClauses).
header_clause
    : identifier
    ;

params
    : LPAREN param_decl (COMMA param_decl)* RPAREN
    ;

param_decl
    : identifier (K_IN K_OUT? | K_OUT)? K_NOCOPY? type_spec ((ASSIGN | K_DEFAULT) expr)?
    ;

cursor_decl
    : K_CURSOR identifier (LPAREN cursor_param (COMMA cursor_param)* RPAREN)?
      (K_RETURN type_spec)? ((K_IS | K_AS) query_text)?
    ;

cursor_param
    : identifier K_IN? type_spec ((ASSIGN | K_DEFAULT) expr)?
    ;

type_decl
    : K_TYPE identifier K_IS K_RECORD LPAREN record_field (COMMA record_field)* RPAREN   # recordTypeDecl
    | K_TYPE identifier K_IS K_REF K_CURSOR (K_RETURN type_spec)?                        # refCursorTypeDecl
    | K_TYPE identifier K_IS K_TABLE K_OF type_spec (K_NOT K_NULL)? (K_INDEX K_BY type_spec)?   # tableTypeDecl
    | K_TYPE identifier K_IS (K_VARRAY | K_VARYING K_ARRAY) LPAREN INTEGER_LITERAL RPAREN
      K_OF type_spec (K_NOT K_NULL)?                                                    # varrayTypeDecl
    ;

// SUBTYPE name IS base [(n)] [NOT NULL] [RANGE low .. high]
subtype_decl
    : K_SUBTYPE identifier K_IS type_spec (K_NOT K_NULL)? (K_RANGE expr DOTDOT expr)?
    ;

record_field
    : identifier type_spec (K_NOT K_NULL)? ((ASSIGN | K_DEFAULT) expr)?
    ;

// A query kept as source text for PostgreSQL, parentheses balanced.
query_text
    : (K_SELECT | K_WITH) query_token*
    | LPAREN query_text RPAREN
    ;

query_token
    : LPAREN query_token* RPAREN
    | ~(LPAREN | RPAREN | SEMI)
    ;

variable_decl
    : identifier K_CONSTANT? type_spec (K_NOT K_NULL)? ((ASSIGN | K_DEFAULT) expr)?
    ;

exception_decl
    : identifier K_EXCEPTION
    ;

pragma_decl
    : K_PRAGMA identifier (LPAREN expr (COMMA expr)* RPAREN)?
    ;

type_spec
    : name_chain PERCENT K_TYPE          # typeOfName
    | name_chain PERCENT K_ROWTYPE       # rowtypeOfName
    | type_name                          # namedType
    ;

type_name
    : type_word (DOT? type_word)*
      (LPAREN type_modifier (COMMA type_modifier)* RPAREN)?
      type_word*
      (LBRACKET INTEGER_LITERAL? RBRACKET)*
    ;

type_word
    : identifier
    | K_WITH
    ;

type_modifier
    : MINUS? INTEGER_LITERAL identifier?
    | STAR
    ;

// ---- statements ---------------------------------------------------------

seq_of_statements
    : (label_decl* statement SEMI)+
    ;

label_decl
    : LABEL_OPEN identifier LABEL_CLOSE
    ;

statement
    : block
    | assignment_stmt
    | if_stmt
    | basic_loop_stmt
    | while_loop_stmt
    | for_iteration_stmt
    | for_loop_stmt
    | forall_stmt
    | cursor_for_loop_stmt
    | exit_stmt
    | continue_stmt
    | null_stmt
    | return_stmt
    | raise_stmt
    | open_stmt
    | fetch_stmt
    | close_stmt
    | execute_immediate_stmt
    | case_stmt
    | goto_stmt
    | sql_stmt
    | commit_stmt
    | rollback_stmt
    | pipe_row_stmt
    | call_stmt
    ;

// PIPE ROW (x): a row of a PIPELINED function's result.
pipe_row_stmt
    : K_PIPE K_ROW LPAREN expr RPAREN
    ;

commit_stmt
    : K_COMMIT K_WORK?
    ;

rollback_stmt
    : K_ROLLBACK K_WORK?
    ;

goto_stmt
    : K_GOTO identifier
    ;

case_stmt
    : K_CASE expr? case_stmt_when+ (K_ELSE seq_of_statements)? K_END K_CASE identifier?
    ;

case_stmt_when
    : K_WHEN expr K_THEN seq_of_statements
    ;

block
    : (K_DECLARE declare_section)? K_BEGIN seq_of_statements exception_section? K_END identifier?
    ;

exception_section
    : K_EXCEPTION exception_handler+
    ;

exception_handler
    : K_WHEN exception_choice (K_OR exception_choice)* K_THEN seq_of_statements
    ;

exception_choice
    : K_OTHERS
    | name_chain
    | identifier STRING_LITERAL      // SQLSTATE '22012'
    ;

assignment_stmt
    : assign_target ASSIGN expr
    ;

// v := x, c(i) := x, c(i).f := x (an element of a collection).
assign_target
    : name_chain (LPAREN expr RPAREN (LPAREN expr RPAREN)* (DOT identifier)*)?
    ;

if_stmt
    : K_IF expr K_THEN seq_of_statements elsif_part* else_part? K_END K_IF
    ;

elsif_part
    : K_ELSIF expr K_THEN seq_of_statements
    ;

else_part
    : K_ELSE seq_of_statements
    ;

basic_loop_stmt
    : K_LOOP seq_of_statements K_END K_LOOP identifier?
    ;

while_loop_stmt
    : K_WHILE expr K_LOOP seq_of_statements K_END K_LOOP identifier?
    ;

for_loop_stmt
    : K_FOR identifier K_IN K_REVERSE? expr DOTDOT expr K_LOOP seq_of_statements K_END K_LOOP identifier?
    ;

// Oracle 21c's collection iteration controls: FOR i IN INDICES OF c, FOR v IN
// VALUES OF c, FOR i, v IN PAIRS OF c.
for_iteration_stmt
    : K_FOR identifier (COMMA identifier)? K_IN K_REVERSE? (K_INDICES | K_VALUES | K_PAIRS) K_OF expr
      K_LOOP seq_of_statements K_END K_LOOP identifier?
    ;

// FORALL i IN lo .. hi | INDICES OF c [BETWEEN a AND b] | VALUES OF c
// [SAVE EXCEPTIONS] dml: one DML statement (or EXECUTE IMMEDIATE) per index.
forall_stmt
    : K_FORALL identifier K_IN forall_bounds (K_SAVE K_EXCEPTIONS)? (sql_stmt | execute_immediate_stmt)
    ;

forall_bounds
    : expr DOTDOT expr                                                  # forallRange
    | K_INDICES K_OF name_chain (K_BETWEEN arith_expr K_AND arith_expr)?  # forallIndices
    | K_VALUES K_OF name_chain                                          # forallValues
    ;

// FOR r IN c[(args)] LOOP / FOR r IN (SELECT ...) LOOP
cursor_for_loop_stmt
    : K_FOR identifier K_IN (LPAREN query_text RPAREN | name_chain (LPAREN call_args? RPAREN)?)
      K_LOOP seq_of_statements K_END K_LOOP identifier?
    ;

exit_stmt
    : K_EXIT identifier? (K_WHEN expr)?
    ;

continue_stmt
    : K_CONTINUE identifier? (K_WHEN expr)?
    ;

null_stmt
    : K_NULL
    ;

return_stmt
    : K_RETURN expr?
    ;

raise_stmt
    : K_RAISE name_chain?
    ;

// Embedded SQL is kept as source text: PostgreSQL parses it, and PL
// variables inside it are bound as parameters through parser hooks.
sql_stmt
    : (K_SELECT | K_INSERT | K_UPDATE | K_DELETE | K_MERGE | K_WITH) (~SEMI)*
    ;

// A procedure call; CALL in front is accepted as PostgreSQL writes it.
call_stmt
    : K_CALL? name_ref
    ;

open_stmt
    : K_OPEN name_chain (LPAREN call_args? RPAREN)?
      (K_FOR (query_text | expr (K_USING using_arg (COMMA using_arg)*)?))?
    ;

fetch_stmt
    : K_FETCH name_chain (K_BULK K_COLLECT)? K_INTO fetch_target (COMMA fetch_target)* (K_LIMIT expr)?
    ;

// A variable, a record's field or a collection's element (c(i), c(i).f).
fetch_target
    : name_chain (LPAREN expr RPAREN (DOT identifier)*)?
    ;

close_stmt
    : K_CLOSE name_chain
    ;

execute_immediate_stmt
    : K_EXECUTE K_IMMEDIATE expr
      ((K_BULK K_COLLECT)? K_INTO fetch_target (COMMA fetch_target)*)?
      (K_USING using_arg (COMMA using_arg)*)?
      ((K_RETURNING | K_RETURN) (K_BULK K_COLLECT)? K_INTO fetch_target (COMMA fetch_target)*)?
    ;

using_arg
    : (K_IN K_OUT? | K_OUT)? expr
    ;

// ---- expressions ---------------------------------------------------------

// Boolean and comparison levels, tightest first, with PostgreSQL's order
// (LIKE, BETWEEN and IN bind tighter than =, which binds tighter than IS).
// BETWEEN's bounds are arith_expr, so its AND is never a logical AND.
// Unlabelled, like arith_expr below: the transformer reads the shape.
expr
    : arith_expr
    | expr K_NOT? K_LIKE arith_expr (K_ESCAPE arith_expr)?
    | expr K_NOT? K_BETWEEN arith_expr K_AND arith_expr
    | expr K_NOT? K_IN LPAREN expr (COMMA expr)* RPAREN
    | expr K_NOT? (K_MEMBER | K_SUBMULTISET) K_OF? arith_expr
    | expr (EQ | NE | LT | LE | GT | GE) expr
    | expr K_IS K_NOT? K_NULL
    | expr K_IS K_NOT? K_EMPTY
    | K_NOT expr
    | expr K_AND expr
    | expr K_OR expr
    ;

// One left-recursive rule for the arithmetic levels, tightest first: a
// cascade of one rule per level builds a context per level for every
// operand, which was most of the parse and transform time. Unlabelled on
// purpose: the transformer tells the alternatives apart by their shape (one
// child: primary; two: sign; three: the operator in the middle) without a
// dynamic_cast per level.
arith_expr
    : primary
    | arith_expr TYPECAST type_name
    | <assoc=right> arith_expr EXPON arith_expr
    | (PLUS | MINUS) arith_expr
    | arith_expr (STAR | SLASH) arith_expr
    | arith_expr (PLUS | MINUS | CONCAT) arith_expr
    | arith_expr K_MULTISET (K_UNION | K_INTERSECT | K_EXCEPT) (K_ALL | K_DISTINCT)? arith_expr
    ;

primary
    : literal                                          # literalPrimary
    | LPAREN expr RPAREN                               # parenPrimary
    | K_CAST LPAREN expr K_AS type_name RPAREN         # castPrimary
    | K_EXTRACT LPAREN identifier K_FROM expr RPAREN   # extractPrimary
    | K_CASE expr? (K_WHEN expr K_THEN expr)+ (K_ELSE expr)? K_END   # casePrimary
    | K_SQL PERCENT identifier LPAREN expr RPAREN (DOT identifier)?   # sqlBulkPrimary
    | K_SQL PERCENT identifier DOT identifier          # sqlBulkCountPrimary
    | K_SQL PERCENT attribute_name                     # sqlAttributePrimary
    | identifier STRING_LITERAL                        # typedLiteralPrimary
    | name_ref                                         # namePrimary
    ;

literal
    : INTEGER_LITERAL
    | DECIMAL_LITERAL
    | STRING_LITERAL
    | K_TRUE
    | K_FALSE
    | K_NULL
    ;

// f(x).field: a field of a function's record result; c(i)(j) and
// c(i).COUNT / c(i).EXTEND(n): multi-level collections.
name_ref
    : name_chain (LPAREN call_args? RPAREN subscript* (DOT field_name)* method_args?)? (PERCENT attribute_name)?
    ;

subscript
    : LPAREN call_args RPAREN
    ;

field_name
    : identifier
    | K_DELETE
    ;

method_args
    : LPAREN call_args? RPAREN
    ;

call_args
    : call_arg (COMMA call_arg)*
    ;

// name => x (named notation), key => x (an associative array's qualified
// expression, t(1 => 'a', 2 => 'b')), or x.
call_arg
    : identifier ARROW expr
    | expr ARROW expr
    | expr
    ;

attribute_name
    : K_FOUND | K_NOTFOUND | K_ISOPEN | K_ROWCOUNT | identifier
    ;

// c.DELETE(i): a collection method, the one reserved word after a dot.
name_chain
    : name_part (DOT (name_part | K_DELETE))*
    ;

name_part
    : identifier
    | POSITIONAL_PARAM
    ;

// Keywords that only mean something in one position stay usable as names.
identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | K_FOUND | K_NOTFOUND | K_ISOPEN | K_ROWCOUNT | K_ROWTYPE | K_TYPE
    | K_RECORD | K_REVERSE | K_CONSTANT | K_ESCAPE | K_OTHERS | K_USING
    | K_VALUES | K_CURSOR | K_OPEN | K_CLOSE | K_FETCH | K_PRAGMA | K_BY
    | K_FROM | K_INTO | K_FUNCTION | K_PROCEDURE | K_GOTO
    | K_EXECUTE | K_IMMEDIATE | K_OUT | K_REF | K_RETURNING
    | K_COMMIT | K_ROLLBACK | K_WORK | K_NOCOPY | K_CALL | K_SUBTYPE | K_RANGE
    | K_TABLE | K_OF | K_VARRAY | K_VARYING | K_ARRAY | K_BULK | K_COLLECT | K_LIMIT
    | K_INDICES | K_SAVE | K_EXCEPTIONS | K_UNION | K_INTERSECT | K_EXCEPT | K_ALL | K_DISTINCT
    | K_MEMBER | K_EMPTY | K_PIPE | K_ROW | K_PAIRS | K_EXTRACT
    ;
