insert into we_log values ('exit rollback: undone');
exit rollback
