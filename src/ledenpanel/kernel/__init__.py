"""Pure building blocks shared by the apps and the pure packages.

Nothing here imports Django or any Ledenpanel app, so the command-line tools
(``ledenpanel analyse``, ``ledenpanel lint``) and every app can use it.
"""
