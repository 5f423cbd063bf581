REM Statements as SQL*Plus runs them: feedback, '/' runs the buffer again,
REM statement-level rollback, DDL's implicit commit, transaction statements.
create table dept (deptno number(2) primary key, dname varchar2(14), loc varchar2(13));
insert into dept values (10, 'ACCOUNTING', 'NEW YORK');
insert into dept values (20, 'RESEARCH', 'DALLAS');
/
insert into dept
  values (30,
          'SALES', 'CHICAGO');
update dept set loc = initcap(loc) where deptno >= 20;
select deptno, dname, loc from dept order by deptno;
savepoint before_delete;
delete from dept where deptno = 30;
select count(*) from dept;
rollback to before_delete;
select count(*) from dept;
rollback;
select count(*) from dept;
insert into dept values (40, 'OPERATIONS', 'BOSTON');
-- DDL commits the insert before it, as in Oracle
create index dept_loc on dept (loc);
rollback;
select dname from dept where deptno = 40;
select deptno, nvl(null, 'none') as nothing, decode(deptno, 10, 'ten', 'other') d
  from dept
 where deptno = 40;
select * from dept where deptno = 99;
select deptno from dept where rownum <= 1;
rollback to never_set;
commit;
select dname
  from dept
 where nosuch_column = 1;
drop index dept_loc;
drop table dept;
