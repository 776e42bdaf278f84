"""The site around the apps: the root URLs, the staff home page, the
language switch and what every template gets (``context_processors``)."""
