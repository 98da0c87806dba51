#!/bin/sh
# Run once, when the primary's cluster is created: lets a replica on the compose network copy
# and follow it with the application user's password.
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
