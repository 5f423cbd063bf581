REM Substitution variables: arguments, DEFINE, &&, the period, VERIFY, SET DEFINE.
prompt first argument: &1, second: &2
define table_name = sub_t
create table &table_name (id number, label varchar2(20));
insert into &table_name. values (1, '&2._suffix');
set verify off
insert into &&table_name values (2, 'two');
select id, label from &table_name order by id;
set define off
insert into sub_t values (3, 'Fish & Chips');
set define on
set define ^
select label from ^table_name where id = 3;
set define &
undefine table_name
define 1
define _user
define nosuch
drop table sub_t;
