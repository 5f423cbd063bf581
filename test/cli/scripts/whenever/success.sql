whenever sqlerror exit
select * from nosuch_table;
prompt not reached
