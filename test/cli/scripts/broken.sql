prompt before the broken statement
select 'complete' as s from dual;
select 'never closed from dual;
prompt not reached
