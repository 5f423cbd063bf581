show user
connect scott/tiger@//127.0.0.1:&1/clitest
show user
select current_user as who from dual;
create table scott_t (a number);
insert into scott_t values (1);
disconnect
select 1 from dual;
connect scott/wrong@//127.0.0.1:&1/clitest
select 1 from dual;
connect "scott"/tiger@127.0.0.1:&1/clitest
select count(*) from scott_t;
drop table scott_t;
