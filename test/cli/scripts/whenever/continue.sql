whenever sqlerror continue rollback
insert into we_log values ('continue rollback: undone');
select * from nosuch_table;
whenever sqlerror continue commit
insert into we_log values ('continue commit: kept');
select * from nosuch_table;
rollback;
whenever sqlerror continue none
insert into we_log values ('continue none: kept by the final EXIT');
select * from nosuch_table;
prompt still running
