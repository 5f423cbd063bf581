REM PL/SQL units, DBMS_OUTPUT, compile errors and SHOW ERRORS, runtime
REM errors with their PL/SQL stack.
set serveroutput on
create or replace procedure greet(p_name in varchar2) is
begin
  dbms_output.put_line('Hello, ' || p_name);
end greet;
/
show errors
exec greet('world')
create or replace function twice(n number) return number is
begin
  return n * 2;
end;
/
select twice(21) as answer from dual;
create or replace procedure broken is
  v number;
begin
  v := 1 +;
end;
/
show errors
create or replace procedure undeclared is
begin
  v_missing := 1;
end;
/
show errors procedure undeclared
show errors procedure greet
create or replace package counter is
  procedure bump;
  function value return number;
end counter;
/
create or replace package body counter is
  n number := 0;
  procedure bump is begin n := n + 1; end;
  function value return number is begin return n; end;
end counter;
/
desc counter
begin
  counter.bump;
  counter.bump;
  dbms_output.put_line('counter = ' || counter.value);
end;
/
create or replace package broken_pkg is
  procedure p;
end;
/
create or replace package body broken_pkg is
  procedure p is
  begin
    no_such_thing;
  end;
end;
/
show errors
drop package broken_pkg;
create or replace procedure inner_fail is
begin
  raise_application_error(-20042, 'inner failure');
end;
/
begin
  dbms_output.put_line('before');
  inner_fail;
end;
/
declare
  x number;
begin
  x := 1 / 0;
end;
/
begin
  null
end;
/
set serveroutput off
exec greet('nobody sees this')
desc twice
desc greet
drop package counter;
drop procedure greet;
drop function twice;
drop procedure inner_fail;
