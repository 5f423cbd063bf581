spool &1
prompt spooled line
select 1 as one from dual;
spool off
prompt not spooled
spool &1 append
prompt appended line
spool off
show spool
