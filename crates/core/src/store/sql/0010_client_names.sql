-- Every client's name of a business, read from one small index (issue 14: the time list of a
-- business names its 20,000 rows from a map of every client's name, and reading the names from
-- the clients' rows, each with its raw JSON, took a quarter of the list's time, mostly in reading
-- 2 MB of pages). The columns the name is made of, after the id: `CLIENT_NAME` reads this index
-- alone.
CREATE INDEX clients_names ON clients(business_id, id, organization, fname, lname);
