// Lexer for the plpolar dialect (Oracle PL/SQL style).
//
// Keywords are case-insensitive through letter fragments because Debian's
// antlr4 (4.7.2) predates the caseInsensitive option. Every keyword token
// carries a K_ prefix: bare names such as NULL, ERROR or DELETE collide with
// C and PostgreSQL macros in the generated C++.
lexer grammar PlPolarLexer;

K_AND : A N D;
K_AS : A S;
K_BEGIN : B E G I N;
K_BETWEEN : B E T W E E N;
K_BY : B Y;
K_CALL : C A L L;
K_CASE : C A S E;
K_CAST : C A S T;
K_COMMIT : C O M M I T;
K_CLOSE : C L O S E;
K_CONSTANT : C O N S T A N T;
K_CONTINUE : C O N T I N U E;
K_CURSOR : C U R S O R;
K_DECLARE : D E C L A R E;
K_DEFAULT : D E F A U L T;
K_DELETE : D E L E T E;
K_ELSE : E L S E;
K_ELSIF : E L S I F;
K_END : E N D;
K_ESCAPE : E S C A P E;
K_EXCEPTION : E X C E P T I O N;
K_EXECUTE : E X E C U T E;
K_EXTRACT : E X T R A C T;
K_EXIT : E X I T;
K_FALSE : F A L S E;
K_FETCH : F E T C H;
K_FOR : F O R;
K_FOUND : F O U N D;
K_FROM : F R O M;
K_FUNCTION : F U N C T I O N;
K_GOTO : G O T O;
K_IF : I F;
K_IMMEDIATE : I M M E D I A T E;
K_IN : I N;
K_INSERT : I N S E R T;
K_INTO : I N T O;
K_IS : I S;
K_ISOPEN : I S O P E N;
K_LIKE : L I K E;
K_LOOP : L O O P;
K_MERGE : M E R G E;
K_NOCOPY : N O C O P Y;
K_NOT : N O T;
K_NOTFOUND : N O T F O U N D;
K_NULL : N U L L;
K_OPEN : O P E N;
K_OR : O R;
K_OTHERS : O T H E R S;
K_OUT : O U T;
K_PRAGMA : P R A G M A;
K_PROCEDURE : P R O C E D U R E;
K_RAISE : R A I S E;
K_RECORD : R E C O R D;
K_REF : R E F;
K_RETURN : R E T U R N;
K_RETURNING : R E T U R N I N G;
K_REVERSE : R E V E R S E;
K_ROLLBACK : R O L L B A C K;
K_ROWCOUNT : R O W C O U N T;
K_ROWTYPE : R O W T Y P E;
// PIPE ROW (x) in PIPELINED functions.
K_PIPE : P I P E;
K_ROW : R O W;
K_SUBTYPE : S U B T Y P E;
K_RANGE : R A N G E;
// Collection types: TABLE OF t [INDEX BY k], VARRAY(n) OF t.
K_TABLE : T A B L E;
K_OF : O F;
K_INDEX : I N D E X;
K_VARRAY : V A R R A Y;
K_VARYING : V A R Y I N G;
K_ARRAY : A R R A Y;
// BULK COLLECT INTO, FETCH ... LIMIT n.
K_BULK : B U L K;
K_COLLECT : C O L L E C T;
K_LIMIT : L I M I T;
// FORALL i IN ... | INDICES OF c | VALUES OF c [SAVE EXCEPTIONS]
K_FORALL : F O R A L L;
// Nested-table operators: MULTISET UNION | INTERSECT | EXCEPT [ALL | DISTINCT],
// MEMBER OF, SUBMULTISET OF, IS [NOT] EMPTY.
K_MULTISET : M U L T I S E T;
K_UNION : U N I O N;
K_INTERSECT : I N T E R S E C T;
K_EXCEPT : E X C E P T;
K_ALL : A L L;
K_DISTINCT : D I S T I N C T;
K_MEMBER : M E M B E R;
K_SUBMULTISET : S U B M U L T I S E T;
K_EMPTY : E M P T Y;
K_INDICES : I N D I C E S;
K_PAIRS : P A I R S;
K_SAVE : S A V E;
K_EXCEPTIONS : E X C E P T I O N S;
K_SELECT : S E L E C T;
K_SQL : S Q L;
K_THEN : T H E N;
K_TRUE : T R U E;
K_TYPE : T Y P E;
K_UPDATE : U P D A T E;
K_USING : U S I N G;
K_WORK : W O R K;
K_VALUES : V A L U E S;
K_WHEN : W H E N;
K_WHILE : W H I L E;
K_WITH : W I T H;

