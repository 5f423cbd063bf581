REM SET ECHO, TIMING, AUTOCOMMIT, SHOW of settings.
set echo on
select 1 as one from dual;
set echo off
set timing on
select 2 as two from dual;
set timing off
set autocommit on
insert into we_log values ('autocommit on: kept');
rollback;
set autocommit off
insert into we_log values ('autocommit off: undone by EXIT ROLLBACK');
show autocommit
show feedback
set feedback off
show feedback
show frobnicate
set frobnicate on
show all
exit rollback
