whenever sqlerror exit failure
insert into we_log values ('failure: kept, EXIT commits by default');
select * from nosuch_table;
prompt not reached
