whenever sqlerror exit sql.sqlcode rollback
insert into we_log values ('sqlcode: rolled back');
select * from nosuch_table;
prompt not reached