ASSIGN : ':=';
ARROW : '=>';
DOTDOT : '..';
CONCAT : '||';
EXPON : '**';
TYPECAST : '::';
LABEL_OPEN : '<<';
LABEL_CLOSE : '>>';
NE : '<>' | '!=' | '~=' | '^=';
LE : '<=';
GE : '>=';
EQ : '=';
LT : '<';
GT : '>';
PLUS : '+';
MINUS : '-';
STAR : '*';
SLASH : '/';
PERCENT : '%';
LPAREN : '(';
RPAREN : ')';
LBRACKET : '[';
RBRACKET : ']';
COMMA : ',';
SEMI : ';';
DOT : '.';
COLON : ':';

// A number never swallows a trailing dot, so `1..10` lexes as a range.
INTEGER_LITERAL : DIGIT+;
DECIMAL_LITERAL
    : DIGIT+ '.' DIGIT+ EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

// Also Oracle's alternative quoting, q'[...]' and the like (the delimiter
// is not part of the value; see UnquoteString), with an optional N.
STRING_LITERAL
    : [nN]? '\'' ( ~'\'' | '\'\'' )* '\''
    | [nN]? [qQ] '\'' Q_BODY '\''
    ;
fragment Q_BODY
    : '[' .*? ']' | '{' .*? '}' | '(' .*? ')' | '<' .*? '>'
    | '!' .*? '!' | '|' .*? '|' | '#' .*? '#' | '~' .*? '~' | '^' .*? '^' | '/' .*? '/'
    | '+' .*? '+' | '@' .*? '@' | '%' .*? '%' | '*' .*? '*' | '=' .*? '=' | ':' .*? ':'
    | '"' .*? '"' | '`' .*? '`' | '?' .*? '?' | '$' .*? '$' | '&' .*? '&' | ';' .*? ';'
    | '-' .*? '-' | '_' .*? '_' | ',' .*? ',' | '.' .*? '.' | '\\' .*? '\\'
    ;
QUOTED_IDENTIFIER : '"' ( ~'"' | '""' )+ '"';
POSITIONAL_PARAM : '$' DIGIT+;
// $$PLSQL_UNIT, $$PLSQL_LINE and other inquiry directives are names the
// compiler gives their values.
IDENTIFIER : ('$$')? [a-zA-Z_\u0080-\uFFFF] [a-zA-Z0-9_$#\u0080-\uFFFF]*;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS : [ \t\r\n\f]+ -> skip;

// Embedded SQL may use characters the PL dialect never does (@, #, ?, ...).
// They must still lex so that the SQL text reaches PostgreSQL intact.
OTHER : . ;

fragment DIGIT : [0-9];
fragment EXPONENT : [eE] [+-]? DIGIT+;
fragment A : [aA];
fragment B : [bB];
fragment C : [cC];
fragment D : [dD];
fragment E : [eE];
fragment F : [fF];
fragment G : [gG];
fragment H : [hH];
fragment I : [iI];
fragment J : [jJ];
fragment K : [kK];
fragment L : [lL];
fragment M : [mM];
fragment N : [nN];
fragment O : [oO];
fragment P : [pP];
fragment Q : [qQ];
fragment R : [rR];
fragment S : [sS];
fragment T : [tT];
fragment U : [uU];
fragment V : [vV];
fragment W : [wW];
fragment X : [xX];
fragment Y : [yY];
fragment Z : [zZ];
