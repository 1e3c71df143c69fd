// grammar: the weft language (LANGUAGE.md §1-§9, §11) for ANTLR 4.7; compiler/ast_builder turns the tree into ast::.
//
// Design notes (see also compiler/ast_builder.h):
// - Expressions are written as one rule per precedence level (no left recursion), so every
//   decision needs only a token or two of lookahead and SLL prediction almost never falls back.
//   Right-associative operators (implies, iff, ^) are parsed as loops and folded to the right
//   by the builder.
// - `let x = e1 in e2`: e1 is parsed by the *NoIn copies of the upper levels, whose comparison
//   has no `in`, so an unparenthesised `in` ends e1.
// - Types are parsed as additive expressions (`typeExpr`), and the builder converts: a name is a
//   named type, `a..b` a range, a compound type (`set of T`, `[D] -> T`, ...) is itself.
// - `{A : B, C}` is parsed as expressions; the builder decides between a filter (A is
//   `Name in S`) and a map (B, C are binders `x in S` or `x, y in S`).
// - `max` is an identifier; `seq of T max K` checks its spelling in the builder.
grammar Weft;

// ---------------------------------------------------------------- module and declarations (§2)
moduleFile : moduleHeader? decl* EOF ;

moduleHeader : 'module' ID ;

decl
  : 'import' STRING                                              # importDecl
  | 'const' ID '=' expr                                          # constDecl
  | 'enum' ID '{' ID (',' ID)* ','? '}'                          # enumDecl
  | 'type' ID '=' typeExpr                                       # typeDecl
  | 'var' varBinding                                             # varDecl
  | 'initially' expr                                             # initiallyDecl
  | 'constraint' expr                                            # constraintDecl
  | 'lock' ID ('[' typeExpr ']')? (':' lockKind)?                # lockDecl
  | 'lock_order' ID (('<' ID)+ | by=ID key=ID)                  # lockOrderDecl  // by: `L by index` (docs/adr/0002)
  | 'def' ID ('(' params? ')')? '=' expr                         # defDecl
  | 'action' ID ('(' params? ')')? block                         # actionDecl
  | 'process' ID ('[' param ']')? processBody                    # processDecl
  | 'proc' ID ('(' procParams? ')')? block                       # procDecl
  | 'invariant' ID ':' expr                                      # invariantDecl
  | 'cover' ID ':' expr                                          # coverDecl
  | 'check' what=(ID | 'lock_order') state=('on' | 'off')        # checkDecl
  ;

varBinding : ID ':' typeExpr (init=('=' | 'in') expr)? ;

lockKind : 'mutex' | 'spinlock' | 'rwsem' 'queued'? ;

params : param (',' param)* ;
param : ID ':' typeExpr ;
procParams : procParam (',' procParam)* ;
procParam : ID (':' typeExpr)? ;

// ---------------------------------------------------------------- statements (§5, §6)
// Local variables belong at the top of a process body; the builder reports a misplaced one.
processBody : '{' (localVar | stmt | ';')* '}' ;
localVar : 'var' varBinding ;

block : '{' (stmt | ';')* '}' ;

stmt : (label=ID ':')? stmtBody ;

stmtBody
  : 'require' expr                                               # requireStmt
  | lvalue (prime='\'' '=' | ':=') expr                          # assignStmt
  | 'await' expr                                                 # awaitStmt
  | 'acquire' expr lockMode=('exclusive' | 'shared')?            # acquireStmt
  | 'release' expr                                               # releaseStmt
  | 'assert' expr STRING?                                        # assertStmt
  | 'skip'                                                       # skipStmt
  | 'atomic' block                                               # atomicStmt
  | 'if' expr block ('else' 'if' expr block)* ('else' block)?    # ifStmt
  | 'while' expr block                                           # whileStmt
  | 'loop' block                                                 # loopStmt
  | 'break'                                                      # breakStmt
  | 'either' block ('or' block)+                                 # eitherStmt
  | 'with' binders block                                         # withStmt
  | 'call' ID ('(' args? ')')?                                   # callStmt
  ;

