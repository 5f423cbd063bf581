set feedback off pagesize 0
select pg_sleep(0.4) from dual;
select pg_sleep(0.4) from dual;
select pg_sleep(0.4) from dual;
select pg_sleep(0.4) from dual;
select 'last' from dual;
