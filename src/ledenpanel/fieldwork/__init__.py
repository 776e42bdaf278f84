"""Fieldwork: what happens across the apps when a panel opens, closes or is
cancelled, and the board's pages for it.

``transitions`` has the steps each state change sets going (invitations,
mail, letters, the open link, the close procedure), registered with
``panels.services`` at start-up (``apps``), so panels needs no import of the
apps above it. ``opening`` computes the confirmation page's figures,
``monitor`` the fieldwork monitor's; ``views`` serves both. The sweep that
closes due panels and catches up on lost work is the ``close_due_panels``
management command.
"""