lvalue : ID lvalueSuffix* ;
lvalueSuffix : '[' expr ']' | '.' fieldName ;

binders : binderGroup (',' binderGroup)* ;
binderGroup : ID (',' ID)* 'in' expr ;

args : expr (',' expr)* ;

// ---------------------------------------------------------------- expressions (§4, §11)
expr : implExpr ;

implExpr : orExpr (('implies' | 'iff') orExpr)* ;
orExpr : andExpr ('or' andExpr)* ;
andExpr : notExpr ('and' notExpr)* ;
notExpr : 'not' notExpr | cmpExpr ;
cmpExpr : unionExpr (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin' | 'subset') unionExpr)? ;

// The value of a `let`: the same levels without `in` as a comparison.
letValue : implExprNoIn ;
implExprNoIn : orExprNoIn (('implies' | 'iff') orExprNoIn)* ;
orExprNoIn : andExprNoIn ('or' andExprNoIn)* ;
andExprNoIn : notExprNoIn ('and' notExprNoIn)* ;
notExprNoIn : 'not' notExprNoIn | cmpExprNoIn ;
cmpExprNoIn : unionExpr (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'notin' | 'subset') unionExpr)? ;

unionExpr : interExpr (('union' | '\\') interExpr)* ;
interExpr : rangeExpr ('inter' rangeExpr)* ;
rangeExpr : addExpr ('..' addExpr)? ;
addExpr : mulExpr (('+' | '-') mulExpr)* ;
mulExpr : powExpr (('*' | '/' | '%') powExpr)* ;
powExpr : unaryExpr ('^' unaryExpr)* ;
unaryExpr : '-' unaryExpr | postfixExpr ;

postfixExpr : primary postfixOp* withTail? ;

postfixOp
  : '[' expr ']'                                                 # indexOp
  | '.' fieldName                                                # fieldOp
  | '\''                                                         # primeOp
  | '@' (ID | 'end')                                             # atOp
  ;

// `f with [i] = v` / `r with .f = v`: the new value extends as far right as possible.
withTail
  : 'with' '[' expr ']' '=' expr                                 # funcUpdate
  | 'with' '.' fieldName '=' expr                                # recordUpdate
  ;

primary
  : INT                                                          # intLit
  | ('true' | 'false')                                           # boolLit
  | STRING                                                       # stringLit
  | 'self'                                                       # selfExpr
  | ID '(' args? ')'                                             # callExpr
  | ID                                                           # nameExpr
  | '(' expr ')'                                                 # parenExpr
  | '{' (expr setTail)? '}'                                      # setExpr
  | '[' ID 'in' expr '|->' expr ']'                              # funcCtor
  | '[' fieldName '|->' expr (',' fieldName '|->' expr)* ']'     # recordCtor
  | '<<' args? '>>'                                              # seqLit
  | 'if' expr 'then' expr 'else' expr                            # ifExpr
  | quant=('forall' | 'exists' | 'sum') binders ':' expr         # quantExpr
  | 'let' ID '=' letValue 'in' expr                              # letExpr
  | compoundType                                                 # typeAsSet
  ;

setTail
  : ':' expr (',' expr)*                                         # comprehensionTail
  | (',' expr)*                                                  # elementsTail
  ;

// ---------------------------------------------------------------- types (§3)
// A type is parsed as an additive expression, optionally `..` another (see the notes above).
typeExpr : addExpr ('..' addExpr)? ;

compoundType
  : 'bool'                                                       # boolType
  | 'set' 'of' typeExpr                                          # setType
  | 'seq' 'of' typeExpr maxWord=ID addExpr                       # seqType
  | '[' typeExpr ']' '->' typeExpr                               # funcType
  | '[' fieldType (',' fieldType)* ']'                           # recordType
  ;

fieldType : fieldName ':' typeExpr ;

