prompt code for &1, version &2
create or replace procedure inst_report is
  n number;
begin
  select count(*) into n from inst_items;
  dbms_output.put_line(n || ' items');
end;
/
set serveroutput on
