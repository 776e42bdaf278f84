"""What follows a panel for its members: their follow-up choices now; the
board's answer, the members' decisions and networks with the next issues.

A Django app above ``results``: it may read the report. ``responses`` (below
it) learns through ``responses.services.follow_up_recorder_register`` where
to record the choices a member makes on the thank-you page.
"""
