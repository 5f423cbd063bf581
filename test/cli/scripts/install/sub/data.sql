insert into inst_items (id, name) values (1, 'one');
insert into inst_items (id, name) values (2, 'two');
commit;
