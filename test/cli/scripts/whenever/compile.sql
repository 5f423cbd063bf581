whenever sqlerror exit failure
create or replace procedure we_bad is
begin
  undefined_thing;
end;
/
show errors
prompt a unit that does not compile is no SQLERROR, as in Oracle