// Record field names may be keywords (`m.type`).
fieldName
  : ID
  | 'module' | 'import' | 'const' | 'enum' | 'type' | 'var' | 'initially' | 'constraint'
  | 'lock' | 'lock_order' | 'def' | 'action' | 'process' | 'proc' | 'invariant' | 'cover'
  | 'check' | 'on' | 'off' | 'require' | 'either' | 'or' | 'with' | 'if' | 'then' | 'else'
  | 'while' | 'loop' | 'break' | 'atomic' | 'skip' | 'await' | 'acquire' | 'release'
  | 'assert' | 'call' | 'shared' | 'exclusive' | 'mutex' | 'rwsem' | 'queued' | 'spinlock'
  | 'bool' | 'set' | 'of' | 'seq' | 'forall' | 'exists' | 'sum' | 'let' | 'in' | 'notin'
  | 'subset' | 'union' | 'inter' | 'and' | 'not' | 'implies' | 'iff' | 'true' | 'false'
  | 'self' | 'end'
  ;

// ---------------------------------------------------------------- lexical (§1, §9)
MODULE : 'module' ;
IMPORT : 'import' ;
CONST : 'const' ;
ENUM : 'enum' ;
TYPE : 'type' ;
VAR : 'var' ;
INITIALLY : 'initially' ;
CONSTRAINT : 'constraint' ;
LOCK : 'lock' ;
LOCK_ORDER : 'lock_order' ;
DEF : 'def' ;
ACTION : 'action' ;
PROCESS : 'process' ;
PROC : 'proc' ;
INVARIANT : 'invariant' ;
COVER : 'cover' ;
CHECK : 'check' ;
ON : 'on' ;
OFF : 'off' ;
REQUIRE : 'require' ;
EITHER : 'either' ;
OR : 'or' ;
WITH : 'with' ;
IF : 'if' ;
THEN : 'then' ;
ELSE : 'else' ;
WHILE : 'while' ;
LOOP : 'loop' ;
BREAK : 'break' ;
ATOMIC : 'atomic' ;
SKIP_ : 'skip' ;
AWAIT : 'await' ;
ACQUIRE : 'acquire' ;
RELEASE : 'release' ;
ASSERT : 'assert' ;
CALL : 'call' ;
SHARED : 'shared' ;
EXCLUSIVE : 'exclusive' ;
MUTEX : 'mutex' ;
RWSEM : 'rwsem' ;
QUEUED : 'queued' ;
SPINLOCK : 'spinlock' ;
BOOL : 'bool' ;
SET : 'set' ;
OF : 'of' ;
SEQ : 'seq' ;
FORALL : 'forall' ;
EXISTS : 'exists' ;
SUM : 'sum' ;
LET : 'let' ;
IN : 'in' ;
NOTIN : 'notin' ;
SUBSET : 'subset' ;
UNION : 'union' ;
INTER : 'inter' ;
AND : 'and' ;
NOT : 'not' ;
IMPLIES : 'implies' ;
IFF : 'iff' ;
TRUE : 'true' ;
FALSE : 'false' ;
SELF : 'self' ;
END : 'end' ;

MAPSTO : '|->' ;
ARROW : '->' ;
ASSIGN : ':=' ;
DOTDOT : '..' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LSEQ : '<<' ;
RSEQ : '>>' ;
LT : '<' ;
GT : '>' ;
EQUALS : '=' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CARET : '^' ;
BACKSLASH : '\\' ;
PRIME : '\'' ;
AT : '@' ;
DOT : '.' ;
COMMA : ',' ;
COLON : ':' ;
SEMI : ';' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

ID : [A-Za-z_] [A-Za-z0-9_]* ;
INT : [0-9]+ ;
// Escapes are checked by the builder (only \" and \\ are valid: E0107).
STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"' ;
// No closing quote before the end of the line: E0102 (reported before parsing).
UNTERMINATED_STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
// An unterminated comment runs to the end of the file: E0103 (the text does not end in */).
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(HIDDEN) ;
WS : [ \t\r\n\f\u000B\uFEFF]+ -> skip ;
// Anything else: E0101 (reported before parsing).
BAD_CHAR : . ;
