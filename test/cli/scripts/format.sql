REM Result layout: PAGESIZE, HEADING, FEEDBACK, LINESIZE, COLUMN, NULL, COLSEP.
create table fmt (n number, s varchar2(40), d number(8,2));
insert into fmt select g, 'row ' || g, g * 1.5 from generate_series(1, 7) g;
insert into fmt values (null, null, null);
select n, s, d from fmt order by n nulls last;
set feedback 3
select n from fmt where n <= 2 order by n;
select n from fmt where n <= 3 order by n;
set feedback off
set null (null)
column s format a4 heading "Text"
select n, s from fmt where n is null or n = 1 order by n nulls last;
column s clear
set null ""
set pagesize 4
select n from fmt where n <= 5 order by n;
set pagesize 0
select s from fmt where n <= 3 order by n;
set pagesize 14 heading off
select n, s from fmt where n = 7;
set heading on linesize 20 colsep |
select s, s as t, d from fmt where n = 1;
set linesize 80 colsep " " underline =
select n as "Mixed Case" from fmt where n = 1;
set underline on
set feedback on
drop table fmt;
