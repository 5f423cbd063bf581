REM Abbreviations, continued lines, NEW_VALUE, session settings across a
REM rollback, SET TRANSACTION, a failing COMMIT, DESCRIBE of quoted names.
pro abbreviated prompt
set linesize 100 -
    pagesize 20
show linesize
show pagesize
show define
column cnt new_value row_count noprint
select count(*) as cnt, 'shown' as other from dual;
prompt row_count is &row_count
alter session set nls_date_format = 'DD.MM.YYYY';
create table rv_t (d date, "MixedCase" number);
insert into rv_t values (to_date('2026-12-07', 'YYYY-MM-DD'), 1);
rollback;
insert into rv_t values (to_date('2026-12-08', 'YYYY-MM-DD'), 2);
begin
  for r in (select d from rv_t) loop
    dbms_output.put_line('date after rollback: ' || r.d);
  end loop;
end;
/
set serveroutput on
/
set transaction read only;
set transaction isolation level serializable;
commit;
set transaction isolation level serializable;
select count(*) as cnt2 from rv_t;
commit;
desc rv_t
desc public."rv_t"
desc "RV_T"
create table rv_parent (id number primary key);
create table rv_child (pid number references rv_parent deferrable initially deferred);
insert into rv_child values (42);
commit;
select count(*) as children from rv_child;
create or replace type rv_type as object (a number);
/
drop type rv_type;
drop table rv_child;
drop table rv_parent;
drop table rv_t;
@.
