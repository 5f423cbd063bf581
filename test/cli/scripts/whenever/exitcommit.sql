set exitcommit off
insert into we_log values ('exitcommit off: undone');
